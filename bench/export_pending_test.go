//go:build !exportexcel

package bench

import "testing"

// BenchmarkExport is skipped until Transactions.ExportExcel exists; build
// with -tags exportexcel to run the real benchmark of export_test.go.
func BenchmarkExport(b *testing.B) {
	b.Skip("Transactions.ExportExcel is not in this version of the SDK; build with -tags exportexcel once it is")
}
