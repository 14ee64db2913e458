package bynet

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when a goroutine outlives the tests, such as a
// retry wait, or the read loop of a response body or idle connection that
// was never closed.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
