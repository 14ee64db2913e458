package bench

import (
	"context"
	"fmt"
	"io"
	"testing"
)

// BenchmarkExport streams an Excel export of each size through
// Transactions.ExportExcel into io.Discard and reports the peak heap growth
// in heap-MiB (all heap objects, garbage included) and live-heap-MiB (what
// garbage collection found reachable). Neither may follow the file size.
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()

	for _, mib := range []int{20, 200} {
		b.Run(fmt.Sprintf("sdk=bynet/MiB=%d", mib), func(b *testing.B) {
			c := newBynet(b, fmt.Sprintf("/x/%d", mib))
			var peak, livePeak float64

			b.ReportAllocs()
			b.SetBytes(int64(mib) << 20)
			for b.Loop() {
				heap := startHeapSampler()
				body, _, err := c.Transactions.ExportExcel(ctx, nil)
				if err != nil {
					b.Fatal(err)
				}

				n, err := io.Copy(io.Discard, body)
				body.Close()
				objects, live := heap.growthMiB()
				peak, livePeak = max(peak, objects), max(livePeak, live)

				if err != nil || n != int64(mib)<<20 {
					b.Fatalf("streamed %d bytes (%v), want %d", n, err, int64(mib)<<20)
				}
			}

			b.ReportMetric(peak, "heap-MiB")
			b.ReportMetric(livePeak, "live-heap-MiB")
		})
	}
}
