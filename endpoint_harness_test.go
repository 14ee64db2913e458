package bynet

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const mockBaseURL = "https://api.example.test"

// newMockedClient returns a client whose requests go to a fresh mock
// transport, with near-zero retry waits.
func newMockedClient(t *testing.T) (*Client, *httpmock.MockTransport) {
	t.Helper()

	mock := httpmock.NewMockTransport()
	c, err := NewClient("sk_test_fake",
		WithHTTPClient(&http.Client{Transport: mock}),
		WithRetry(2, time.Millisecond, 5*time.Millisecond),
		WithBaseURL(mockBaseURL))
	require.NoError(t, err)
	return c, mock
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()

	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

// capturedRequest is what a mock responder saw.
type capturedRequest struct {
	method string
	path   string
	query  url.Values
	header http.Header
	body   []byte
}

// formPart is one expected or received multipart part.
type formPart struct {
	name     string
	fileName string
	content  string
}

// endpointCase describes one method's request and the response it decodes.
type endpointCase struct {
	method string
	// path is the escaped path the server must see.
	path string
	// query is the expected query; nil means none.
	query url.Values
	// jsonBody is the expected JSON body; "" means no body.
	jsonBody string
	// form lists the expected multipart parts in order; nil means not multipart.
	form []formPart
	// fixture is the testdata file that the mock returns as the response body.
	fixture string
	call    func(ctx context.Context, c *Client) (any, error)
	// check inspects the result decoded from the fixture as it is.
	check func(t *testing.T, result any)
}

// runEndpointCase sends the call against the fixture, checks the request,
// then sends it again against the fixture with an unknown field and
// unknown enum values added, which must decode too.
func runEndpointCase(t *testing.T, tc endpointCase) {
	t.Helper()
	fixture := readFixture(t, tc.fixture)

	t.Run("request and example", func(t *testing.T) {
		got, result := callWithFixture(t, tc, fixture)
		checkRequest(t, tc, got)
		if tc.check != nil {
			tc.check(t, result)
		}
	})

	t.Run("unknown field and enum", func(t *testing.T) {
		_, result := callWithFixture(t, tc, withUnknowns(t, fixture))
		for _, value := range enumValues(reflect.ValueOf(result)) {
			assert.Equal(t, "BRAND_NEW_VALUE", value)
		}
	})
}

func callWithFixture(t *testing.T, tc endpointCase, fixture []byte) (*capturedRequest, any) {
	t.Helper()
	c, mock := newMockedClient(t)

	var got *capturedRequest
	mock.RegisterResponder(tc.method, "=~^"+mockBaseURL, func(r *http.Request) (*http.Response, error) {
		got = capture(t, r)
		resp := httpmock.NewBytesResponse(http.StatusOK, fixture)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})

	result, err := tc.call(context.Background(), c)
	require.NoError(t, err)
	require.NotNil(t, got, "the server saw no request")
	assert.Equal(t, 1, mock.GetTotalCallCount())
	return got, result
}

func capture(t *testing.T, r *http.Request) *capturedRequest {
	got := &capturedRequest{method: r.Method, path: r.URL.EscapedPath(), query: r.URL.Query(), header: r.Header.Clone()}
	if r.Body != nil {
		body, err := io.ReadAll(r.Body)
		assert.NoError(t, err)
		got.body = body
	}
	return got
}

func checkRequest(t *testing.T, tc endpointCase, got *capturedRequest) {
	t.Helper()

	assert.Equal(t, tc.method, got.method, "method")
	assert.Equal(t, tc.path, got.path, "path")
	if tc.query == nil {
		assert.Empty(t, got.query, "query")
	} else {
		assert.Equal(t, tc.query, got.query, "query")
	}

	assert.Equal(t, "sk_test_fake", got.header.Get("x-api-key"))
	assert.Equal(t, DefaultUserAgent, got.header.Get("User-Agent"))
	assert.Equal(t, "application/json", got.header.Get("Accept"))

	switch {
	case tc.form != nil:
		assert.Equal(t, tc.form, parseForm(t, got.header.Get("Content-Type"), got.body))
	case tc.jsonBody != "":
		assert.Equal(t, "application/json", got.header.Get("Content-Type"))
		assert.JSONEq(t, tc.jsonBody, string(got.body))
	default:
		assert.Empty(t, got.body, "body")
		assert.Empty(t, got.header.Get("Content-Type"), "Content-Type of a request without body")
	}
}

// parseForm decodes a multipart/form-data body into its parts, in order.
func parseForm(t *testing.T, contentType string, body []byte) []formPart {
	t.Helper()

	mediaType, params, err := mime.ParseMediaType(contentType)
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mediaType)

	reader := multipart.NewReader(strings.NewReader(string(body)), params["boundary"])
	parts := []formPart{}
	for {
		part, err := reader.NextPart()
		if errors.Is(err, io.EOF) {
			return parts
		}
		require.NoError(t, err)

		content, err := io.ReadAll(part)
		require.NoError(t, err)
		parts = append(parts, formPart{name: part.FormName(), fileName: part.FileName(), content: string(content)})
	}
}

// withUnknowns returns the envelope with, in every object inside data, an
// extra field and the enum-like fields set to a value no constant has.
func withUnknowns(t *testing.T, fixture []byte) []byte {
	t.Helper()

	var env map[string]any
	require.NoError(t, json.Unmarshal(fixture, &env))
	env["data"] = mutate(env["data"])

	out, err := json.Marshal(env)
	require.NoError(t, err)
	return out
}

var enumKeys = map[string]bool{"status": true, "type": true, "typography": true, "shippingType": true}

func mutate(v any) any {
	switch value := v.(type) {
	case map[string]any:
		for key, field := range value {
			if _, isText := field.(string); isText && enumKeys[key] {
				value[key] = "brand_new_value"
				continue
			}
			value[key] = mutate(field)
		}
		value["fieldAddedLater"] = map[string]any{"nested": []any{1, "x", true}}
		return value
	case []any:
		for i := range value {
			value[i] = mutate(value[i])
		}
	}
	return v
}

var enumTypes = map[reflect.Type]bool{
	reflect.TypeOf(ProductStatus("")):     true,
	reflect.TypeOf(ShippingType("")):      true,
	reflect.TypeOf(LayoutStatus("")):      true,
	reflect.TypeOf(LayoutType("")):        true,
	reflect.TypeOf(Typography("")):        true,
	reflect.TypeOf(TransactionStatus("")): true,
}

// enumValues collects the non-empty enum fields reachable from v.
func enumValues(v reflect.Value) []string {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return enumValues(v.Elem())
	case reflect.Slice:
		var out []string
		for i := 0; i < v.Len(); i++ {
			out = append(out, enumValues(v.Index(i))...)
		}
		return out
	case reflect.Struct:
		var out []string
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out = append(out, enumValues(v.Field(i))...)
			}
		}
		return out
	case reflect.String:
		if enumTypes[v.Type()] && v.String() != "" {
			return []string{v.String()}
		}
	}
	return nil
}

// pageFixture returns a list envelope for page n of 3, with one row.
func pageFixture(n int, row string) string {
	return fmt.Sprintf(`{"message":"ok","data":{"data":[%s],"page":%d,"pages":3,"limit":1,"total":3},"status":200,"error":null}`, row, n)
}

// testPageWalk checks that walk reads three pages in order, without
// touching the caller's params, and that an error on page two ends the walk.
func testPageWalk[T any](t *testing.T, path, row string, walk func(c *Client) iter.Seq2[T, error], id func(T) string, untouched func() bool) {
	t.Run("three pages", func(t *testing.T) {
		c, mock := newMockedClient(t)
		var pages []string
		mock.RegisterResponder(http.MethodGet, mockBaseURL+path, func(r *http.Request) (*http.Response, error) {
			page := r.URL.Query().Get("page")
			pages = append(pages, page)
			n, _ := strconv.Atoi(page)
			return httpmock.NewStringResponse(http.StatusOK, pageFixture(n, fmt.Sprintf(row, n))), nil
		})

		var ids []string
		for item, err := range walk(c) {
			require.NoError(t, err)
			ids = append(ids, id(item))
		}

		assert.Equal(t, []string{"1", "2", "3"}, pages)
		assert.Equal(t, []string{"row-1", "row-2", "row-3"}, ids)
		assert.True(t, untouched(), "the caller's params changed")
	})

	t.Run("error on page two", func(t *testing.T) {
		c, mock := newMockedClient(t)
		mock.RegisterResponder(http.MethodGet, mockBaseURL+path, func(r *http.Request) (*http.Response, error) {
			if r.URL.Query().Get("page") == "2" {
				return httpmock.NewStringResponse(http.StatusBadRequest, `{"message":"página inválida","status":400,"error":true}`), nil
			}
			return httpmock.NewStringResponse(http.StatusOK, pageFixture(1, fmt.Sprintf(row, 1))), nil
		})

		var ids []string
		var errs []error
		for item, err := range walk(c) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ids = append(ids, id(item))
		}

		assert.Equal(t, []string{"row-1"}, ids)
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], ErrBadRequest)
		assert.Equal(t, 2, mock.GetTotalCallCount())
	})
}

// assertRejected checks that call fails with a validation error before the
// mock receives any request.
func assertRejected(t *testing.T, field string, call func(ctx context.Context, c *Client) error) {
	t.Helper()
	c, mock := newMockedClient(t)
	mock.RegisterNoResponder(httpmock.NewStringResponder(http.StatusOK, `{"data":{}}`))

	err := call(context.Background(), c)

	require.ErrorIs(t, err, ErrInvalidParams)
	var validation *ValidationError
	require.ErrorAs(t, err, &validation)
	assert.Equal(t, field, validation.Field)
	assert.Zero(t, mock.GetTotalCallCount(), "a request was sent")
}

// badIDs are ids that buildPath must reject.
var badIDs = map[string]string{"empty": "", "slash": "a/b", "dot segment": "..", "query": "a?b=c"}

// onceReader is an io.Reader that is not an io.Seeker and records how many
// bytes were read from it.
type onceReader struct {
	mu   sync.Mutex
	r    io.Reader
	read int
}

func (o *onceReader) Read(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, err := o.r.Read(p)
	o.read += n
	return n, err
}

func (o *onceReader) bytesRead() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.read
}
