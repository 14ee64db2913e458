package bench

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-github/v74/github"
	"github.com/stripe/stripe-go/v82"

	"github.com/bynet-go/bynet"
)

// newBynet returns a bynet-go client with its default transport and
// retries, pointed at the loopback server (under prefix, if any).
func newBynet(tb testing.TB, prefix string) *bynet.Client {
	tb.Helper()
	c, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(fx.srv.URL+prefix))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// peerHTTPClient is the *http.Client given to each peer SDK: a transport of
// its own, configured like the raw client's.
func peerHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 128
	t.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: t, Timeout: 30 * time.Second}
}

// newStripe returns a stripe-go client whose API backend is the loopback
// server, without retries, telemetry or logging.
func newStripe() *stripe.Client {
	backend := stripe.GetBackendWithConfig(stripe.APIBackend, &stripe.BackendConfig{
		URL:               stripe.String(fx.srv.URL),
		HTTPClient:        peerHTTPClient(),
		MaxNetworkRetries: stripe.Int64(0),
		EnableTelemetry:   stripe.Bool(false),
		LeveledLogger:     &stripe.LeveledLogger{Level: stripe.LevelNull},
	})
	backends := &stripe.Backends{API: backend, Connect: backend, Uploads: backend, MeterEvents: backend}
	return stripe.NewClient(fakeKey, stripe.WithBackends(backends))
}

// newGitHub returns a go-github client whose BaseURL is the loopback server.
func newGitHub(tb testing.TB) *github.Client {
	tb.Helper()
	c := github.NewClient(peerHTTPClient()).WithAuthToken(fakeKey)
	base, err := url.Parse(fx.srv.URL + "/")
	if err != nil {
		tb.Fatal(err)
	}
	c.BaseURL = base
	return c
}
