package bench

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// heapObjectsMetric is the runtime/metrics name of the bytes held by heap
// objects, live or not yet collected: MemStats.HeapAlloc without the
// stop-the-world of ReadMemStats.
const heapObjectsMetric = "/memory/classes/heap/objects:bytes"

// heapSampler records the peak heap size while a measured step runs.
type heapSampler struct {
	baseline uint64
	peak     uint64
	stop     chan struct{}
	done     sync.WaitGroup
}

// startHeapSampler collects garbage, takes the baseline and samples the
// heap every 200µs until stopped.
func startHeapSampler() *heapSampler {
	runtime.GC()
	runtime.GC()

	s := &heapSampler{stop: make(chan struct{})}
	s.baseline = readHeap()
	s.peak = s.baseline

	s.done.Add(1)
	go func() {
		defer s.done.Done()
		ticker := time.NewTicker(200 * time.Microsecond)
		defer ticker.Stop()
		for {
			select {
			case <-s.stop:
				return
			case <-ticker.C:
				s.peak = max(s.peak, readHeap())
			}
		}
	}()

	return s
}

// growthMiB stops the sampler and returns the peak heap growth over the
// baseline, in MiB.
func (s *heapSampler) growthMiB() float64 {
	close(s.stop)
	s.done.Wait()
	s.peak = max(s.peak, readHeap())
	return float64(s.peak-s.baseline) / (1 << 20)
}

func readHeap() uint64 {
	sample := []metrics.Sample{{Name: heapObjectsMetric}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}
