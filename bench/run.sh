#!/usr/bin/env bash
# Runs every benchmark of the bench module against its loopback server. It
# prints the results in the go test format that benchstat reads, then a
# benchstat table per benchmark when benchstat can be fetched, and last one
# "name value" line per summary figure.
#
# Usage: bash bench/run.sh [--ci]
#   --ci   runs each benchmark once (-benchtime=1x, one round) so that CI
#          checks that they build and run; the figures of such a run mean
#          nothing.
# Environment:
#   COUNT  rounds, that is runs per benchmark (default 6, the fewest for
#          which benchstat gives a confidence interval)
#   OUT    file that keeps the raw output (default: a temporary file)
set -euo pipefail

cd "$(dirname "$0")"

mode=full
if [[ "${1:-}" == "--ci" ]]; then
	mode=ci
fi

count="${COUNT:-6}"
out="${OUT:-$(mktemp -t bynet-bench.XXXXXX)}"

# The benchmarks are compiled once. Each round then runs every benchmark
# once, so that the clients of one comparison run side by side under the
# same load, which matters on a shared machine.
binary="$(mktemp -t bynet-bench-bin.XXXXXX)"
trap 'rm -f "$binary"' EXIT
go test -c -o "$binary" .

rounds="$count"
if [[ "$mode" == ci ]]; then
	rounds=1
fi

# bench runs the benchmarks matching $1 once with -benchtime $2 (1x in CI
# mode).
bench() {
	local pattern="$1" benchtime="$2"
	if [[ "$mode" == ci ]]; then
		benchtime=1x
	fi
	"$binary" -test.run '^$' -test.bench "$pattern" -test.benchtime "$benchtime" -test.benchmem | tee -a "$out"
}

: >"$out"
{
	echo "# nproc: $(nproc)"
	echo "# cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
	echo "# $(go version)"
} | tee -a "$out"

for ((round = 1; round <= rounds; round++)); do
	echo "# round $round of $rounds" | tee -a "$out"
	bench '^BenchmarkGetCustomer$' 1s
	bench '^BenchmarkCreatePix$' 1s
	bench '^BenchmarkListPage$' 1s
	bench '^BenchmarkConcurrent$' 3x
	bench '^BenchmarkIterate$' 1x
	bench '^BenchmarkExport$' 1x
done

if [[ "$mode" == full ]]; then
	echo
	if ! go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da -col /sdk "$out" 2>/dev/null; then
		echo "# benchstat could not be run; the raw results are in $out"
	fi
fi

echo
go run ./cmd/figures <"$out"
