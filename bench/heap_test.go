package bench

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// Metrics that the heap sampler reads. heapObjectsMetric is what MemStats
// calls HeapAlloc: every heap object, live or garbage not yet collected,
// read without the stop-the-world of ReadMemStats. heapLiveMetric is the
// heap that the last garbage collection found reachable.
const (
	heapObjectsMetric = "/memory/classes/heap/objects:bytes"
	heapLiveMetric    = "/gc/heap/live:bytes"
)

// heapSampler records the peak heap sizes while a measured step runs.
type heapSampler struct {
	baseline, peak         uint64
	liveBaseline, livePeak uint64
	stop                   chan struct{}
	done                   sync.WaitGroup
}

// startHeapSampler collects garbage, takes the baselines and samples the
// heap every 200µs until stopped.
func startHeapSampler() *heapSampler {
	runtime.GC()
	runtime.GC()

	s := &heapSampler{stop: make(chan struct{})}
	s.baseline, s.liveBaseline = readHeap()
	s.peak, s.livePeak = s.baseline, s.liveBaseline

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
				s.sample()
			}
		}
	}()

	return s
}

func (s *heapSampler) sample() {
	objects, live := readHeap()
	s.peak = max(s.peak, objects)
	s.livePeak = max(s.livePeak, live)
}

// growthMiB stops the sampler and returns the peak growth over the
// baselines in MiB: of all heap objects, and of the live heap.
func (s *heapSampler) growthMiB() (objects, live float64) {
	close(s.stop)
	s.done.Wait()
	s.sample()
	return mib(s.peak, s.baseline), mib(s.livePeak, s.liveBaseline)
}

func mib(peak, baseline uint64) float64 {
	if peak < baseline {
		return 0
	}
	return float64(peak-baseline) / (1 << 20)
}

func readHeap() (objects, live uint64) {
	samples := []metrics.Sample{{Name: heapObjectsMetric}, {Name: heapLiveMetric}}
	metrics.Read(samples)
	return samples[0].Value.Uint64(), samples[1].Value.Uint64()
}
