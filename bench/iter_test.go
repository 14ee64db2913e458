package bench

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkIterate walks every row of a list through
// Transactions.FindAllIter, 100 rows a page, and reports the peak heap
// growth in heap-MiB (all heap objects, garbage included) and
// live-heap-MiB (what garbage collection found reachable). Two sizes show
// whether the growth follows the number of rows, which it must not.
func BenchmarkIterate(b *testing.B) {
	ctx := context.Background()

	for _, pages := range []int{100, 1000} {
		b.Run(fmt.Sprintf("sdk=bynet/rows=%d", pages*listPageSize), func(b *testing.B) {
			c := newBynet(b, fmt.Sprintf("/p/%d", pages))
			want := pages * listPageSize
			var peak, livePeak float64

			b.ReportAllocs()
			for b.Loop() {
				heap := startHeapSampler()
				rows := 0
				for _, err := range c.Transactions.FindAllIter(ctx, nil) {
					if err != nil {
						b.Fatal(err)
					}
					rows++
				}
				objects, live := heap.growthMiB()
				peak, livePeak = max(peak, objects), max(livePeak, live)

				if rows != want {
					b.Fatalf("iterated %d rows, want %d", rows, want)
				}
			}

			b.ReportMetric(peak, "heap-MiB")
			b.ReportMetric(livePeak, "live-heap-MiB")
		})
	}
}
