package bynet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/bynet-go/bynet/internal/jsonx"
	"github.com/bynet-go/bynet/internal/redact"
	"github.com/bynet-go/bynet/internal/validate"
)

// Client calls the Bynet API. It is safe for concurrent use; create one per
// API key and share it. Each API group is a service field.
type Client struct {
	apiKey    string
	baseURL   *url.URL
	base      string // baseURL.String(), computed once for request URLs
	userAgent string
	maxBody   int64
	maxWait   time.Duration
	timeout   time.Duration
	logger    *slog.Logger
	http      *retryablehttp.Client

	common service

	// Company reads and updates the merchant account ("My company").
	Company *CompanyService
	// Products manages the products sold through checkout pages.
	Products *ProductsService
	// Bank manages the bank accounts that payouts go to.
	Bank *BankService
	// Transactions creates and reads charges (PIX, boleto, card).
	Transactions *TransactionsService
	// Checkout manages checkout layouts, orders and payments.
	Checkout *CheckoutService
	// Transfers creates and reads transfers.
	Transfers *TransfersService
	// Cashout creates and reads withdrawals to a PIX key.
	Cashout *CashoutService
	// Customers reads the buyers that charges created.
	Customers *CustomersService
	// Balance reads the balance history and the financial reserve.
	Balance *BalanceService
	// Webhooks manages registered webhooks and verifies postbacks.
	Webhooks *WebhooksService
}

// service is the shared base of every service type.
type service struct {
	client *Client
}

// Response describes the HTTP exchange behind a call. Services return it
// next to their result, also when the call failed after a response arrived.
type Response struct {
	// StatusCode is the HTTP status of the last attempt.
	StatusCode int
	// Header holds the response headers of the last attempt.
	Header http.Header
	// Message is the envelope's message, in the language the server wrote it.
	Message string
	// RequestID is the request id header that the server sent, if any.
	RequestID string
	// Attempts is how many times the request was sent.
	Attempts int
}

// NewClient returns a client for the API key. An empty apiKey is read from
// the BYNET_API_KEY environment variable; no key at all is an error.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if apiKey == "" {
		apiKey = os.Getenv(APIKeyEnv)
	}

	if strings.TrimSpace(apiKey) == "" {
		return nil, fmt.Errorf("bynet: missing API key: pass one to NewClient or set %s", APIKeyEnv)
	}

	if strings.ContainsFunc(apiKey, unicode.IsControl) {
		return nil, errors.New("bynet: invalid API key: it contains a line break or another control character")
	}

	if strings.TrimSpace(apiKey) != apiKey {
		return nil, errors.New("bynet: invalid API key: it has leading or trailing spaces (check how it was read)")
	}

	cfg := defaultConfig()
	for _, opt := range opts {
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}

	return newClient(apiKey, cfg), nil
}

func newClient(apiKey string, cfg *config) *Client {
	c := &Client{
		apiKey:    apiKey,
		baseURL:   cfg.baseURL,
		base:      cfg.baseURL.String(),
		userAgent: cfg.userAgent,
		maxBody:   cfg.maxBody,
		maxWait:   cfg.maxWait,
		logger:    cfg.logger,
	}

	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}

	inner := &http.Client{Transport: newTransport()}
	if cfg.httpClient != nil {
		copied := *cfg.httpClient
		inner = &copied
	}

	switch {
	case cfg.timeout > 0:
		inner.Timeout = cfg.timeout
	case inner.Timeout == 0:
		inner.Timeout = DefaultTimeout
	}
	c.timeout = inner.Timeout
	inner.CheckRedirect = sameHostRedirects(c.baseURL, inner.CheckRedirect)

	c.http = &retryablehttp.Client{
		HTTPClient:     inner,
		RetryWaitMin:   cfg.minWait,
		RetryWaitMax:   cfg.maxWait,
		RetryMax:       cfg.maxRetries,
		CheckRetry:     c.checkRetry,
		Backoff:        c.backoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: c.logRequest,
	}

	c.common.client = c
	c.Company = (*CompanyService)(&c.common)
	c.Products = (*ProductsService)(&c.common)
	c.Bank = (*BankService)(&c.common)
	c.Transactions = (*TransactionsService)(&c.common)
	c.Checkout = (*CheckoutService)(&c.common)
	c.Transfers = (*TransfersService)(&c.common)
	c.Cashout = (*CashoutService)(&c.common)
	c.Customers = (*CustomersService)(&c.common)
	c.Balance = (*BalanceService)(&c.common)
	c.Webhooks = (*WebhooksService)(&c.common)
	return c
}

// newTransport returns a transport that keeps enough idle connections for a
// busy service to reuse them instead of dialing for every call. It opens at
// most 64 connections per host: a call beyond that waits for a free one
// rather than dialing a connection that the idle pool would then close.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	t.MaxConnsPerHost = 64
	t.MaxIdleConns = 128
	return t
}

// sameHostRedirects returns a redirect policy that follows a redirect only
// within the scheme and host of base, because net/http copies custom headers
// such as x-api-key to whatever host a redirect names. It never follows a
// redirect of a request that is unsafe to repeat, because a 307 or 308 would
// send a create again and a 301, 302 or 303 would turn it into a GET whose
// response looks like a new object. Nor does it follow one that changes the
// method of a PUT or DELETE. A redirect that is not followed ends the call
// with the 3xx response, which becomes an *APIError. Otherwise next
// decides, or the net/http default limit of 10 redirects.
func sameHostRedirects(base *url.URL, next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != base.Scheme || !strings.EqualFold(req.URL.Host, base.Host) {
			return http.ErrUseLastResponse
		}

		if stateFrom(req.Context()).class == retryUnsafe || req.Method != via[0].Method {
			return http.ErrUseLastResponse
		}

		if next != nil {
			return next(req, via)
		}

		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// BaseURL returns the base URL that requests are sent to.
func (c *Client) BaseURL() string {
	return c.baseURL.String()
}

// request is one call to the API, before it is sent.
type request struct {
	method string
	path   string
	query  url.Values
	// body is encoded as JSON, unless it is a *rawBody.
	body  any
	class retryClass
	// externalRef is reported in an OutcomeUnknownError.
	externalRef string
	// callerOut is set when out belongs to the caller (Do), so a failed
	// call must leave it untouched.
	callerOut bool
}

// rawBody is a request body that is sent as it is, such as multipart form data.
type rawBody struct {
	contentType string
	// open returns a fresh reader for each attempt.
	open func() (io.Reader, error)
}

// Do sends a request to an endpoint that the SDK does not type yet, through
// the same path as every typed method: headers, retries, error mapping and
// envelope unwrapping. path is relative to the base URL, starts with "/" and
// may carry a query string. body, when non-nil, is encoded as JSON; the
// envelope's data is decoded into out, when out is non-nil. POST requests are
// treated as unsafe to repeat, like every create; the OutcomeUnknownError of
// one carries the body's top-level "externalRef", if it has one.
func (c *Client) Do(ctx context.Context, method, path string, body, out any) error {
	method = strings.ToUpper(method)
	if err := checkRawPath(path); err != nil {
		return err
	}

	p, rawQuery, _ := strings.Cut(path, "?")
	query, err := url.ParseQuery(rawQuery)
	if err != nil {
		return invalid("path", "has a malformed query string; expected percent-encoded key=value pairs joined by \"&\"")
	}

	class := retryIdempotent
	if method == http.MethodPost || method == http.MethodPatch {
		class = retryUnsafe
	}

	r := &request{method: method, path: p, query: query, body: body, class: class, callerOut: true}
	if class == retryUnsafe {
		r.externalRef = bodyExternalRef(body)
	}

	_, err = c.do(ctx, r, out)
	return err
}

// bodyExternalRef returns the top-level externalRef of a JSON body, so that
// an OutcomeUnknownError from Do carries it as those of typed methods do.
func bodyExternalRef(body any) string {
	if _, raw := body.(*rawBody); raw || body == nil {
		return ""
	}

	data, err := json.Marshal(body)
	if err != nil {
		return ""
	}

	var fields struct {
		ExternalRef string `json:"externalRef"`
	}
	_ = json.Unmarshal(data, &fields)
	return fields.ExternalRef
}

func checkRawPath(path string) error {
	// Messages quote p, never the query, which may carry a document number.
	p, _, _ := strings.Cut(path, "?")
	decoded, err := url.PathUnescape(p)
	if err != nil {
		return invalid("path", "%q has a malformed percent-encoding; expected %%XX with two hex digits", p)
	}

	switch {
	case !strings.HasPrefix(p, "/"):
		return invalid("path", "%q does not start with \"/\"; expected a path such as \"/api/user/transactions\"", p)
	case strings.HasPrefix(p, "//"):
		return invalid("path", "%q starts with \"//\"; expected a path on the API host, such as \"/api/user/transactions\"", p)
	case strings.Contains(decoded, "..") || strings.ContainsAny(path, "#\\"):
		return invalid("path", "%q contains \"..\", \"#\" or \"\\\"; expected a path without them", p)
	}

	for _, r := range path {
		if r < 0x20 || r == 0x7f {
			return invalid("path", "contains a control character; expected printable characters only")
		}
	}

	return nil
}

// buildPath fills each "{id}" of template with the next id, path-escaped,
// after checking that every id is a usable path segment.
func buildPath(template string, ids ...string) (string, error) {
	var b strings.Builder
	size := len(template)
	for _, id := range ids {
		size += len(id)
	}
	b.Grow(size)

	rest := template
	for _, id := range ids {
		before, after, ok := strings.Cut(rest, "{id}")
		if !ok {
			return "", fmt.Errorf("bynet: internal error: template %q has fewer {id} than ids", template)
		}

		if err := validate.PathID(id); err != nil {
			return "", invalid("id", "%s (got %q); expected one path segment, such as \"tx_123\"", err, id)
		}

		b.WriteString(before)
		b.WriteString(url.PathEscape(id))
		rest = after
	}

	b.WriteString(rest)
	return b.String(), nil
}

// do sends r and decodes the envelope's data into out. It is the one send
// path of the SDK.
func (c *Client) do(ctx context.Context, r *request, out any) (*Response, error) {
	st, resp, err := c.send(ctx, r, true) //nolint:bodyclose // send reads and closes the body, or transportError closes it
	defer st.releaseBody()
	if err != nil {
		return c.response(st, resp, nil), err
	}

	return c.decode(st, r, resp, out)
}

// send builds and sends r. With readBody it reads the capped body inside the
// retry loop, so a body cut short is retried like any transport error.
func (c *Client) send(ctx context.Context, r *request, readBody bool) (*callState, *http.Response, error) {
	if ctx == nil {
		return nil, nil, errors.New("bynet: nil context")
	}

	if err := ctx.Err(); err != nil {
		// Nothing was sent, so even a create has a known outcome.
		return nil, nil, fmt.Errorf("bynet: %s %s: %w", r.method, r.path, err)
	}

	st := &callState{class: r.class, method: r.method, path: r.path, started: time.Now()}
	req, err := c.newRequest(context.WithValue(ctx, callStateKey{}, st), r)
	if err != nil {
		return st, nil, err
	}

	if readBody {
		req.SetResponseHandler(func(resp *http.Response) error {
			return st.readBody(resp.Body, c.maxBody)
		})
	}

	resp, err := c.http.Do(req)
	if err != nil && resp != nil && st.bodyErr != nil {
		// The response arrived but its body could not be read: decode reports it.
		return st, resp, nil
	}

	if err != nil {
		return st, resp, c.transportError(ctx, st, r, resp, err)
	}

	if readBody && st.body == nil && st.bodyErr == nil {
		// readBody also records its error in st.bodyErr, which decode reports.
		_ = st.readBody(resp.Body, c.maxBody)
	}

	return st, resp, nil
}

func (c *Client) newRequest(ctx context.Context, r *request) (*retryablehttp.Request, error) {
	target := c.base + r.path
	if len(r.query) > 0 {
		target = c.base + r.path + "?" + r.query.Encode()
	}

	var body any
	contentType := ""
	switch b := r.body.(type) {
	case nil:
	case *rawBody:
		body, contentType = retryablehttp.ReaderFunc(b.open), b.contentType
	default:
		encoded, err := json.Marshal(b)
		if err != nil {
			return nil, fmt.Errorf("bynet: %s %s: cannot encode request body: %w", r.method, r.path, err)
		}
		body, contentType = encoded, "application/json"
	}

	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, target, body)
	if err != nil {
		return nil, fmt.Errorf("bynet: %s %s: cannot build request: %w", r.method, r.path, stripURL(err))
	}

	// The canonical spelling saves Header.Set a conversion; the header is
	// sent as X-Api-Key either way.
	req.Header.Set("X-Api-Key", c.apiKey)
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}

	return req, nil
}

// readCapped reads at most limit bytes of body and closes it.
func readCapped(body io.ReadCloser, limit int64) ([]byte, error) {
	defer body.Close()

	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return data, err
	}

	if int64(len(data)) > limit {
		return data[:limit], fmt.Errorf("%w (%d bytes)", ErrResponseTooLarge, limit)
	}

	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// transportError turns a failed exchange into the error returned to the caller.
func (c *Client) transportError(ctx context.Context, st *callState, r *request, resp *http.Response, err error) error {
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close() // the exchange already failed; a close error adds nothing
	}

	cause := fmt.Errorf("bynet: %s %s: %w", r.method, r.path, stripURL(err))
	c.logger.LogAttrs(ctx, slog.LevelWarn, "bynet: request failed",
		slog.String("method", r.method), slog.String("path", r.path),
		slog.Int("attempts", st.attempts), slog.String("error", describeError(err)))

	if r.class == retryUnsafe && st.mayHaveActed() {
		return &OutcomeUnknownError{Method: r.method, Path: r.path, ExternalRef: r.externalRef, Err: cause}
	}

	return cause
}

func (c *Client) response(st *callState, resp *http.Response, env *envelope) *Response {
	if resp == nil {
		return nil
	}

	out := &Response{
		StatusCode: resp.StatusCode,
		Header:     resp.Header,
		RequestID:  requestID(resp.Header),
	}

	if st != nil {
		out.Attempts = st.attempts
	}

	if env != nil {
		out.Message = redact.Secret(env.Message, c.apiKey)
	}

	return out
}

func requestID(h http.Header) string {
	// Names are in canonical form: Header.Get canonicalizes the name it
	// looks up, so "X-Request-ID" is found as "X-Request-Id".
	for _, name := range []string{"X-Request-Id", "Request-Id", "X-Amzn-Requestid", "Cf-Ray"} {
		if v := h.Get(name); v != "" {
			return v
		}
	}
	return ""
}

// envelope is the wrapper of every API response.
type envelope struct {
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
	Status  json.RawMessage `json:"status"`
	Error   json.RawMessage `json:"error"`
}

// apiErrorBody is the error object inside the envelope; refusedReason may
// also sit at the root of the body.
type apiErrorBody struct {
	Message       string         `json:"message"`
	Code          any            `json:"code"`
	RefusedReason *RefusedReason `json:"refusedReason"`
	Provider      string         `json:"provider"`
}

// decode maps the response of a sent request to data or an error.
func (c *Client) decode(st *callState, r *request, resp *http.Response, out any) (*Response, error) {
	if st.bodyErr != nil {
		return c.response(st, resp, nil), c.unreadable(r, resp, c.decodeError(r, resp, st.body, st.bodyErr))
	}

	if out != nil && resp.StatusCode < 300 {
		if message, ok := decodeTyped(st.body, out, r.callerOut); ok {
			return c.response(st, resp, &envelope{Message: message}), nil
		}
	}

	env, envErr := parseEnvelope(st.body)
	result := c.response(st, resp, env)

	if resp.StatusCode >= 300 || (env != nil && envelopeFailed(env)) {
		apiErr := c.apiError(st, r, resp, env)
		if r.class == retryUnsafe && (resp.StatusCode >= 500 || apiErr.Status >= 500) {
			return result, &OutcomeUnknownError{Method: r.method, Path: r.path, ExternalRef: r.externalRef, Err: apiErr}
		}
		return result, apiErr
	}

	if out == nil && len(bytes.TrimSpace(st.body)) == 0 {
		// A 204, or a 200 without a body, to a call that expects no data.
		return result, nil
	}

	if envErr != nil {
		return result, c.unreadable(r, resp, c.decodeError(r, resp, st.body, envErr))
	}

	if out == nil {
		return result, nil
	}

	if isNull(env.Data) && (r.method == http.MethodPut || r.method == http.MethodDelete) {
		// An update that the server confirms without echoing the object
		// succeeded; the caller gets the zero value of the result.
		return result, nil
	}

	if isNull(env.Data) {
		return result, c.unreadable(r, resp, c.decodeError(r, resp, st.body, errors.New("the envelope has no data")))
	}

	if err := jsonx.Unmarshal(env.Data, out); err != nil {
		return result, c.unreadable(r, resp, c.decodeError(r, resp, st.body, err))
	}

	return result, nil
}

// unreadable returns the error of a response whose body cannot be read or
// decoded. For a request that moves money it wraps ErrOutcomeUnknown unless
// the status is 4xx: a 2xx or 5xx means the server may have acted, and the
// caller cannot see what it created.
func (c *Client) unreadable(r *request, resp *http.Response, decodeErr *DecodeError) error {
	if r.class != retryUnsafe || (resp.StatusCode >= 400 && resp.StatusCode < 500) {
		return decodeErr
	}
	return &OutcomeUnknownError{Method: r.method, Path: r.path, ExternalRef: r.externalRef, Err: decodeErr}
}

// parseEnvelope decodes the wrapper. A JSON object with no data, error or
// message key and no numeric status is taken as bare data, since the server
// wins over the documentation. A bare transaction has a status of its own,
// such as "PAID", so a status that is not a number does not mark an envelope.
func parseEnvelope(body []byte) (*envelope, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, errors.New("the body is empty")
	}

	var env envelope
	if err := json.Unmarshal(trimmed, &env); err != nil {
		if trimmed[0] == '[' && json.Valid(trimmed) {
			return &envelope{Data: trimmed}, nil
		}
		return nil, err
	}

	if env.Data == nil && env.Error == nil && env.Message == "" && envelopeStatus(&env) == 0 {
		return &envelope{Data: trimmed}, nil
	}

	return &env, nil
}

// envelopeFailed reports whether a 2xx envelope describes a failure: a
// status of 400 or more, or an error that is not null, false, zero or empty.
func envelopeFailed(env *envelope) bool {
	if status := envelopeStatus(env); status >= 400 {
		return true
	}

	if isNull(env.Error) {
		return false
	}

	var value any
	if json.Unmarshal(env.Error, &value) != nil {
		return true
	}

	switch v := value.(type) {
	case bool:
		return v
	case float64:
		return v != 0
	case string:
		return strings.TrimSpace(v) != ""
	case []any:
		return len(v) > 0
	case map[string]any:
		return len(v) > 0
	}

	return true
}

func envelopeStatus(env *envelope) int {
	var n json.Number
	if isNull(env.Status) {
		return 0
	}

	if json.Unmarshal(env.Status, &n) == nil {
		v, _ := n.Int64()
		return int(v)
	}

	var s string
	if json.Unmarshal(env.Status, &s) == nil {
		v, _ := strconv.Atoi(strings.TrimSpace(s))
		return v
	}

	return 0
}

func isNull(raw json.RawMessage) bool {
	trimmed := bytes.TrimSpace(raw)
	return len(trimmed) == 0 || bytes.Equal(trimmed, []byte("null"))
}

// apiError builds the *APIError of a failed response, whatever its body.
func (c *Client) apiError(st *callState, r *request, resp *http.Response, env *envelope) *APIError {
	e := &APIError{
		StatusCode:  resp.StatusCode,
		Method:      r.method,
		Path:        r.path,
		RequestID:   requestID(resp.Header),
		RetryAfter:  st.retryAfter,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        c.snippet(st.body, 4096),
	}

	if wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok && e.RetryAfter == 0 {
		e.RetryAfter = wait
	}

	if env == nil {
		return e
	}

	e.Message = env.Message
	e.Status = envelopeStatus(env)
	c.fillErrorObject(e, env.Error)

	if e.RefusedReason == nil {
		var root struct {
			RefusedReason *RefusedReason `json:"refusedReason"`
		}
		_ = json.Unmarshal(st.body, &root)
		e.RefusedReason = root.RefusedReason
	}

	c.maskEcho(e)
	return e
}

// maskEcho masks the API key, card numbers, labelled CVVs and CPF/CNPJ in
// the texts of e that come from the server, in case the server echoes them.
func (c *Client) maskEcho(e *APIError) {
	e.Message = c.mask(e.Message)
	reason := e.RefusedReason
	if reason == nil {
		return
	}

	reason.Message = c.mask(reason.Message)
	for _, msgs := range reason.Errors {
		for i := range msgs {
			msgs[i] = c.mask(msgs[i])
		}
	}

	// Masking a bare number would break the JSON, so Raw then loses only the key.
	if masked := c.mask(string(reason.Raw)); json.Valid([]byte(masked)) {
		reason.Raw = json.RawMessage(masked)
	} else {
		reason.Raw = json.RawMessage(redact.Secret(string(reason.Raw), c.apiKey))
	}
}

func (c *Client) mask(text string) string {
	return redact.Body(redact.Secret(text, c.apiKey))
}

func (c *Client) fillErrorObject(e *APIError, raw json.RawMessage) {
	if isNull(raw) {
		return
	}

	var text string
	if json.Unmarshal(raw, &text) == nil {
		if e.Message == "" {
			e.Message = text
		}
		return
	}

	var obj apiErrorBody
	if json.Unmarshal(raw, &obj) != nil {
		return
	}

	e.RefusedReason = obj.RefusedReason
	e.Provider = obj.Provider
	if obj.Code != nil {
		e.Code = fmt.Sprint(obj.Code)
	}
	if e.Message == "" {
		e.Message = obj.Message
	}
}

func (c *Client) decodeError(r *request, resp *http.Response, body []byte, err error) *DecodeError {
	return &DecodeError{
		StatusCode:  resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Method:      r.method,
		Path:        r.path,
		Snippet:     string(c.snippet(body, 200)),
		Err:         err,
	}
}

// snippet returns the start of body with secrets masked. It masks 1 KiB
// more than it keeps and cuts afterwards, because a number or key cut in
// half no longer matches a mask.
func (c *Client) snippet(body []byte, limit int) []byte {
	if len(body) > limit+1024 {
		body = body[:limit+1024]
	}

	text := c.mask(string(body))
	if len(text) > limit {
		text = text[:limit]
	}
	return []byte(text)
}

func (c *Client) logRequest(_ retryablehttp.Logger, req *http.Request, attempt int) {
	st := stateFrom(req.Context())
	st.attempts = attempt + 1
	// The body of an earlier attempt must not stand for this one's.
	st.body, st.bodyErr = nil, nil

	c.logger.LogAttrs(req.Context(), slog.LevelDebug, "bynet: sending request",
		slog.String("method", st.method), slog.String("path", st.path), slog.Int("attempt", st.attempts))
}

// logAttempt logs the outcome of one attempt. It runs from checkRetry,
// because go-retryablehttp gives that hook the request context, and a mocked
// response may carry no request.
func (c *Client) logAttempt(ctx context.Context, st *callState, resp *http.Response, err error) {
	// The attributes cost a header lookup and a clock read on every call,
	// so they are built only when a debug line will be written.
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}

	if err != nil {
		c.logger.LogAttrs(ctx, slog.LevelDebug, "bynet: attempt failed",
			slog.String("method", st.method), slog.String("path", st.path),
			slog.Int("attempt", st.attempts), slog.String("error", describeError(err)))
		return
	}

	c.logger.LogAttrs(ctx, slog.LevelDebug, "bynet: received response",
		slog.String("method", st.method), slog.String("path", st.path), slog.Int("status", resp.StatusCode),
		slog.Int("attempt", st.attempts), slog.Duration("elapsed", time.Since(st.started)),
		slog.String("request_id", requestID(resp.Header)))
}
