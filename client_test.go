package bynet_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

func TestNewClientReadsKeyFromEnvironment(t *testing.T) {
	t.Setenv(bynet.APIKeyEnv, "sk_test_from_env")

	client, mock := mockedClientWithKey(t, "")
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/customers/c1",
		rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "c1"}))))

	_, _, err := client.Customers.FindByID(context.Background(), "c1")
	require.NoError(t, err)
	assert.Equal(t, "sk_test_from_env", rec.only(t).Header.Get("x-api-key"))
}

func TestNewClientPrefersExplicitKey(t *testing.T) {
	t.Setenv(bynet.APIKeyEnv, "sk_test_from_env")

	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/customers/c1",
		rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "c1"}))))

	_, _, err := client.Customers.FindByID(context.Background(), "c1")
	require.NoError(t, err)
	assert.Equal(t, fakeKey, rec.only(t).Header.Get("x-api-key"))
}

func TestNewClientWithoutKey(t *testing.T) {
	t.Setenv(bynet.APIKeyEnv, "")

	client, err := bynet.NewClient("")
	require.Error(t, err)
	assert.Nil(t, client)
	assert.Contains(t, err.Error(), bynet.APIKeyEnv)

	_, err = bynet.NewClient("   ")
	assert.Error(t, err, "a blank key")

	_, err = bynet.NewClient("sk_test\r\nX-Evil: 1")
	assert.Error(t, err, "a key with a line break")

	_, err = bynet.NewClient("sk_test\x00fake")
	assert.Error(t, err, "a key with a NUL")
}

func TestNewClientDefaults(t *testing.T) {
	client, err := bynet.NewClient("sk_test_fake")
	require.NoError(t, err)

	assert.Equal(t, bynet.DefaultBaseURL, client.BaseURL())
	assert.Equal(t, "https://api-gateway.techbynet.com", bynet.DefaultBaseURL)
	assert.NotNil(t, client.Transactions)
	assert.NotNil(t, client.Customers)
}

func TestNewClientRejectsInvalidOptions(t *testing.T) {
	cases := map[string]bynet.Option{
		"base URL plain http":         bynet.WithBaseURL("http://api.example.com"),
		"base URL relative":           bynet.WithBaseURL("/api"),
		"base URL empty":              bynet.WithBaseURL(""),
		"base URL other scheme":       bynet.WithBaseURL("ftp://api.example.com"),
		"base URL with query":         bynet.WithBaseURL("https://api.example.com?x=1"),
		"base URL with empty query":   bynet.WithBaseURL("https://api.example.com/?"),
		"base URL with fragment":      bynet.WithBaseURL("https://api.example.com#top"),
		"base URL with credentials":   bynet.WithBaseURL("https://user:pass@api.example.com"),
		"timeout zero":                bynet.WithTimeout(0),
		"timeout negative":            bynet.WithTimeout(-time.Second),
		"retry count negative":        bynet.WithRetry(-1, time.Millisecond, time.Second),
		"retry min wait negative":     bynet.WithRetry(1, -time.Millisecond, time.Second),
		"retry max wait below min":    bynet.WithRetry(1, time.Second, time.Millisecond),
		"user agent empty":            bynet.WithUserAgent(""),
		"user agent blank":            bynet.WithUserAgent("  "),
		"user agent with newline":     bynet.WithUserAgent("AtivoB2B/1.0\nX-Evil: 1"),
		"user agent with return":      bynet.WithUserAgent("AtivoB2B/1.0\r"),
		"user agent with NUL":         bynet.WithUserAgent("AtivoB2B/1.0\x00"),
		"max response bytes zero":     bynet.WithMaxResponseBytes(0),
		"max response bytes negative": bynet.WithMaxResponseBytes(-1),
		"HTTP client nil":             bynet.WithHTTPClient(nil),
	}

	for name, opt := range cases {
		t.Run(name, func(t *testing.T) {
			client, err := bynet.NewClient("sk_test_fake", opt)
			assert.Error(t, err)
			assert.Nil(t, client)
		})
	}
}

func TestNewClientAcceptsValidOptions(t *testing.T) {
	cases := map[string]bynet.Option{
		"white-label host":     bynet.WithBaseURL(bynet.BaseURLUmbrellaPag),
		"loopback over http":   bynet.WithBaseURL("http://127.0.0.1:8080"),
		"localhost over http":  bynet.WithBaseURL("http://localhost:8080/prefix/"),
		"IPv6 loopback":        bynet.WithBaseURL("http://[::1]:8080"),
		"retries off":          bynet.WithRetry(0, 0, 0),
		"custom user agent":    bynet.WithUserAgent("MyShop/2.0"),
		"nil logger":           bynet.WithLogger(nil),
		"small response cap":   bynet.WithMaxResponseBytes(1),
		"short timeout":        bynet.WithTimeout(time.Millisecond),
		"caller's HTTP client": bynet.WithHTTPClient(&http.Client{}),
	}

	for name, opt := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := bynet.NewClient("sk_test_fake", opt)
			assert.NoError(t, err)
		})
	}
}

func TestWithBaseURLKeepsPathPrefix(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithBaseURL("https://proxy.example.test/bynet/"))
	mock.RegisterResponder(http.MethodGet, "https://proxy.example.test/bynet/api/user/customers/c1",
		jsonResponder(200, envelopeBody(t, map[string]any{"id": "c1"})))

	_, _, err := client.Customers.FindByID(context.Background(), "c1")
	require.NoError(t, err)
	assert.Equal(t, "https://proxy.example.test/bynet", client.BaseURL())
}

func TestWithHTTPClientIsNotModified(t *testing.T) {
	mock := httpmock.NewMockTransport()
	caller := &http.Client{Transport: mock}

	_, err := bynet.NewClient("sk_test_fake", bynet.WithHTTPClient(caller), bynet.WithTimeout(time.Second))
	require.NoError(t, err)
	assert.Zero(t, caller.Timeout, "the caller's client keeps its own timeout")
}

func TestRequestHeadersOnGet(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
		rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"}))))

	_, _, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)

	got := rec.only(t)
	assert.Equal(t, fakeKey, got.Header.Get("x-api-key"))
	assert.Equal(t, "AtivoB2B/1.0", got.Header.Get("User-Agent"))
	assert.Equal(t, "application/json", got.Header.Get("Accept"))
	assert.Empty(t, got.Header.Values("Content-Type"), "a request without a body has no Content-Type")
	assert.Empty(t, got.Body)
}

func TestRequestHeadersOnPost(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithUserAgent("MyShop/2.0"))
	rec := &recorder{}
	mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions",
		rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1", "status": "WAITING_PAYMENT"}))))

	_, _, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.NoError(t, err)

	got := rec.only(t)
	assert.Equal(t, fakeKey, got.Header.Get("x-api-key"))
	assert.Equal(t, "MyShop/2.0", got.Header.Get("User-Agent"))
	assert.Equal(t, "application/json", got.Header.Get("Accept"))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
}

func TestDoDecodesData(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodPut, mockBase+"/api/user/transactions/tx1/delivery",
		rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1", "delivered": true}))))

	var out struct {
		ID        string `json:"id"`
		Delivered bool   `json:"delivered"`
	}
	err := client.Do(context.Background(), "put", "/api/user/transactions/tx1/delivery",
		map[string]string{"status": "delivered"}, &out)
	require.NoError(t, err)

	assert.Equal(t, "tx1", out.ID)
	assert.True(t, out.Delivered)

	got := rec.only(t)
	assert.Equal(t, http.MethodPut, got.Method)
	assert.JSONEq(t, `{"status":"delivered"}`, string(got.Body))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.Equal(t, fakeKey, got.Header.Get("x-api-key"))
}

func TestDoPassesQueryThrough(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transfers",
		rec.respond(jsonResponder(200, envelopeBody(t, []any{}))))

	err := client.Do(context.Background(), http.MethodGet, "/api/user/transfers?status=PAID&status=PENDING&page=2", nil, nil)
	require.NoError(t, err)

	got := rec.only(t)
	assert.Equal(t, "page=2&status=PAID&status=PENDING", got.Query)
	assert.Empty(t, got.Header.Values("Content-Type"))
}

func TestDoWithoutOutIgnoresData(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodDelete, mockBase+"/api/user/webhooks/w1",
		jsonResponder(200, `{"status":200,"message":"Removido","data":null,"error":null}`))

	err := client.Do(context.Background(), http.MethodDelete, "/api/user/webhooks/w1", nil, nil)
	assert.NoError(t, err)
}

func TestDoWithoutOutAcceptsNoContent(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodDelete, mockBase+"/api/user/webhooks/w1",
		httpmock.NewStringResponder(http.StatusNoContent, ""))

	err := client.Do(context.Background(), http.MethodDelete, "/api/user/webhooks/w1", nil, nil)
	assert.NoError(t, err)
}

func TestDoRejectsBadPaths(t *testing.T) {
	paths := map[string]string{
		"no leading slash":    "api/user/transactions",
		"empty":               "",
		"scheme-relative":     "//evil.example/api",
		"dot segment":         "/api/user/../admin",
		"encoded dot segment": "/api/user/%2e%2e/admin",
		"fragment":            "/api/user/transactions#x",
		"backslash":           "/api\\user",
		"newline":             "/api/user/transactions\n",
		"control character":   "/api/user/\x00transactions",
		"delete character":    "/api/user/\x7ftransactions",
		"control in query":    "/api/user/transactions?x=\r\n",
		"absolute URL":        "https://evil.example/api",
		"malformed query":     "/api/user/transactions?x=%zz",
	}

	for name, path := range paths {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)

			err := client.Do(context.Background(), http.MethodGet, path, nil, nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, bynet.ErrInvalidParams)
			assert.Zero(t, mock.GetTotalCallCount(), "nothing is sent")
		})
	}
}

func TestIDChecksBeforeIO(t *testing.T) {
	ids := map[string]string{
		"empty":          "",
		"slash":          "a/b",
		"question mark":  "a?b=1",
		"hash":           "a#b",
		"dot dot":        "..",
		"dot dot inside": "a..b",
		"single dot":     ".",
		"percent":        "a%2Fb",
		"backslash":      "a\\b",
		"newline":        "a\nb",
		"NUL":            "a\x00b",
		"tab":            "a\tb",
		"leading space":  " abc",
		"invalid UTF-8":  "a\xffb",
	}

	for name, id := range ids {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			ctx := context.Background()

			_, _, err := client.Transactions.FindByID(ctx, id)
			assert.ErrorIs(t, err, bynet.ErrInvalidParams, "Transactions.FindByID")

			_, _, err = client.Transactions.SummaryByID(ctx, id)
			assert.ErrorIs(t, err, bynet.ErrInvalidParams, "Transactions.SummaryByID")

			_, _, err = client.Customers.FindByID(ctx, id)
			assert.ErrorIs(t, err, bynet.ErrInvalidParams, "Customers.FindByID")

			assert.Zero(t, mock.GetTotalCallCount(), "nothing is sent")
		})
	}
}

func TestTransactionIDRejectsReservedSegments(t *testing.T) {
	for _, id := range []string{"summary", "SUMMARY", "export", "fee"} {
		t.Run(id, func(t *testing.T) {
			client, mock := mockedClient(t)

			_, _, err := client.Transactions.FindByID(context.Background(), id)
			require.ErrorIs(t, err, bynet.ErrInvalidParams)

			var verr *bynet.ValidationError
			require.ErrorAs(t, err, &verr)
			assert.Equal(t, "id", verr.Field)
			assert.Zero(t, mock.GetTotalCallCount(), "nothing is sent")
		})
	}
}

func TestIDIsPathEscaped(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, `=~^https://api\.bynet\.test/api/user/customers/`,
		rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "a b"}))))

	_, _, err := client.Customers.FindByID(context.Background(), "a b:ç")
	require.NoError(t, err)
	assert.Equal(t, "/api/user/customers/a%20b:%C3%A7", rec.only(t).Path)
}

func TestNilContext(t *testing.T) {
	client, mock := mockedClient(t)

	//nolint:staticcheck // a nil context is the case under test.
	_, _, err := client.Transactions.FindByID(nil, "tx1")
	assert.Error(t, err)
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestResponseBodyCapDefault(t *testing.T) {
	client, mock := mockedClient(t)
	huge := `{"status":200,"data":{"id":"` + strings.Repeat("x", bynet.DefaultMaxResponseBytes) + `"}}`
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(200, huge))

	_, _, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.Error(t, err)

	var decodeErr *bynet.DecodeError
	require.ErrorAs(t, err, &decodeErr)
	assert.ErrorIs(t, err, bynet.ErrResponseTooLarge)
	assert.Equal(t, 1, mock.GetTotalCallCount(), "a body over the cap is not retried")
	assert.Equal(t, 10<<20, bynet.DefaultMaxResponseBytes)
}

func TestResponseBodyCapOption(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithMaxResponseBytes(64))
	body := envelopeBody(t, map[string]any{"id": strings.Repeat("x", 100)})
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(200, body))

	_, _, err := client.Transactions.FindByID(context.Background(), "tx1")

	var decodeErr *bynet.DecodeError
	require.ErrorAs(t, err, &decodeErr)
	assert.ErrorIs(t, err, bynet.ErrResponseTooLarge)
	assert.Equal(t, 200, decodeErr.StatusCode)
}

func TestResponseBodyAtCapIsAccepted(t *testing.T) {
	body := envelopeBody(t, map[string]any{"id": "tx1"})
	client, mock := mockedClient(t, bynet.WithMaxResponseBytes(int64(len(body))))
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(200, body))

	tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, "tx1", tx.ID)
}

func TestResponseMetadata(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
		func(*http.Request) (*http.Response, error) {
			resp := httpmock.NewStringResponse(200, `{"status":200,"message":"Transação encontrada com sucesso.","data":{"id":"tx1"},"error":null}`)
			resp.Header.Set("X-Request-Id", "req-42")
			return resp, nil
		})

	_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "Transação encontrada com sucesso.", resp.Message)
	assert.Equal(t, "req-42", resp.RequestID)
	assert.Equal(t, 1, resp.Attempts)
}

func TestPreCancelledContextSendsNothing(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions",
		jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"})))

	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, _, err := client.Transactions.Create(ctx, minimalPixParams())
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown), "nothing was sent, so the outcome is known")
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestRedirectToAnotherHostKeepsKey(t *testing.T) {
	var leaked atomic.Value
	leaked.Store("")
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Store(r.Header.Get("x-api-key"))
		fmt.Fprint(w, `{"data":{"id":"tx1"}}`)
	}))
	defer other.Close()

	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusFound)
	}))
	defer api.Close()

	client, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(api.URL), bynet.WithRetry(0, 0, 0))
	require.NoError(t, err)

	tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")
	assert.Nil(t, tx)
	assert.Empty(t, leaked.Load(), "the other host never receives the API key")

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	assert.False(t, errors.Is(err, bynet.ErrBadRequest), "a redirect is not a bad request")
}

func TestRedirectWithinHostIsFollowed(t *testing.T) {
	var keys []string
	var mu sync.Mutex
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys = append(keys, r.Header.Get("x-api-key"))
		mu.Unlock()

		if r.URL.Path == "/old/api/user/transactions/tx1" {
			http.Redirect(w, r, "/api/user/transactions/tx1", http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, `{"data":{"id":"tx1"}}`)
	}))
	defer api.Close()

	client, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(api.URL+"/old"), bynet.WithRetry(0, 0, 0))
	require.NoError(t, err)

	tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, "tx1", tx.ID)
	assert.Equal(t, []string{fakeKey, fakeKey}, keys)
}

func TestClientConcurrentUse(t *testing.T) {
	client, mock := mockedClient(t)
	var calls atomic.Int32
	mock.RegisterResponder(http.MethodGet, `=~^https://api\.bynet\.test/api/user/transactions/tx\d+$`,
		func(req *http.Request) (*http.Response, error) {
			if calls.Add(1)%3 == 0 {
				return httpmock.NewStringResponse(503, `{"status":503}`), nil
			}
			id := strings.TrimPrefix(req.URL.Path, "/api/user/transactions/")
			return httpmock.NewStringResponse(200, `{"status":200,"data":{"id":"`+id+`"}}`), nil
		})

	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("tx%d", i)
			tx, _, err := client.Transactions.FindByID(context.Background(), id)
			if err == nil && tx.ID != id {
				err = fmt.Errorf("got %s for %s", tx.ID, id)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)

	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestCallerTimeoutIsKept(t *testing.T) {
	mock := httpmock.NewMockTransport()
	mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions", hang)

	client, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(mockBase),
		bynet.WithHTTPClient(&http.Client{Transport: mock, Timeout: 50 * time.Millisecond}))
	require.NoError(t, err)

	_, _, err = client.Transactions.Create(context.Background(), minimalPixParams())
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown, "the caller's 50 ms timeout applies")
	assert.Equal(t, 1, mock.GetTotalCallCount())
}
