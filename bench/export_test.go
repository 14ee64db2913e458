//go:build exportexcel

package bench

import (
	"context"
	"fmt"
	"io"
	"testing"
)

// BenchmarkExport streams an Excel export of each size through
// Transactions.ExportExcel into io.Discard and reports the peak heap growth
// in heap-MiB, which must not follow the size of the file.
func BenchmarkExport(b *testing.B) {
	ctx := context.Background()

	for _, mib := range []int{20, 200} {
		b.Run(fmt.Sprintf("sdk=bynet/MiB=%d", mib), func(b *testing.B) {
			c := newBynet(b, fmt.Sprintf("/x/%d", mib))
			var peak float64

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
				peak = max(peak, heap.growthMiB())

				if err != nil || n != int64(mib)<<20 {
					b.Fatalf("streamed %d bytes (%v), want %d", n, err, int64(mib)<<20)
				}
			}

			b.ReportMetric(peak, "heap-MiB")
		})
	}
}
