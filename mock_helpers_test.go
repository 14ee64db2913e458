package bynet_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

const (
	fakeKey  = "sk_test_fake_0123456789"
	mockBase = "https://api.bynet.test"
	// validCPF and validCNPJ have correct check digits.
	validCPF  = "52998224725"
	validCNPJ = "11222333000181"
)

// mockedClient returns a client with the fake API key that sends through a
// fresh httpmock transport, with retry waits of a few milliseconds.
func mockedClient(t *testing.T, opts ...bynet.Option) (*bynet.Client, *httpmock.MockTransport) {
	t.Helper()
	return mockedClientWithKey(t, fakeKey, opts...)
}

// mockedClientWithKey is mockedClient with the API key given to NewClient.
func mockedClientWithKey(t *testing.T, key string, opts ...bynet.Option) (*bynet.Client, *httpmock.MockTransport) {
	t.Helper()

	mock := httpmock.NewMockTransport()
	base := []bynet.Option{
		bynet.WithHTTPClient(&http.Client{Transport: mock}),
		bynet.WithBaseURL(mockBase),
		bynet.WithRetry(3, time.Millisecond, 5*time.Millisecond),
	}

	client, err := bynet.NewClient(key, append(base, opts...)...)
	require.NoError(t, err)
	return client, mock
}

// envelopeBody wraps data in the API's success envelope.
func envelopeBody(t *testing.T, data any) string {
	t.Helper()

	body, err := json.Marshal(map[string]any{
		"status":  200,
		"message": "ok",
		"data":    data,
		"error":   nil,
	})
	require.NoError(t, err)
	return string(body)
}

// jsonResponder replies to every request with status and a JSON body.
func jsonResponder(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	}
}

// testdataFile returns the content of a file under testdata/.
func testdataFile(t *testing.T, name string) []byte {
	t.Helper()

	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// recorder keeps a copy of every request that reaches a responder, body
// included, so a test can check what was sent.
type recorder struct {
	mu       sync.Mutex
	requests []recordedRequest
}

type recordedRequest struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   []byte
}

// respond records the request, then returns the response of next.
func (r *recorder) respond(next httpmock.Responder) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		rec := recordedRequest{
			Method: req.Method,
			Path:   req.URL.EscapedPath(),
			Query:  req.URL.RawQuery,
			Header: req.Header.Clone(),
		}

		if req.Body != nil {
			body, err := io.ReadAll(req.Body)
			if err != nil {
				return nil, err
			}
			rec.Body = body
		}

		r.mu.Lock()
		r.requests = append(r.requests, rec)
		r.mu.Unlock()
		return next(req)
	}
}

// only returns the single recorded request, failing the test when there
// is not exactly one.
func (r *recorder) only(t *testing.T) recordedRequest {
	t.Helper()

	r.mu.Lock()
	defer r.mu.Unlock()
	require.Len(t, r.requests, 1, "requests sent")
	return r.requests[0]
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.requests)
}
