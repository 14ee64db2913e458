package bench

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	// concurrentWorkers share one client in BenchmarkConcurrent.
	concurrentWorkers = 64
	// concurrentCalls is the number of GET one object calls per operation.
	concurrentCalls = 10_000
)

// BenchmarkConcurrent makes concurrentCalls GET one object calls per
// operation from concurrentWorkers goroutines that share one new client.
// It reports the throughput in calls/s and the TCP connections that the
// server accepted during the operation in conns.
func BenchmarkConcurrent(b *testing.B) {
	ctx := context.Background()
	path := "/api/user/customers/" + customerID

	b.Run("sdk=raw", func(b *testing.B) {
		runConcurrent(b, func() (func() error, func()) {
			c := newRawClient()
			return func() error {
				var out rawEnvelope[rawCustomer]
				return c.call(ctx, http.MethodGet, path, nil, &out)
			}, c.close
		})
	})

	b.Run("sdk=bynet", func(b *testing.B) {
		runConcurrent(b, func() (func() error, func()) {
			c := newBynet(b, "")
			return func() error {
				_, _, err := c.Customers.FindByID(ctx, customerID)
				return err
			}, func() {}
		})
	})
}

// runConcurrent runs the calls of one operation. setup returns a fresh
// client's call and a function that releases the client.
func runConcurrent(b *testing.B, setup func() (call func() error, release func())) {
	b.ReportAllocs()
	var elapsed time.Duration
	var conns int64

	for i := 0; i < b.N; i++ {
		b.StopTimer()
		call, release := setup()
		before := settledConns()
		b.StartTimer()

		start := time.Now()
		if err := callConcurrently(call); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)

		b.StopTimer()
		conns += settledConns() - before
		release()
		// Closing the server side of every connection keeps the next
		// operation from reusing this client's idle connections.
		fx.srv.CloseClientConnections()
		b.StartTimer()
	}

	b.ReportMetric(float64(concurrentCalls*b.N)/elapsed.Seconds(), "calls/s")
	b.ReportMetric(float64(conns)/float64(b.N), "conns")
}

// settledConns returns the count of accepted connections once it has not
// changed for 100ms. A dial that the transport started during an operation
// may reach the server after the last call returned, and belongs to that
// operation, not to the next.
func settledConns() int64 {
	count := fx.newConns.Load()
	for {
		time.Sleep(100 * time.Millisecond)
		now := fx.newConns.Load()
		if now == count {
			return count
		}
		count = now
	}
}

func callConcurrently(call func() error) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, concurrentWorkers)

	for range concurrentWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= concurrentCalls {
				if err := call(); err != nil {
					errs <- err
					return
				}
			}
		}()
	}

	wg.Wait()
	close(errs)
	return <-errs
}
