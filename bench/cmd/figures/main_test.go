package main

import (
	"strings"
	"testing"
)

const sample = `goos: linux
BenchmarkGetCustomer/sdk=raw-2      1000  100 ns/op  50 B/op  10 allocs/op
BenchmarkGetCustomer/sdk=raw-2      1000  300 ns/op  50 B/op  10 allocs/op
BenchmarkGetCustomer/sdk=bynet-2    1000  210 ns/op  60 B/op  14 allocs/op
BenchmarkGetCustomer/sdk=stripe-2   1000  400 ns/op  70 B/op  20 allocs/op
BenchmarkGetCustomer/sdk=github-2   1000  300 ns/op  70 B/op  12 allocs/op
BenchmarkConcurrent/sdk=bynet-2        1  9 ns/op  95 calls/s  64.00 conns
BenchmarkConcurrent/sdk=bynet-2        1  9 ns/op  95 calls/s  60.00 conns
BenchmarkConcurrent/sdk=raw-2          1  9 ns/op  100 calls/s  70.00 conns
`

func TestComputeFigures(t *testing.T) {
	res, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}

	got := map[string]string{}
	for _, f := range compute(res) {
		got[f.name] = format(f.value)
	}

	want := map[string]string{
		"findbyid_ns_ratio_vs_raw":            "1.050",
		"findbyid_allocs_minus_raw":           "4",
		"stripe_findbyid_ns_ratio_vs_raw":     "2",
		"bynet_allocs_rank_among_sdks":        "2",
		"concurrency_throughput_ratio_vs_raw": "0.950",
		"concurrency_tcp_connections":         "64",
		"create_ns_ratio_vs_raw":              "NA",
		"export_heap_growth_mib":              "NA",
	}
	for name, value := range want {
		if got[name] != value {
			t.Errorf("%s = %s, want %s", name, got[name], value)
		}
	}
}
