package bynet

import "testing"

func TestDefaultTransportBoundsConnections(t *testing.T) {
	tr := newTransport()
	if tr.MaxConnsPerHost != 64 || tr.MaxIdleConnsPerHost != 64 {
		t.Errorf("MaxConnsPerHost, MaxIdleConnsPerHost = %d, %d; want 64, 64", tr.MaxConnsPerHost, tr.MaxIdleConnsPerHost)
	}
}
