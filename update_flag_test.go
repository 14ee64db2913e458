package bynet_test

import "flag"

// The -update flag makes tests rewrite the files they generate, such as
// docs/coverage.md and the golden files of transactions_test.go, which
// defines the flag itself. Package variables are initialized in file-name
// order, so this file runs after that one and defines the flag only when it
// is still missing. That keeps -update working for the coverage check on a
// branch without transactions_test.go, where a second definition would panic.
var _ = defineUpdateFlag()

func defineUpdateFlag() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the files that tests generate, such as docs/coverage.md")
	}
	return true
}
