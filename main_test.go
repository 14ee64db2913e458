package bynet

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a goroutine outlives the tests: a retry
// wait, a response body or an idle connection that nobody closes shows up
// here.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
