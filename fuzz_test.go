package bynet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet/internal/jsonx"
	"github.com/bynet-go/bynet/internal/validate"
)

func TestDecodeRejectsFractionalAmount(t *testing.T) {
	cases := map[string]struct {
		body string
		out  any
	}{
		"transaction":      {`{"id":"tx_1","amount":1000.5}`, new(Transaction)},
		"transaction text": {`{"id":"tx_1","amount":"1000.5"}`, new(Transaction)},
		"page row":         {`{"data":[{"id":"tx_1","amount":1000.5}],"page":1}`, new(Page[Transaction])},
		"bare array row":   {`[{"id":"tx_1","amount":"1000.5"}]`, new(Page[Transaction])},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := jsonx.Unmarshal([]byte(tc.body), tc.out)

			var fieldErr *jsonx.FieldError
			require.ErrorAs(t, err, &fieldErr, "a fractional amount must not decode as zero")
			assert.Contains(t, fieldErr.Field, "amount")
		})
	}
}

func TestFindByIDRejectsFractionalAmount(t *testing.T) {
	fs := newFaultServer(t, nil)
	fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeBody(w, http.StatusOK, "application/json", `{"data":{"id":"tx_1","amount":"1000.5"}}`)
	})
	c := newFaultClient(t, fs, nil)

	tx, _, err := c.Transactions.FindByID(context.Background(), "tx_1")

	var decodeErr *DecodeError
	require.ErrorAs(t, err, &decodeErr)
	assert.Nil(t, tx)
}

// fuzzTransport responds to every request with the given status and body and
// records the URL it was sent to.
type fuzzTransport struct {
	status int
	body   []byte
	url    *url.URL
}

func (f *fuzzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	f.url = req.URL
	return &http.Response{
		StatusCode: f.status,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(f.body)),
		Request:    req,
	}, nil
}

const fuzzBaseURL = "https://api.example.test"

func newFuzzClient(t testing.TB, rt *fuzzTransport) *Client {
	t.Helper()
	c, err := NewClient("sk_test_fake", WithBaseURL(fuzzBaseURL),
		WithHTTPClient(&http.Client{Transport: rt}), WithRetry(0, 0, 0))
	require.NoError(t, err)
	return c
}

// fuzzStatuses are the statuses that FuzzEnvelope picks from: none of them
// is retried, so one body makes one attempt.
var fuzzStatuses = []int{200, 201, 204, 400, 401, 404, 422, 500, 501}

func FuzzEnvelope(f *testing.F) {
	f.Add(uint8(0), []byte(okBody))
	f.Add(uint8(3), []byte(`{"status":400,"message":"x","error":{"refusedReason":"{\"errors\":{\"a\":[\"b\"]}}"}}`))
	f.Add(uint8(0), []byte(`{"status":400,"message":"x","error":true}`))
	f.Add(uint8(7), []byte(nginx502))

	f.Fuzz(func(t *testing.T, status uint8, body []byte) {
		rt := &fuzzTransport{status: fuzzStatuses[int(status)%len(fuzzStatuses)], body: body}
		c := newFuzzClient(t, rt)

		tx, resp, err := c.Transactions.FindByID(context.Background(), "tx_1")
		checkFuzzResult(t, tx != nil && resp != nil, err, false)

		var created Transaction
		err = c.Do(context.Background(), http.MethodPost, "/api/user/transactions", map[string]int{"amount": 1}, &created)
		checkFuzzResult(t, true, err, true)

		var decoded Transaction
		_ = jsonx.Unmarshal(body, &decoded)
		_ = decoded.PixCode()
	})
}

// checkFuzzResult checks that a call returned either its result or an
// *APIError or *DecodeError, possibly wrapped.
func checkFuzzResult(t *testing.T, returned bool, err error, moneyMoving bool) {
	t.Helper()
	if err == nil {
		require.True(t, returned, "no error and no result")
		return
	}

	var apiErr *APIError
	var decodeErr *DecodeError
	require.True(t, errors.As(err, &apiErr) || errors.As(err, &decodeErr), "untyped error: %v", err)
	require.Contains(t, err.Error(), "/api/user/transactions")
	if !moneyMoving {
		require.NotErrorIs(t, err, ErrOutcomeUnknown)
	}
}

func FuzzDecoders(f *testing.F) {
	for _, seed := range []string{
		okBody, `{"data":[{"id":"1"}],"page":"2","pages":"3","limit":"10","total":"25"}`, `[{"id":"1","amount":"10"}]`,
		`{"message":"m","errors":{"f":"x"}}`, `"{\"errors\":{\"f\":[\"x\"]}}"`, `{"number":"52998224725","type":"cpf"}`,
		`{"createdAt":"2025-07-14","paidAt":"14/07/2025","amount":1e3,"installments":null,"metadata":{"a":1}}`,
	} {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		for _, newValue := range fuzzDecodeTargets {
			strict, tolerant := newValue(), newValue()
			strictErr := json.Unmarshal(data, strict)
			tolerantErr := jsonx.Unmarshal(data, tolerant)
			if strictErr == nil {
				require.NoError(t, tolerantErr, "jsonx rejects what encoding/json accepts into %T", strict)
			}
			_ = jsonx.Lenient(data, newValue())
		}

		var reason RefusedReason
		if json.Unmarshal(data, &reason) == nil {
			_ = reason.String()
		}

		var metadata Metadata
		if json.Unmarshal(data, &metadata) == nil {
			_, _ = metadata.Map()
		}
	})
}

// fuzzDecodeTargets lists one constructor per result type, each returning a
// fresh pointer.
var fuzzDecodeTargets = []func() any{
	func() any { return new(Transaction) },
	func() any { return new(TransactionSummary) },
	func() any { return new(Customer) },
	func() any { return new(Page[Transaction]) },
	func() any { return new(Page[Customer]) },
	func() any { return new(RefusedReason) },
	func() any { return new(Document) },
	func() any { return new(Metadata) },
	func() any { return new(PaymentMethod) },
	func() any { return new(TransactionStatus) },
	func() any { return new(DocumentType) },
	func() any { return new(envelope) },
	func() any { return new(BankAccount) },
	func() any { return new(Page[BankAccount]) },
	func() any { return new(PreBank) },
	func() any { return new(Company) },
	func() any { return new(Product) },
	func() any { return new(Page[Product]) },
	func() any { return new(ProductStatus) },
	func() any { return new(Layout) },
	func() any { return new(Page[Layout]) },
	func() any { return new(LayoutStatus) },
	func() any { return new(LayoutType) },
	func() any { return new(Typography) },
	func() any { return new(CheckoutInfo) },
	func() any { return new(CheckoutOrder) },
	func() any { return new(CheckoutPayment) },
	func() any { return new(CheckoutPaymentMethods) },
	func() any { return new(PaymentMethods) },
	func() any { return new(ShippingType) },
	func() any { return new(Postback) },
}

func FuzzBuildPath(f *testing.F) {
	for _, seed := range []string{"tx_1", "../admin", "a/b", "a?b=1", "a#b", "%2e%2e", "a b", "é", "a\x00", "..", ".", "summary", " x"} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, id string) {
		const prefix = "/api/user/transactions/"
		built, err := buildPath(prefix+"{id}", id)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidParams)
			return
		}

		require.True(t, strings.HasPrefix(built, prefix), "path %q left its prefix", built)
		require.NotContains(t, built, "?")
		require.NotContains(t, built, "#")
		require.NotContains(t, strings.TrimPrefix(built, prefix), "/")

		rt := &fuzzTransport{status: http.StatusOK, body: []byte(okBody)}
		if _, _, err := newFuzzClient(t, rt).Transactions.FindByID(context.Background(), id); errors.Is(err, ErrInvalidParams) {
			return
		}

		require.NotNil(t, rt.url, "the request was not sent")
		require.Equal(t, "api.example.test", rt.url.Host)
		require.Empty(t, rt.url.RawQuery)
		require.Equal(t, prefix+id, rt.url.Path)
		require.Equal(t, path.Clean(rt.url.Path), rt.url.Path, "the requested path has dot segments")
		require.NotContains(t, rt.url.EscapedPath(), "?")
	})
}

func FuzzDoPath(f *testing.F) {
	for _, seed := range []string{"/api/user/x", "/api/user/x?a=1&b=2", "/api/x?a=?b", "//evil.test/x", "/api/../x", "/a?b#c", "/a%2F..", "/a?b=%zz"} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, target string) {
		rt := &fuzzTransport{status: http.StatusOK, body: []byte(okBody)}
		err := newFuzzClient(t, rt).Do(context.Background(), http.MethodGet, target, nil, nil)
		if errors.Is(err, ErrInvalidParams) || rt.url == nil {
			return
		}

		require.Equal(t, "api.example.test", rt.url.Host, "Do(%q) reached another host", target)
		require.Equal(t, "https", rt.url.Scheme)
		require.LessOrEqual(t, strings.Count(rt.url.String(), "?"), 1, "Do(%q) sent a second query string", target)
		require.NotContains(t, rt.url.String(), "#")
	})
}

func FuzzCPF(f *testing.F) {
	for _, seed := range []string{leakCPF, leakCPFFormatted, "111.111.111-11", "52998224724", "5299822472", "abc", "529 982 247 25", "52998224725\x00"} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, doc string) {
		require.Equal(t, referenceCPF(doc), validate.CPF(doc), "CPF(%q)", doc)
		assertMasked(t, doc)

		// Random text is almost never a valid CPF, so also complete the
		// first nine digits of doc with their check digits.
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, doc)
		if len(digits) >= 9 {
			completed := withCPFCheckDigits(digits[:9])
			require.Equal(t, strings.Count(completed, completed[:1]) != 11, validate.CPF(completed), "CPF(%q)", completed)
		}
	})
}

func FuzzCNPJ(f *testing.F) {
	for _, seed := range []string{leakCNPJ, leakCNPJFormatted, "12.ABC.345/01DE-35", "12abc34501de35", "00000000000000", "1122233300018", "AAAAAAAAAAAA00"} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, doc string) {
		require.Equal(t, referenceCNPJ(doc), validate.CNPJ(doc), "CNPJ(%q)", doc)
		assertMasked(t, doc)
	})
}

// assertMasked checks that validate.Mask shows at most two characters.
func assertMasked(t *testing.T, doc string) {
	t.Helper()
	shown := strings.Count(validate.Mask(doc), "") - 1 - strings.Count(validate.Mask(doc), "*")
	require.LessOrEqual(t, shown, 2, "Mask(%q) = %q", doc, validate.Mask(doc))
}

// referenceDigits drops the usual document punctuation and upper-cases
// ASCII letters, byte by byte.
func referenceDigits(doc string) []byte {
	out := make([]byte, 0, len(doc))
	for i := 0; i < len(doc); i++ {
		switch ch := doc[i]; {
		case ch == '.' || ch == '-' || ch == '/' || ch == ' ':
		case ch >= 'a' && ch <= 'z':
			out = append(out, ch-32)
		default:
			out = append(out, ch)
		}
	}
	return out
}

// referenceCheckDigit is the mod-11 check digit over values with weights,
// where a remainder below 2 gives 0.
func referenceCheckDigit(values []int, weights []int) int {
	sum := 0
	for i, w := range weights {
		sum += values[i] * w
	}
	if sum%11 < 2 {
		return 0
	}
	return 11 - sum%11
}

func withCPFCheckDigits(base string) string {
	values := make([]int, 10)
	for i := range 9 {
		values[i] = int(base[i] - '0')
	}
	values[9] = referenceCheckDigit(values, []int{10, 9, 8, 7, 6, 5, 4, 3, 2})
	second := referenceCheckDigit(values, []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2})
	return fmt.Sprintf("%s%d%d", base, values[9], second)
}

func referenceCPF(doc string) bool {
	d := referenceDigits(doc)
	if len(d) != 11 || bytes.Count(d, d[:1]) == 11 {
		return false
	}

	values := make([]int, 11)
	for i, ch := range d {
		if ch < '0' || ch > '9' {
			return false
		}
		values[i] = int(ch - '0')
	}

	first := referenceCheckDigit(values, []int{10, 9, 8, 7, 6, 5, 4, 3, 2})
	second := referenceCheckDigit(values, []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2})
	return values[9] == first && values[10] == second
}

func referenceCNPJ(doc string) bool {
	d := referenceDigits(doc)
	if len(d) != 14 || bytes.Count(d, d[:1]) == 14 {
		return false
	}

	values := make([]int, 14)
	for i, ch := range d {
		isDigit := ch >= '0' && ch <= '9'
		isLetter := ch >= 'A' && ch <= 'Z'
		if !isDigit && (i >= 12 || !isLetter) {
			return false
		}
		values[i] = int(ch) - '0'
	}

	first := referenceCheckDigit(values, []int{5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2})
	second := referenceCheckDigit(values, []int{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2})
	return values[12] == first && values[13] == second
}
