// Package bench measures bynet-go against a hand-written net/http and
// encoding/json client and against two other Go SDKs (stripe-go and
// go-github), all talking to one loopback server that sends payloads of the
// same byte size. The benchmarks live in the _test.go files of this package;
// run.sh runs them and prints the summary figures. See BENCHMARKS.md at the
// root of the repository for the method and the recorded figures.
//
// This is a separate module, so the SDK's go.mod never gains the peer SDKs as
// dependencies.
package bench
