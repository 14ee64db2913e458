package bynet_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

// sequence replies with the given responders in order, repeating the last
// one, and counts the calls.
type sequence struct {
	mu        sync.Mutex
	calls     int
	responses []httpmock.Responder
}

func (s *sequence) respond(req *http.Request) (*http.Response, error) {
	s.mu.Lock()
	i := min(s.calls, len(s.responses)-1)
	s.calls++
	s.mu.Unlock()
	return s.responses[i](req)
}

func (s *sequence) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// statusWithRetryAfter replies with status and a Retry-After header.
func statusWithRetryAfter(status int, retryAfter string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, fmt.Sprintf(`{"status":%d,"message":"Tente novamente"}`, status))
		resp.Header.Set("Retry-After", retryAfter)
		return resp, nil
	}
}

// hang waits until the request is canceled, like a server that never replies.
func hang(req *http.Request) (*http.Response, error) {
	select {
	case <-req.Context().Done():
		return nil, req.Context().Err()
	case <-time.After(10 * time.Second):
		return nil, errors.New("test responder was never canceled")
	}
}

func pixParamsWithRef(ref string) *bynet.CreateTransactionParams {
	params := minimalPixParams()
	params.ExternalRef = ref
	return params
}

func TestCreateSentOnceOnServerError(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodPost, createURL, statusWithRetryAfter(status, "0"))

			tx, resp, err := client.Transactions.Create(context.Background(), pixParamsWithRef("order-500"))
			require.Error(t, err)
			assert.Nil(t, tx)
			assert.Equal(t, 1, mock.GetTotalCallCount(), "a create is never resent after a 5xx")
			require.NotNil(t, resp)
			assert.Equal(t, 1, resp.Attempts)
			assert.Equal(t, status, resp.StatusCode)

			assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown)
			assert.ErrorIs(t, err, bynet.ErrServer)

			var unknown *bynet.OutcomeUnknownError
			require.ErrorAs(t, err, &unknown)
			assert.Equal(t, "order-500", unknown.ExternalRef)
			assert.Equal(t, http.MethodPost, unknown.Method)
			assert.Contains(t, err.Error(), "order-500")
			assert.Contains(t, err.Error(), "may have been processed")

			var apiErr *bynet.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, status, apiErr.StatusCode)
		})
	}
}

func TestCreateSentOnceOnTimeout(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithTimeout(50*time.Millisecond))
	mock.RegisterResponder(http.MethodPost, createURL, hang)

	_, _, err := client.Transactions.Create(context.Background(), pixParamsWithRef("order-timeout"))
	require.Error(t, err)
	assert.Equal(t, 1, mock.GetTotalCallCount(), "a create is never resent after a timeout")
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown)

	var unknown *bynet.OutcomeUnknownError
	require.ErrorAs(t, err, &unknown)
	assert.Equal(t, "order-timeout", unknown.ExternalRef)
}

func TestCreateSentOnceOnTimeoutOverLoopback(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		// Reading the body lets the server notice the client hanging up.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer srv.Close()

	client, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(srv.URL),
		bynet.WithTimeout(50*time.Millisecond), bynet.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)

	_, _, err = client.Transactions.Create(context.Background(), pixParamsWithRef("order-loopback"))
	require.Error(t, err)
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown)
	assert.Equal(t, int32(1), posts.Load())
}

func TestCreateSentOnceWhenContextEndsInFlight(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, hang)

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()

	_, _, err := client.Transactions.Create(ctx, pixParamsWithRef("order-ctx"))
	require.Error(t, err)
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestCreateRetriedOnRateLimit(t *testing.T) {
	client, mock := mockedClient(t)
	seq := &sequence{responses: []httpmock.Responder{
		statusWithRetryAfter(429, "0"),
		jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1", "status": "WAITING_PAYMENT"})),
	}}
	rec := &recorder{}
	mock.RegisterResponder(http.MethodPost, createURL, rec.respond(seq.respond))

	tx, resp, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.NoError(t, err)
	assert.Equal(t, "tx1", tx.ID)
	assert.Equal(t, 2, seq.count())
	assert.Equal(t, 2, resp.Attempts)

	require.Len(t, rec.requests, 2)
	assert.NotEmpty(t, rec.requests[0].Body)
	assert.Equal(t, rec.requests[0].Body, rec.requests[1].Body, "the retry sends the same body")
	assert.Equal(t, "application/json", rec.requests[1].Header.Get("Content-Type"))
	assert.Equal(t, fakeKey, rec.requests[1].Header.Get("x-api-key"))
}

func TestCreateRateLimitedUntilRetriesRunOut(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, statusWithRetryAfter(429, "0"))

	_, resp, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.Error(t, err)
	assert.Equal(t, 4, mock.GetTotalCallCount(), "one try and three retries")
	assert.Equal(t, 4, resp.Attempts)
	assert.ErrorIs(t, err, bynet.ErrRateLimited)
	assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown), "a 429 means the server did not act")
}

// closedAddress returns a loopback address where nothing listens.
func closedAddress(t *testing.T) string {
	t.Helper()

	var config net.ListenConfig
	ln, err := config.Listen(context.Background(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	return addr
}

// countingTransport counts the attempts that reach it.
type countingTransport struct {
	next  http.RoundTripper
	count atomic.Int32
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.count.Add(1)
	return c.next.RoundTrip(req)
}

func TestCreateRetriedOnRefusedConnection(t *testing.T) {
	counter := &countingTransport{next: &http.Transport{}}
	client, err := bynet.NewClient(fakeKey,
		bynet.WithBaseURL("http://"+closedAddress(t)),
		bynet.WithHTTPClient(&http.Client{Transport: counter}),
		bynet.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)

	_, _, err = client.Transactions.Create(context.Background(), minimalPixParams())
	require.Error(t, err)
	assert.Equal(t, int32(4), counter.count.Load(), "a refused dial is retried")
	assert.ErrorIs(t, err, syscall.ECONNREFUSED)
	assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown), "nothing reached the server")
}

func TestCreateSucceedsAfterRefusedConnection(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"status":200,"data":{"id":"tx1","status":"WAITING_PAYMENT"}}`)
	}))
	defer srv.Close()

	refusedAddr := closedAddress(t)
	var dials atomic.Int32
	var dialer net.Dialer
	transport := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return dialer.DialContext(ctx, network, refusedAddr)
		}
		return dialer.DialContext(ctx, network, addr)
	}}
	defer transport.CloseIdleConnections()

	client, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(srv.URL),
		bynet.WithHTTPClient(&http.Client{Transport: transport}),
		bynet.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)

	tx, resp, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.NoError(t, err)
	assert.Equal(t, "tx1", tx.ID)
	assert.Equal(t, 2, resp.Attempts)
	assert.Equal(t, int32(1), posts.Load(), "the server saw the create once")
}

func TestDoPostIsNotRetriedOnServerError(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/cashout", statusWithRetryAfter(503, "0"))

	err := client.Do(context.Background(), http.MethodPost, "/api/user/cashout", map[string]any{"amount": 100}, nil)
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestGetRetriedOnServiceUnavailable(t *testing.T) {
	cases := map[string]string{
		"seconds":          "0",
		"HTTP date passed": time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat),
		"no header":        "",
		"invalid header":   "soon",
	}

	for name, retryAfter := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			seq := &sequence{responses: []httpmock.Responder{
				statusWithRetryAfter(503, retryAfter),
				statusWithRetryAfter(503, retryAfter),
				jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"})),
			}}
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", seq.respond)

			tx, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.NoError(t, err)
			assert.Equal(t, "tx1", tx.ID)
			assert.Equal(t, 3, seq.count())
			assert.Equal(t, 3, resp.Attempts)
			assert.Equal(t, 200, resp.StatusCode)
		})
	}
}

func TestGetRetriedOnServerErrors(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/customers", statusWithRetryAfter(status, ""))

			_, resp, err := client.Customers.FindAll(context.Background(), nil)
			require.Error(t, err)
			assert.Equal(t, 4, mock.GetTotalCallCount())
			assert.Equal(t, 4, resp.Attempts)
			assert.Equal(t, status, resp.StatusCode)

			var apiErr *bynet.APIError
			require.ErrorAs(t, err, &apiErr, "the last status and body reach the caller")
			assert.Equal(t, "Tente novamente", apiErr.Message)
			assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown))
		})
	}
}

func TestGetRetriedOnConnectionError(t *testing.T) {
	client, mock := mockedClient(t)
	seq := &sequence{responses: []httpmock.Responder{
		httpmock.NewErrorResponder(syscall.ECONNRESET),
		httpmock.ConnectionFailure,
		jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"})),
	}}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", seq.respond)

	_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, 3, seq.count())
	assert.Equal(t, 3, resp.Attempts)
}

func TestGetRetriedOnTimeout(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithTimeout(50*time.Millisecond))
	seq := &sequence{responses: []httpmock.Responder{
		hang,
		jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"})),
	}}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", seq.respond)

	_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
}

func TestGetConnectionErrorAfterRetries(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", httpmock.NewErrorResponder(syscall.ECONNRESET))

	_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.Error(t, err)
	assert.Nil(t, resp, "no response arrived")
	assert.Equal(t, 4, mock.GetTotalCallCount())
	assert.ErrorIs(t, err, syscall.ECONNRESET)
	assert.NotContains(t, err.Error(), mockBase, "the URL, which may hold a query, is not repeated")
}

func TestGetNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 422, 501} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", statusWithRetryAfter(status, "0"))

			_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.Error(t, err)
			assert.Equal(t, 1, mock.GetTotalCallCount())
			assert.Equal(t, 1, resp.Attempts)
		})
	}
}

func TestRetryAfterAboveMaxWaitReturnsAtOnce(t *testing.T) {
	cases := map[string]struct {
		retryAfter string
		min, max   time.Duration
	}{
		"seconds":   {"120", 120 * time.Second, 120 * time.Second},
		"HTTP date": {time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), 58 * time.Minute, time.Hour},
	}

	for name, tc := range cases {
		for _, status := range []int{429, 503} {
			t.Run(fmt.Sprintf("%s %d", name, status), func(t *testing.T) {
				client, mock := mockedClient(t, bynet.WithRetry(3, time.Millisecond, time.Second))
				mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", statusWithRetryAfter(status, tc.retryAfter))

				_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
				require.Error(t, err)
				assert.Equal(t, 1, mock.GetTotalCallCount(), "no retry when the server asks for more than the max wait")
				assert.Equal(t, 1, resp.Attempts)

				var apiErr *bynet.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.GreaterOrEqual(t, apiErr.RetryAfter, tc.min)
				assert.LessOrEqual(t, apiErr.RetryAfter, tc.max)
				assert.Contains(t, err.Error(), "retry after")
			})
		}
	}
}

func TestRetryAfterOnCreateRateLimit(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, statusWithRetryAfter(429, "60"))

	_, _, err := client.Transactions.Create(context.Background(), minimalPixParams())

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, time.Minute, apiErr.RetryAfter)
	assert.ErrorIs(t, err, bynet.ErrRateLimited)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithRetry(3, time.Millisecond, time.Minute))
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", statusWithRetryAfter(503, "30"))

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)

	start := time.Now()
	_, _, err := client.Transactions.FindByID(ctx, "tx1")
	elapsed := time.Since(start)

	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, elapsed, 5*time.Second, "the 30 s wait stops when the context is canceled")
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestCancelDuringCreateBackoffIsKnownOutcome(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithRetry(3, time.Millisecond, time.Minute))
	mock.RegisterResponder(http.MethodPost, createURL, statusWithRetryAfter(429, "30"))

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)

	_, _, err := client.Transactions.Create(ctx, minimalPixParams())
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown), "the only attempt was answered 429")
}

func TestRetriesOff(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithRetry(0, 0, 0))
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", statusWithRetryAfter(503, "0"))

	_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.Error(t, err)
	assert.Equal(t, 1, resp.Attempts)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestRetryLogsWithoutSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	client, mock := mockedClient(t, bynet.WithLogger(logger))
	seq := &sequence{responses: []httpmock.Responder{
		statusWithRetryAfter(503, "0"),
		jsonResponder(200, envelopeBody(t, []any{})),
	}}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions", seq.respond)

	_, _, err := client.Transactions.FindAll(context.Background(), &bynet.TransactionListParams{DocumentNumber: validCPF})
	require.NoError(t, err)

	text := logs.String()
	assert.Contains(t, text, "retrying")
	assert.Contains(t, text, "503")
	assert.NotContains(t, text, fakeKey)
	assert.NotContains(t, text, validCPF, "the query string is not logged")
}

// brokenBody replies 200 with a body that fails halfway, like a connection
// reset while the response is read.
func brokenBody(*http.Request) (*http.Response, error) {
	resp := httpmock.NewStringResponse(200, "")
	resp.Body = io.NopCloser(io.MultiReader(
		bytes.NewReader([]byte(`{"status":200,"data":{"id":"tx1"`)),
		resetReader{},
	))
	return resp, nil
}

type resetReader struct{}

func (resetReader) Read([]byte) (int, error) { return 0, syscall.ECONNRESET }

func TestGetRetriedWhenBodyBreaks(t *testing.T) {
	client, mock := mockedClient(t)
	seq := &sequence{responses: []httpmock.Responder{
		brokenBody,
		jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"})),
	}}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", seq.respond)

	tx, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, "tx1", tx.ID)
	assert.Equal(t, 2, resp.Attempts)
}

func TestLastAttemptDecidesTheError(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithRetry(1, time.Millisecond, 5*time.Millisecond))
	seq := &sequence{responses: []httpmock.Responder{brokenBody, statusWithRetryAfter(503, "0")}}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", seq.respond)

	_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.Error(t, err)
	assert.Equal(t, 2, resp.Attempts)

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr, "the 503 of the last attempt, not the broken body of the first")
	assert.Equal(t, 503, apiErr.StatusCode)
}

func TestCreateBodyBreaksIsOutcomeUnknown(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, brokenBody)

	_, _, err := client.Transactions.Create(context.Background(), pixParamsWithRef("order-broken"))
	require.Error(t, err)
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown)
	assert.ErrorIs(t, err, syscall.ECONNRESET)
	assert.Equal(t, 1, mock.GetTotalCallCount())

	var decodeErr *bynet.DecodeError
	assert.ErrorAs(t, err, &decodeErr)
}

func TestCreateWithUntrustedCertificateIsNotSent(t *testing.T) {
	var posts atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
	}))
	defer srv.Close()
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)

	client, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(srv.URL),
		bynet.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)

	_, _, err = client.Transactions.Create(context.Background(), minimalPixParams())
	require.Error(t, err)

	var certErr *tls.CertificateVerificationError
	assert.ErrorAs(t, err, &certErr)
	assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown), "the TLS handshake failed, so nothing was sent")
	assert.Zero(t, posts.Load())
}

func TestCreateEnvelopeServerErrorIsOutcomeUnknown(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL,
		jsonResponder(200, `{"status":500,"message":"Erro interno","data":null,"error":{"message":"timeout upstream"}}`))

	_, _, err := client.Transactions.Create(context.Background(), pixParamsWithRef("order-env500"))
	require.Error(t, err)
	assert.ErrorIs(t, err, bynet.ErrServer)
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown, "a 5xx in the envelope is as uncertain as an HTTP 5xx")
	assert.Equal(t, 1, mock.GetTotalCallCount())
}
