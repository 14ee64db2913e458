package bynet_test

import "flag"

// The -update flag makes tests rewrite the files they generate, such as
// docs/coverage.md. Another test file of this package may define the same
// flag; this file's name sorts after the others, so its variable is
// initialized last and defines the flag only when it is still missing.
var _ = defineUpdateFlag()

func defineUpdateFlag() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the files that tests generate, such as docs/coverage.md")
	}
	return true
}
