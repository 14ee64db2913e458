// Command figures reads the output of the bench module's benchmarks on
// standard input and prints one "name value" line per summary figure. A
// figure whose benchmarks did not run is printed as NA.
//
// Each figure uses the median over the runs of every benchmark, except the
// connection count, which uses the maximum (the worst run). Ratios divide
// figures of the same input.
package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// results maps a benchmark name (without the -GOMAXPROCS suffix) and a unit
// to the values of every run.
type results map[string]map[string][]float64

func main() {
	res, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "figures:", err)
		os.Exit(1)
	}

	for _, f := range compute(res) {
		fmt.Println(f.name, format(f.value))
	}
}

// parse reads benchmark result lines: name, iterations, then value and
// unit pairs.
func parse(r io.Reader) (results, error) {
	res := results{}
	scanner := bufio.NewScanner(r)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(fields[1]); err != nil {
			continue
		}

		name := trimProcs(fields[0])
		if res[name] == nil {
			res[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			res[name][fields[i+1]] = append(res[name][fields[i+1]], v)
		}
	}
	return res, scanner.Err()
}

// trimProcs removes the "-N" suffix that go test adds for GOMAXPROCS.
func trimProcs(name string) string {
	i := strings.LastIndex(name, "-")
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}

type figure struct {
	name  string
	value float64
}

func compute(res results) []figure {
	get := func(bench, unit string) float64 { return median(res[bench][unit]) }
	worst := func(bench, unit string) float64 { return maximum(res[bench][unit]) }

	const get1 = "BenchmarkGetCustomer/sdk="
	allocs := map[string]float64{}
	for _, sdk := range []string{"bynet", "stripe", "github"} {
		allocs[sdk] = get(get1+sdk, "allocs/op")
	}

	return []figure{
		{"findbyid_ns_ratio_vs_raw", get(get1+"bynet", "ns/op") / get(get1+"raw", "ns/op")},
		{"findbyid_allocs_minus_raw", get(get1+"bynet", "allocs/op") - get(get1+"raw", "allocs/op")},
		{"create_ns_ratio_vs_raw", get("BenchmarkCreatePix/sdk=bynet", "ns/op") / get("BenchmarkCreatePix/sdk=raw", "ns/op")},
		{"list_decode_ns_ratio_vs_raw", get("BenchmarkListPage/sdk=bynet", "ns/op") / get("BenchmarkListPage/sdk=raw", "ns/op")},
		{"stripe_findbyid_ns_ratio_vs_raw", get(get1+"stripe", "ns/op") / get(get1+"raw", "ns/op")},
		{"github_findbyid_ns_ratio_vs_raw", get(get1+"github", "ns/op") / get(get1+"raw", "ns/op")},
		{"bynet_allocs_rank_among_sdks", rank(allocs, "bynet")},
		{"concurrency_throughput_ratio_vs_raw", get("BenchmarkConcurrent/sdk=bynet", "calls/s") / get("BenchmarkConcurrent/sdk=raw", "calls/s")},
		{"concurrency_tcp_connections", worst("BenchmarkConcurrent/sdk=bynet", "conns")},
		{"export_heap_growth_mib", get("BenchmarkExport/sdk=bynet/MiB=200", "heap-MiB")},
		{"iter_heap_growth_mib", get("BenchmarkIterate/sdk=bynet/rows=100000", "heap-MiB")},
	}
}

// rank returns the 1-based position of key when the values are sorted
// from smallest to largest; ties share the better rank. It is NaN when a
// value is missing.
func rank(values map[string]float64, key string) float64 {
	for _, v := range values {
		if math.IsNaN(v) {
			return math.NaN()
		}
	}

	r := 1.0
	for k, v := range values {
		if k != key && v < values[key] {
			r++
		}
	}
	return r
}

func median(values []float64) float64 {
	if len(values) == 0 {
		return math.NaN()
	}
	sorted := slices.Sorted(slices.Values(values))
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

func maximum(values []float64) float64 {
	if len(values) == 0 {
		return math.NaN()
	}
	return slices.Max(values)
}

func format(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "NA"
	case v == math.Trunc(v):
		return strconv.FormatFloat(v, 'f', 0, 64)
	default:
		return strconv.FormatFloat(v, 'f', 3, 64)
	}
}
