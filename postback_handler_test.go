package bynet_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

// postbackRecorder is a PostbackFunc that keeps what it received and returns err.
type postbackRecorder struct {
	mu   sync.Mutex
	got  []*bynet.Postback
	ctx  context.Context
	err  error
	hits int
}

func (rec *postbackRecorder) handle(ctx context.Context, p *bynet.Postback) error {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.got = append(rec.got, p)
	rec.ctx = ctx
	rec.hits++
	return rec.err
}

func serve(t *testing.T, h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestPostbackHandlerStatusCodes(t *testing.T) {
	const valid = `{"objectId":"tx-1","data":{"status":"paid","amount":1000}}`

	cases := map[string]struct {
		method, target, contentType, body string
		status                            int
	}{
		"accepted":          {http.MethodPost, "/pb?token=s3cret-long-random", "application/json", valid, http.StatusOK},
		"GET":               {http.MethodGet, "/pb?token=s3cret-long-random", "application/json", valid, http.StatusMethodNotAllowed},
		"no secret":         {http.MethodPost, "/pb", "application/json", valid, http.StatusUnauthorized},
		"wrong secret":      {http.MethodPost, "/pb?token=nope", "application/json", valid, http.StatusForbidden},
		"text/plain":        {http.MethodPost, "/pb?token=s3cret-long-random", "text/plain", valid, http.StatusUnsupportedMediaType},
		"too large":         {http.MethodPost, "/pb?token=s3cret-long-random", "application/json", valid + strings.Repeat(" ", 512), http.StatusRequestEntityTooLarge},
		"malformed":         {http.MethodPost, "/pb?token=s3cret-long-random", "application/json", `{"objectId":`, http.StatusBadRequest},
		"missing object id": {http.MethodPost, "/pb?token=s3cret-long-random", "application/json", `{"data":{"status":"paid"}}`, http.StatusBadRequest},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			rec := &postbackRecorder{}
			h, err := bynet.NewPostbackHandler(rec.handle,
				bynet.WithPostbackSecret("token", "s3cret-long-random"), bynet.WithPostbackMaxBytes(512))
			require.NoError(t, err)

			r := httptest.NewRequestWithContext(context.Background(), tc.method, tc.target, strings.NewReader(tc.body))
			r.Header.Set("Content-Type", tc.contentType)
			w := serve(t, h, r)

			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, "application/json", w.Header().Get("Content-Type"))
			assert.NotContains(t, w.Body.String(), "s3cret")
			if tc.status == http.StatusOK {
				assert.Equal(t, 1, rec.hits)
			} else {
				assert.Zero(t, rec.hits, "the function is not called for a rejected request")
			}
		})
	}
}

func TestPostbackHandlerAllowHeader(t *testing.T) {
	h, err := bynet.NewPostbackHandler((&postbackRecorder{}).handle)
	require.NoError(t, err)

	w := serve(t, h, httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/pb", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
	assert.Equal(t, http.MethodPost, w.Header().Get("Allow"))
}

func TestPostbackHandlerFunctionError(t *testing.T) {
	rec := &postbackRecorder{err: errors.New("insert order: password=hunter2 connection refused")}
	h, err := bynet.NewPostbackHandler(rec.handle)
	require.NoError(t, err)

	w := serve(t, h, postbackRequest("/pb", "application/json", `{"objectId":"tx-1","data":{"status":"paid"}}`))

	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.NotContains(t, w.Body.String(), "hunter2")
	assert.NotContains(t, w.Body.String(), "insert order")
	assert.JSONEq(t, `{"error":"Internal Server Error"}`, w.Body.String())
}

func TestPostbackHandlerPassesRequestContext(t *testing.T) {
	type key struct{}
	rec := &postbackRecorder{}
	h, err := bynet.NewPostbackHandler(rec.handle)
	require.NoError(t, err)

	r := postbackRequest("/pb", "application/json", `{"objectId":"tx-1","data":{"status":"paid"}}`)
	r = r.WithContext(context.WithValue(r.Context(), key{}, "request-scoped"))
	w := serve(t, h, r)

	require.Equal(t, http.StatusOK, w.Code)
	assert.JSONEq(t, `{"received":true}`, w.Body.String())
	assert.Equal(t, "request-scoped", rec.ctx.Value(key{}))
	require.Len(t, rec.got, 1)
	assert.Equal(t, bynet.StatusPaid, rec.got[0].Status)
	assert.False(t, rec.got[0].Verified)
}

func TestPostbackHandlerVerifies(t *testing.T) {
	cases := map[string]struct {
		body   string
		status int
	}{
		"genuine":        {`{"objectId":"tx-1","data":{"status":"paid"}}`, http.StatusOK},
		"unknown id":     {`{"objectId":"tx-forged","data":{"status":"paid"}}`, http.StatusForbidden},
		"changed amount": {`{"objectId":"tx-1","data":{"status":"paid","amount":99999}}`, http.StatusForbidden},
		"changed status": {`{"objectId":"tx-1","data":{"status":"chargedback"}}`, http.StatusForbidden},
		"API down":       {`{"objectId":"tx-down","data":{"status":"paid"}}`, http.StatusServiceUnavailable},
		"unknown kind":   {`{"objectId":"ck-1","data":{"type":"checkout","status":"paid"}}`, http.StatusUnprocessableEntity},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := newMockClient(t)
			respondWith(mock, "/api/user/transactions/tx-1", http.StatusOK, paidTransaction)
			respondWith(mock, "/api/user/transactions/tx-forged", http.StatusNotFound, "")
			mock.RegisterResponder(http.MethodGet, testBaseURL+"/api/user/transactions/tx-down",
				httpmock.NewStringResponder(http.StatusServiceUnavailable, `{"message":"indisponível"}`))

			rec := &postbackRecorder{}
			h, err := bynet.NewPostbackHandler(rec.handle, bynet.WithPostbackVerify(client))
			require.NoError(t, err)

			w := serve(t, h, postbackRequest("/pb", "application/json", tc.body))
			assert.Equal(t, tc.status, w.Code)
			assert.NotContains(t, w.Body.String(), "tx-")
			assert.NotContains(t, w.Body.String(), "indisponível")

			if tc.status != http.StatusOK {
				assert.Zero(t, rec.hits)
				return
			}
			require.Len(t, rec.got, 1)
			assert.True(t, rec.got[0].Verified)
			assert.Equal(t, int64(1000), rec.got[0].Amount, "the function gets the server's version")
			require.NotNil(t, rec.got[0].Transaction)
			assert.Equal(t, "Maria Silva", rec.got[0].Transaction.Customer.Name)
		})
	}
}

func TestPostbackHandlerLogsWithoutSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	rec := &postbackRecorder{}
	h, err := bynet.NewPostbackHandler(rec.handle,
		bynet.WithPostbackSecret("token", "s3cret-long-random"), bynet.WithPostbackLogger(logger))
	require.NoError(t, err)

	body := `{"id":"tx-1","status":"paid","amount":1000,"customer":{"name":"Maria Silva","document":{"number":"12345678909"}}}`
	serve(t, h, postbackRequest("/pb?token=s3cret-long-random", "application/json", body))
	serve(t, h, postbackRequest("/pb?token=wrong-guess", "application/json", body))
	rec.err = errors.New("database unavailable")
	serve(t, h, postbackRequest("/pb?token=s3cret-long-random", "application/json", body))

	out := logs.String()
	assert.Contains(t, out, "bynet: postback processed")
	assert.Contains(t, out, "bynet: postback rejected")
	assert.Contains(t, out, "database unavailable")
	assert.Contains(t, out, `"object_id":"tx-1"`)
	assert.Contains(t, out, `"path":"/pb"`)
	for _, secret := range []string{"s3cret-long-random", "wrong-guess", "Maria", "12345678909"} {
		assert.NotContains(t, out, secret)
	}
}

func TestPostbackHandlerOverHTTP(t *testing.T) {
	rec := &postbackRecorder{}
	h, err := bynet.NewPostbackHandler(rec.handle, bynet.WithPostbackSecret("token", "s3cret-long-random"))
	require.NoError(t, err)

	srv := httptest.NewServer(h)
	defer srv.Close()

	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, srv.URL+"/pb?token=s3cret-long-random",
		bytes.NewReader(testdataFile(t, "postback-paid.json")))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json; charset=utf-8")

	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())

	assert.Equal(t, http.StatusOK, resp.StatusCode)
	require.Len(t, rec.got, 1)
	assert.Equal(t, "E00000000000000000000000000000000", rec.got[0].EndToEndID)
}
