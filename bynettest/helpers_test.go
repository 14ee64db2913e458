package bynettest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

// object is a decoded JSON object.
type object = map[string]any

// do sends a JSON request through the SDK's raw escape hatch and decodes
// the envelope's data into an object.
func do(t *testing.T, client *bynet.Client, method, path string, body any) object {
	t.Helper()

	var out object
	require.NoError(t, client.Do(context.Background(), method, path, body, &out), "%s %s", method, path)
	return out
}

// doErr sends a request that must fail and returns its *APIError.
func doErr(t *testing.T, client *bynet.Client, method, path string, body any) *bynet.APIError {
	t.Helper()

	err := client.Do(context.Background(), method, path, body, nil)
	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr, "%s %s", method, path)
	return apiErr
}

// rawResponse is an HTTP response of the sandbox, envelope not unwrapped.
type rawResponse struct {
	status      int
	contentType string
	body        []byte
}

// send sends a request with the sandbox's key and the SDK's User-Agent,
// bypassing the SDK, so tests can see the exact response.
func send(t *testing.T, srv *bynettest.Server, method, path, contentType string, body []byte) rawResponse {
	t.Helper()

	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("x-api-key", srv.APIKey)
	req.Header.Set("User-Agent", bynet.DefaultUserAgent)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}

	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()

	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return rawResponse{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: data}
}

// multipartBody encodes fields and one file part per entry of files
// (part name to file name).
func multipartBody(t *testing.T, fields, files map[string]string) (string, []byte) {
	t.Helper()

	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, w.WriteField(k, v))
	}
	for part, name := range files {
		f, err := w.CreateFormFile(part, name)
		require.NoError(t, err)
		_, _ = f.Write([]byte("\x89PNG fake image"))
	}
	require.NoError(t, w.Close())
	return w.FormDataContentType(), buf.Bytes()
}

func sendMultipart(t *testing.T, srv *bynettest.Server, method, path string, fields, files map[string]string) object {
	t.Helper()

	contentType, body := multipartBody(t, fields, files)
	resp := send(t, srv, method, path, contentType, body)
	require.Equal(t, http.StatusOK, resp.status, string(resp.body))

	var env struct{ Data object }
	require.NoError(t, json.Unmarshal(resp.body, &env))
	return env.Data
}

// receiver is a postback endpoint on loopback that records each body
// and responds with the statuses queued in fail first, then 200.
type receiver struct {
	*httptest.Server

	mu     sync.Mutex
	bodies [][]byte
	fail   []int
}

func newReceiver(t *testing.T, fail ...int) *receiver {
	t.Helper()

	r := &receiver{fail: fail}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)

		r.mu.Lock()
		defer r.mu.Unlock()
		r.bodies = append(r.bodies, body)
		if len(r.fail) > 0 {
			w.WriteHeader(r.fail[0])
			r.fail = r.fail[1:]
			return
		}
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) received() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.bodies...)
}

// paidCharge creates a PIX charge of amount and pays it.
func paidCharge(t *testing.T, srv *bynettest.Server, client *bynet.Client, amount int64) *bynet.Transaction {
	t.Helper()

	tx, _, err := client.Transactions.Create(context.Background(), pixCharge(amount))
	require.NoError(t, err)
	require.NoError(t, srv.Pay(tx.ID))
	return tx
}
