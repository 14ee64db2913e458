package bynet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mockBase is the base URL that mockAPI clients send to.
const mockBase = "https://api.example.test"

// mockAPI is a client wired to its own httpmock transport. Every request
// that no responder matches fails the test and still counts as a call.
type mockAPI struct {
	t      *testing.T
	client *Client
	mock   *httpmock.MockTransport
}

func newMockAPI(t *testing.T, opts ...Option) *mockAPI {
	t.Helper()
	mock := httpmock.NewMockTransport()
	mock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		return nil, errors.New("no responder")
	})

	base := []Option{
		WithHTTPClient(&http.Client{Transport: mock}),
		WithBaseURL(mockBase),
		WithRetry(0, time.Millisecond, 5*time.Millisecond),
	}
	client, err := NewClient("sk_test_fake", append(base, opts...)...)
	require.NoError(t, err)

	return &mockAPI{t: t, client: client, mock: mock}
}

// seenRequest is one request that a mockAPI responder received.
type seenRequest struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   []byte
}

// requestLog collects the requests of one responder.
type requestLog struct {
	mu   sync.Mutex
	seen []seenRequest
}

func (r *requestLog) add(req *http.Request) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, seenRequest{
		Method: req.Method, Path: req.URL.Path, Query: req.URL.Query(),
		Header: req.Header.Clone(), Body: body,
	})
}

// requests returns a copy of what the responder received.
func (r *requestLog) requests() []seenRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seenRequest(nil), r.seen...)
}

// only returns the single request the responder received.
func (r *requestLog) only(t *testing.T) seenRequest {
	t.Helper()
	seen := r.requests()
	require.Len(t, seen, 1, "requests received")
	return seen[0]
}

// on responds to method path (any query) with status and a JSON body.
func (m *mockAPI) on(method, path string, status int, body string) *requestLog {
	return m.onFunc(method, path, func(*http.Request) (int, string) { return status, body })
}

// onFunc responds to method path with what answer returns for each request.
func (m *mockAPI) onFunc(method, path string, answer func(*http.Request) (int, string)) *requestLog {
	rec := &requestLog{}
	m.mock.RegisterResponder(method, mockBase+path, func(req *http.Request) (*http.Response, error) {
		rec.add(req)
		status, body := answer(req)
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json; charset=utf-8")
		return resp, nil
	})
	return rec
}

// calls returns how many requests the transport received.
func (m *mockAPI) calls() int {
	return m.mock.GetTotalCallCount()
}

// assertRequest checks the method, path, query, standard headers and JSON
// body of a request. An empty wantBody means no body must be sent.
func assertRequest(t *testing.T, got seenRequest, method, path string, query url.Values, wantBody string) {
	t.Helper()
	assert.Equal(t, method, got.Method, "method")
	assert.Equal(t, path, got.Path, "path")
	if query == nil {
		query = url.Values{}
	}
	assert.Equal(t, query, got.Query, "query")
	assert.Equal(t, "sk_test_fake", got.Header.Get("x-api-key"), "x-api-key header")
	assert.Equal(t, DefaultUserAgent, got.Header.Get("User-Agent"), "User-Agent header")

	if wantBody == "" {
		assert.Empty(t, got.Body, "body")
		assert.Empty(t, got.Header.Get("Content-Type"), "Content-Type of a body-less request")
		return
	}

	assert.Equal(t, "application/json", got.Header.Get("Content-Type"), "Content-Type")
	assert.JSONEq(t, wantBody, string(got.Body), "body")
}

// fixture returns the content of testdata/name.
func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(os.DirFS("testdata"), name)
	require.NoError(t, err)
	return string(data)
}

// injectUnknowns returns the JSON document body with an unknown field added
// to every object and the string value of every enumKey field replaced by
// "brand_new_value", as a newer server might send.
func injectUnknowns(t *testing.T, body, enumKey string) string {
	t.Helper()
	var doc any
	require.NoError(t, json.Unmarshal([]byte(body), &doc))

	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for key, child := range x {
				if _, isText := child.(string); key == enumKey && isText {
					x[key] = "brand_new_value"
				}
				walk(child)
			}
			x["fieldFromTheFuture"] = map[string]any{"nested": []any{1, "two", nil}}
		case []any:
			for _, child := range x {
				walk(child)
			}
		}
	}
	walk(doc)

	out, err := json.Marshal(doc)
	require.NoError(t, err)
	return string(out)
}

// pageBody returns an envelope holding page number page of pages with the
// given rows.
func pageBody(page, pages int, rows ...string) string {
	list := "[" + strings.Join(rows, ",") + "]"
	return fmt.Sprintf(`{"status":200,"message":"ok","data":{"data":%s,"page":%d,"pages":%d,"limit":%d,"total":%d},"error":null}`,
		list, page, pages, len(rows), pages*len(rows))
}

// iterCase describes a list endpoint for checkIterWalk and checkIterError.
type iterCase[T any] struct {
	path string
	// row returns the JSON of the row with the given id.
	row func(id string) string
	// walk ranges the iterator under test.
	walk func(ctx context.Context, api *mockAPI) iter.Seq2[T, error]
	// id returns the id of a decoded row.
	id func(T) string
}

// checkIterWalk serves three pages of two rows and checks that the
// iterator yields all six rows in order, asking for pages 1, 2 and 3.
func checkIterWalk[T any](t *testing.T, c iterCase[T]) {
	t.Helper()
	api := newMockAPI(t)
	rec := api.onFunc(http.MethodGet, c.path, func(r *http.Request) (int, string) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		return 200, pageBody(page, 3, c.row(fmt.Sprintf("p%d-a", page)), c.row(fmt.Sprintf("p%d-b", page)))
	})

	var ids []string
	for row, err := range c.walk(context.Background(), api) {
		require.NoError(t, err)
		ids = append(ids, c.id(row))
	}

	assert.Equal(t, []string{"p1-a", "p1-b", "p2-a", "p2-b", "p3-a", "p3-b"}, ids)
	var pages []string
	for _, req := range rec.requests() {
		pages = append(pages, req.Query.Get("page"))
	}
	assert.Equal(t, []string{"1", "2", "3"}, pages)
}

// checkIterError fails page two and checks that the iterator yields the
// first page's rows, then the error once, and stops.
func checkIterError[T any](t *testing.T, c iterCase[T]) {
	t.Helper()
	api := newMockAPI(t)
	api.onFunc(http.MethodGet, c.path, func(r *http.Request) (int, string) {
		if r.URL.Query().Get("page") == "2" {
			return 500, `{"status":500,"message":"falha interna","data":null,"error":"internal"}`
		}
		return 200, pageBody(1, 3, c.row("p1-a"), c.row("p1-b"))
	})

	var ids []string
	var errs []error
	for row, err := range c.walk(context.Background(), api) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, c.id(row))
	}

	assert.Equal(t, []string{"p1-a", "p1-b"}, ids)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrServer)
	assert.Equal(t, 2, api.calls())
}

// invalidCase is one call that must fail validation before any I/O.
type invalidCase struct {
	name  string
	field string
	call  func(ctx context.Context, c *Client) error
}

// checkInvalid runs each case against a fresh mock and checks that it
// returns a *ValidationError for the field and sends nothing.
func checkInvalid(t *testing.T, cases []invalidCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newMockAPI(t)
			err := tc.call(context.Background(), api.client)

			require.ErrorIs(t, err, ErrInvalidParams)
			var verr *ValidationError
			require.ErrorAs(t, err, &verr)
			assert.Equal(t, tc.field, verr.Field)
			assert.Zero(t, api.calls(), "requests sent")
		})
	}
}

// unusableIDs are ids that buildPath must reject.
var unusableIDs = map[string]string{
	"empty":     "",
	"slash":     "a/b",
	"dot-dot":   "..",
	"query":     "a?b=1",
	"space":     " a",
	"control":   "a\nb",
	"percent":   "a%2F",
	"fragment":  "a#b",
	"backslash": `a\b`,
}

// idCases returns one invalidCase per bad id for call.
func idCases(call func(ctx context.Context, c *Client, id string) error) []invalidCase {
	var cases []invalidCase
	for name, id := range unusableIDs {
		cases = append(cases, invalidCase{name: "id " + name, field: "id", call: func(ctx context.Context, c *Client) error {
			return call(ctx, c, id)
		}})
	}
	return cases
}
