package bynet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"text/tabwriter"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fault is one way the loopback server misbehaves on a request.
type fault string

const (
	faultNone         fault = "ok"
	faultRefused      fault = "connection refused"
	faultReset        fault = "reset before answer"
	faultHalfBody     fault = "closed mid-body"
	fault500          fault = "500 JSON"
	fault502HTML      fault = "502 HTML page"
	fault503          fault = "503 Retry-After"
	fault504          fault = "504 empty"
	fault429          fault = "429 Retry-After"
	faultHang         fault = "hang past timeout"
	faultStallBody    fault = "stall mid-body"
	faultTruncated    fault = "200 truncated JSON"
	faultEmpty        fault = "200 empty body"
	faultTextPlain    fault = "200 text/plain JSON"
	faultHTML         fault = "200 text/html page"
	faultHugeBody     fault = "200 20 MiB body"
	hugeBodyBytes           = 20 << 20
	matrixRetries           = 2
	matrixHangTimeout       = 200 * time.Millisecond
	matrixCallBudget        = 5 * time.Second
)

// transientFaults may pass on their own, so a read retries them. A retry
// of a content fault would only get the same response again.
var transientFaults = []fault{
	faultRefused, faultReset, faultHalfBody, fault500, fault502HTML, fault503, fault504, fault429, faultHang,
	faultStallBody,
}

var contentFaults = []fault{faultTruncated, faultEmpty, faultTextPlain, faultHTML, faultHugeBody}

const (
	okBody = `{"status":200,"message":"ok","data":{"id":"tx_1","status":"waiting_payment","amount":1000,` +
		`"paymentMethod":"credit_card","externalRef":"order-42"}}`
	nginx502 = `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>` +
		`</center><hr><center>nginx</center></body></html>`
)

// faultServer is a loopback API server that applies plan to each request.
// It counts requests and new connections.
type faultServer struct {
	*httptest.Server
	plan     func(n int) fault
	requests atomic.Int32
	conns    atomic.Int32
	// refusals counts dials that the client's dialer failed on purpose.
	refusals atomic.Int32
}

func newFaultServer(t *testing.T, plan func(n int) fault) *faultServer {
	t.Helper()
	fs := &faultServer{plan: plan}
	fs.Server = httptest.NewUnstartedServer(http.HandlerFunc(fs.serve))
	fs.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			fs.conns.Add(1)
		}
	}
	fs.Start()
	t.Cleanup(fs.Close)
	return fs
}

func (fs *faultServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	n := int(fs.requests.Add(1))
	serveFault(w, r, fs.plan(n), body)
}

// serveFault responds to r with fault f. body is the request body, which
// the 500 page echoes back as the real server does with its payload.
func serveFault(w http.ResponseWriter, r *http.Request, f fault, body []byte) {
	switch f {
	case faultReset:
		conn := hijack(w)
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0)
		}
		conn.Close()
	case faultHalfBody:
		conn := hijack(w)
		fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
			len(okBody), okBody[:len(okBody)/2])
		conn.Close()
	case fault500:
		writeBody(w, http.StatusInternalServerError, "application/json",
			fmt.Sprintf(`{"status":500,"message":"Erro interno","error":{"payload":%s}}`, echo(body)))
	case fault502HTML:
		writeBody(w, http.StatusBadGateway, "text/html", nginx502)
	case fault503:
		w.Header().Set("Retry-After", "0")
		writeBody(w, http.StatusServiceUnavailable, "application/json", `{"status":503,"message":"Serviço indisponível"}`)
	case fault504:
		writeBody(w, http.StatusGatewayTimeout, "", "")
	case fault429:
		w.Header().Set("Retry-After", "0")
		writeBody(w, http.StatusTooManyRequests, "application/json", `{"status":429,"message":"Muitas requisições"}`)
	case faultHang:
		<-r.Context().Done()
	case faultStallBody:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", fmt.Sprint(len(okBody)))
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, okBody[:len(okBody)/2])
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	case faultTruncated:
		writeBody(w, http.StatusOK, "application/json", okBody[:len(okBody)-20])
	case faultEmpty:
		writeBody(w, http.StatusOK, "application/json", "")
	case faultTextPlain:
		writeBody(w, http.StatusOK, "text/plain; charset=utf-8", okBody)
	case faultHTML:
		writeBody(w, http.StatusOK, "text/html", "<html><body>Manutenção programada</body></html>")
	case faultHugeBody:
		writeHuge(w)
	default:
		writeBody(w, http.StatusOK, "application/json", okBody)
	}
}

func echo(body []byte) string {
	if len(bytes.TrimSpace(body)) == 0 {
		return "null"
	}
	return string(body)
}

func hijack(w http.ResponseWriter) net.Conn {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic(err)
	}
	return conn
}

func writeBody(w http.ResponseWriter, status int, contentType, body string) {
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// writeHuge sends a valid envelope padded to 20 MiB. The client stops
// reading at its cap, so the write fails midway, which is expected.
func writeHuge(w http.ResponseWriter) {
	head := `{"status":200,"message":"ok","data":{"id":"tx_1","pad":"`
	tail := `"}}`
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(hugeBodyBytes))
	w.WriteHeader(http.StatusOK)

	_, _ = io.WriteString(w, head)
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	for left := hugeBodyBytes - len(head) - len(tail); left > 0; left -= len(chunk) {
		if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
			return
		}
	}
	_, _ = io.WriteString(w, tail)
}

// bodyCounter is a RoundTripper over a real transport that counts the
// response bodies it hands out and the ones that get closed.
type bodyCounter struct {
	base   *http.Transport
	opened atomic.Int64
	closed atomic.Int64
}

func (b *bodyCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := b.base.RoundTrip(req)
	if resp != nil && resp.Body != nil {
		b.opened.Add(1)
		resp.Body = &countedBody{ReadCloser: resp.Body, closed: &b.closed}
	}
	return resp, err
}

// CloseIdleConnections lets http.Client and go-retryablehttp reach the transport.
func (b *bodyCounter) CloseIdleConnections() {
	b.base.CloseIdleConnections()
}

type countedBody struct {
	io.ReadCloser
	once   sync.Once
	closed *atomic.Int64
}

func (c *countedBody) Close() error {
	c.once.Do(func() { c.closed.Add(1) })
	return c.ReadCloser.Close()
}

// refusingDialer fails the dials for which refuse returns true with the
// error a closed port gives, and dials the server otherwise.
func refusingDialer(fs *faultServer, refuse func(n int) bool) func(context.Context, string, string) (net.Conn, error) {
	var dialer net.Dialer
	var dials atomic.Int32
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if refuse(int(dials.Add(1))) {
			fs.refusals.Add(1)
			return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connect: connection refused")}
		}
		return dialer.DialContext(ctx, network, addr)
	}
}

// faultClient is a client wired to fs through a body-counting transport.
type faultClient struct {
	*Client
	bodies *bodyCounter
}

func newFaultClient(t *testing.T, fs *faultServer, logger *slog.Logger, opts ...Option) *faultClient {
	t.Helper()
	transport := &http.Transport{MaxIdleConnsPerHost: 4}
	counter := &bodyCounter{base: transport}
	t.Cleanup(transport.CloseIdleConnections)

	all := []Option{
		WithBaseURL(fs.URL),
		WithHTTPClient(&http.Client{Transport: counter}),
		WithRetry(matrixRetries, time.Millisecond, 5*time.Millisecond),
		WithLogger(logger),
	}
	c, err := NewClient(leakAPIKey, append(all, opts...)...)
	require.NoError(t, err)
	return &faultClient{Client: c, bodies: counter}
}

// operation is one SDK call of the matrix.
type operation struct {
	name string
	// moneyMoving operations must reach the server at most once per call,
	// except after a refused dial or a 429.
	moneyMoving bool
	// noData operations decode nothing, so an empty 2xx body is a success.
	noData bool
	// externalRef is what an outcome-unknown error must carry.
	externalRef string
	call        func(ctx context.Context, c *Client) error
}

func matrixOperations() []operation {
	return []operation{
		{name: "GET Transactions.FindByID", call: func(ctx context.Context, c *Client) error {
			_, _, err := c.Transactions.FindByID(ctx, "tx_1")
			return err
		}},
		{name: "PUT Products.UpdateStatus", call: func(ctx context.Context, c *Client) error {
			_, _, err := c.Products.UpdateStatus(ctx, "prod_1", "ACTIVE")
			return err
		}},
		{name: "DELETE Products.Delete", noData: true, call: func(ctx context.Context, c *Client) error {
			_, err := c.Products.Delete(ctx, "prod_1")
			return err
		}},
		{name: "POST Transactions.Create", moneyMoving: true, externalRef: "order-42", call: func(ctx context.Context, c *Client) error {
			_, _, err := c.Transactions.Create(ctx, leakCardCharge())
			return err
		}},
		{name: "POST Checkout.CreatePayment", moneyMoving: true, externalRef: "order-42", call: func(ctx context.Context, c *Client) error {
			_, _, err := c.Checkout.CreatePayment(ctx, "chk_1", leakCardPayment())
			return err
		}},
		// NOTE: Transfers.Create and Cashout.Create are not typed yet; these
		// Do calls take the same unsafe retry class.
		{name: "POST Do transfers", moneyMoving: true, externalRef: "order-42", call: func(ctx context.Context, c *Client) error {
			var out map[string]any
			return c.Do(ctx, http.MethodPost, "/api/user/transfers", map[string]any{"amount": 1000, "externalRef": "order-42"}, &out)
		}},
		{name: "POST Do cashout", moneyMoving: true, externalRef: "cashout-9", call: func(ctx context.Context, c *Client) error {
			var out map[string]any
			body := struct {
				Amount      int64  `json:"amount"`
				ExternalRef string `json:"externalRef"`
			}{Amount: 1000, ExternalRef: "cashout-9"}
			return c.Do(ctx, http.MethodPost, "/api/user/cashout", body, &out)
		}},
	}
}

// cellMode is whether the fault hits only the first attempt or every attempt.
type cellMode string

const (
	modeOnce   cellMode = "once"
	modeAlways cellMode = "always"
)

// cellResult is what one call of the matrix did.
type cellResult struct {
	err      error
	requests int
	refusals int
	elapsed  time.Duration
}

func runCell(t *testing.T, logger *slog.Logger, op operation, f fault, mode cellMode) cellResult {
	t.Helper()
	faulty := func(n int) bool { return mode == modeAlways || n == 1 }
	fs := newFaultServer(t, func(n int) fault {
		if f != faultRefused && faulty(n) {
			return f
		}
		return faultNone
	})

	var opts []Option
	if f == faultHang || f == faultStallBody {
		opts = append(opts, WithTimeout(matrixHangTimeout))
	}
	c := newFaultClient(t, fs, logger, opts...)
	if f == faultRefused {
		c.bodies.base.DialContext = refusingDialer(fs, faulty)
	}

	ctx, cancel := context.WithTimeout(context.Background(), matrixCallBudget)
	defer cancel()

	started := time.Now()
	var err error
	require.NotPanics(t, func() { err = op.call(ctx, c.Client) })
	elapsed := time.Since(started)

	assert.Equal(t, c.bodies.opened.Load(), c.bodies.closed.Load(), "response bodies opened vs closed")
	assert.Less(t, elapsed, matrixCallBudget, "call outlived its context deadline")
	return cellResult{err: err, requests: int(fs.requests.Load()), refusals: int(fs.refusals.Load()), elapsed: elapsed}
}

// expectation is what a cell must return.
type expectation struct {
	requests int
	refusals int
	// check returns a description of the error, or fails the test.
	check func(t *testing.T, err error) string
}

func expect(op operation, f fault, mode cellMode) expectation {
	attempts := 1
	if mode == modeAlways {
		attempts = matrixRetries + 1
	}

	switch {
	case f == faultRefused && mode == modeOnce:
		return expectation{requests: 1, refusals: 1, check: expectSuccess}
	case f == faultRefused:
		return expectation{requests: 0, refusals: attempts, check: expectRefused}
	case f == fault429 && mode == modeOnce:
		return expectation{requests: 2, check: expectSuccess}
	case f == fault429:
		return expectation{requests: attempts, check: expectAPIError(ErrRateLimited, false)}
	case f == faultTextPlain, f == faultEmpty && op.noData:
		return expectation{requests: 1, check: expectSuccess}
	}

	if isContentFault(f) {
		return expectation{requests: 1, check: expectDecodeError(op.moneyMoving, f == faultHugeBody)}
	}

	if op.moneyMoving {
		return expectation{requests: 1, check: expectOutcomeUnknown(f)}
	}

	if mode == modeOnce {
		return expectation{requests: 2, check: expectSuccess}
	}
	return expectation{requests: attempts, check: expectReadFailure(f)}
}

func isContentFault(f fault) bool {
	for _, c := range contentFaults {
		if c == f {
			return true
		}
	}
	return false
}

func expectSuccess(t *testing.T, err error) string {
	t.Helper()
	assert.NoError(t, err)
	return "ok"
}

func expectRefused(t *testing.T, err error) string {
	t.Helper()
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a refused dial never reached the server")
	assert.Contains(t, err.Error(), "connection refused")
	return "dial error"
}

func expectAPIError(sentinel error, outcomeUnknown bool) func(t *testing.T, err error) string {
	return func(t *testing.T, err error) string {
		t.Helper()
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.ErrorIs(t, err, sentinel)
		assert.Equal(t, outcomeUnknown, errors.Is(err, ErrOutcomeUnknown), "wraps ErrOutcomeUnknown: %v", err)
		if outcomeUnknown {
			return fmt.Sprintf("OutcomeUnknown(APIError %d)", apiErr.StatusCode)
		}
		return fmt.Sprintf("APIError %d", apiErr.StatusCode)
	}
}

func expectDecodeError(moneyMoving, tooLarge bool) func(t *testing.T, err error) string {
	return func(t *testing.T, err error) string {
		t.Helper()
		var decodeErr *DecodeError
		require.ErrorAs(t, err, &decodeErr)
		assert.Equal(t, tooLarge, errors.Is(err, ErrResponseTooLarge), "wraps ErrResponseTooLarge: %v", err)
		if !moneyMoving {
			assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			return "DecodeError"
		}

		// A 2xx means the server acted, but the caller cannot see what it created.
		assertOutcomeUnknown(t, err)
		return "OutcomeUnknown(DecodeError)"
	}
}

func expectOutcomeUnknown(f fault) func(t *testing.T, err error) string {
	return func(t *testing.T, err error) string {
		t.Helper()
		assertOutcomeUnknown(t, err)

		var apiErr *APIError
		var decodeErr *DecodeError
		switch {
		case errors.As(err, &apiErr):
			assert.ErrorIs(t, err, ErrServer)
			return fmt.Sprintf("OutcomeUnknown(APIError %d)", apiErr.StatusCode)
		case errors.As(err, &decodeErr):
			assert.Contains(t, []fault{faultHalfBody, faultStallBody}, f, "only a cut body is a DecodeError")
			return "OutcomeUnknown(DecodeError)"
		}

		assertTransportError(t, err, f)
		return "OutcomeUnknown(" + transportKind(f) + ")"
	}
}

// assertExternalRef checks that an outcome-unknown error carries the
// externalRef that the caller sent.
func assertExternalRef(t *testing.T, err error, externalRef string) {
	t.Helper()
	var unknown *OutcomeUnknownError
	if errors.As(err, &unknown) {
		assert.Equal(t, externalRef, unknown.ExternalRef)
		assert.Contains(t, err.Error(), fmt.Sprintf("externalRef %q", externalRef))
	}
}

func assertOutcomeUnknown(t *testing.T, err error) {
	t.Helper()
	var unknown *OutcomeUnknownError
	require.ErrorAs(t, err, &unknown)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Contains(t, err.Error(), "may have been processed")
}

func expectReadFailure(f fault) func(t *testing.T, err error) string {
	return func(t *testing.T, err error) string {
		t.Helper()
		require.Error(t, err)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)

		var apiErr *APIError
		var decodeErr *DecodeError
		switch {
		case errors.As(err, &apiErr):
			assert.ErrorIs(t, err, ErrServer)
			return fmt.Sprintf("APIError %d", apiErr.StatusCode)
		case errors.As(err, &decodeErr):
			assert.Contains(t, []fault{faultHalfBody, faultStallBody}, f, "only a cut body is a DecodeError")
			return "DecodeError"
		}

		assertTransportError(t, err, f)
		return transportKind(f)
	}
}

func assertTransportError(t *testing.T, err error, f fault) {
	t.Helper()
	if f == faultHang {
		var netErr net.Error
		require.ErrorAs(t, err, &netErr)
		assert.True(t, netErr.Timeout(), "a hang must surface as a timeout: %v", err)
		return
	}

	assert.Equal(t, faultReset, f, "unexpected transport error: %v", err)
	msg := err.Error()
	assert.True(t, strings.Contains(msg, "reset") || strings.Contains(msg, "EOF"), "a reset must say so: %v", err)
}

func transportKind(f fault) string {
	if f == faultHang {
		return "timeout"
	}
	return "connection error"
}

func TestFaultMatrix(t *testing.T) {
	if testing.Short() {
		t.Skip("the fault matrix sends hundreds of loopback requests")
	}

	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	faults := append(append([]fault(nil), transientFaults...), contentFaults...)
	ops := matrixOperations()
	table := newMatrixTable(ops)

	for _, f := range faults {
		for _, mode := range []cellMode{modeOnce, modeAlways} {
			if isContentFault(f) && mode == modeAlways {
				continue
			}

			row := fmt.Sprintf("%s (%s)", f, mode)
			t.Run(row, func(t *testing.T) {
				for _, op := range ops {
					t.Run(op.name, func(t *testing.T) {
						// Reading 10 MiB under -race is CPU-bound; in parallel
						// on a loaded machine it can outlast the call budget.
						if f != faultHugeBody {
							t.Parallel()
						}
						runMatrixCell(t, table, logger, row, op, f, mode)
					})
				}
			})
		}
	}

	assertNoSecrets(t, "log", logs.String())
	t.Log("fault matrix (requests the server saw, result):\n" + table.String())
}

// runMatrixCell runs op against fault f and records the outcome in table.
func runMatrixCell(t *testing.T, table *matrixTable, logger *slog.Logger, row string, op operation, f fault, mode cellMode) {
	want := expect(op, f, mode)
	got := runCell(t, logger, op, f, mode)
	outcome := want.check(t, got.err)
	assert.Equal(t, want.requests, got.requests, "requests the server saw")
	assert.Equal(t, want.refusals, got.refusals, "dials refused")
	if op.externalRef != "" {
		assertExternalRef(t, got.err, op.externalRef)
	}
	if op.moneyMoving && f != fault429 && f != faultRefused {
		assert.LessOrEqual(t, got.requests, 1, "a money-moving request reached the server twice")
	}

	assertNoSecrets(t, "error", fmt.Sprint(got.err))
	table.set(row, op.name, fmt.Sprintf("%d req, %s", got.requests, outcome))
}

// matrixTable collects the cells of the fault matrix for the test log.
type matrixTable struct {
	mu    sync.Mutex
	ops   []operation
	rows  []string
	cells map[string]map[string]string
}

func newMatrixTable(ops []operation) *matrixTable {
	return &matrixTable{ops: ops, cells: map[string]map[string]string{}}
}

func (m *matrixTable) set(row, op, cell string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cells[row] == nil {
		m.rows = append(m.rows, row)
		m.cells[row] = map[string]string{}
	}
	m.cells[row][op] = cell
}

func (m *matrixTable) String() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprint(w, "fault")
	for _, op := range m.ops {
		fmt.Fprint(w, "\t", op.name)
	}
	fmt.Fprintln(w)

	for _, row := range m.rows {
		fmt.Fprint(w, row)
		for _, op := range m.ops {
			fmt.Fprint(w, "\t", m.cells[row][op.name])
		}
		fmt.Fprintln(w)
	}

	_ = w.Flush()
	return b.String()
}

// lockedBuffer is a bytes.Buffer that several goroutines may log to.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestDeleteNoContentSucceeds(t *testing.T) {
	for _, status := range []int{http.StatusNoContent, http.StatusOK} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			fs := newFaultServer(t, func(int) fault { return faultNone })
			fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				fs.requests.Add(1)
				w.WriteHeader(status)
			})
			c := newFaultClient(t, fs, nil)

			err := c.Do(context.Background(), http.MethodDelete, "/api/user/webhook/wh_1", nil, nil)

			assert.NoError(t, err)
			assert.Equal(t, int32(1), fs.requests.Load())
		})
	}
}

func TestCutBodyThenServerErrorReportsLastAttempt(t *testing.T) {
	fs := newFaultServer(t, func(n int) fault {
		if n == 1 {
			return faultHalfBody
		}
		return fault500
	})
	c := newFaultClient(t, fs, nil)

	_, _, err := c.Transactions.FindByID(context.Background(), "tx_1")

	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr, "the error must describe the last attempt, not the first")
	assert.Equal(t, http.StatusInternalServerError, apiErr.StatusCode)
	assert.Equal(t, int32(matrixRetries+1), fs.requests.Load())
	assert.Equal(t, c.bodies.opened.Load(), c.bodies.closed.Load(), "response bodies opened vs closed")
}

// signalHandler is a slog.Handler that closes retrying the first time the
// SDK logs that it is about to wait before a retry.
type signalHandler struct {
	retrying chan struct{}
	once     *sync.Once
}

func newSignalHandler() signalHandler {
	return signalHandler{retrying: make(chan struct{}), once: new(sync.Once)}
}

func (h signalHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h signalHandler) Handle(_ context.Context, r slog.Record) error {
	if r.Message == "bynet: retrying request" {
		h.once.Do(func() { close(h.retrying) })
	}
	return nil
}

func (h signalHandler) WithAttrs([]slog.Attr) slog.Handler { return h }

func (h signalHandler) WithGroup(string) slog.Handler { return h }

func TestBackoffWaitStopsOnCancel(t *testing.T) {
	const bound = 50 * time.Millisecond
	cases := []struct {
		name  string
		fault fault
		op    operation
	}{
		{name: "GET after 504", fault: fault504, op: matrixOperations()[0]},
		{name: "POST after 429", fault: fault429, op: matrixOperations()[3]},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFaultServer(t, func(int) fault { return tc.fault })
			signal := newSignalHandler()
			c := newFaultClient(t, fs, slog.New(signal), WithRetry(3, time.Minute, time.Minute))
			if tc.fault == fault429 {
				fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					fs.requests.Add(1)
					writeBody(w, http.StatusTooManyRequests, "application/json", `{"status":429}`)
				})
			}

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			done := make(chan error, 1)
			go func() { done <- tc.op.call(ctx, c.Client) }()

			<-signal.retrying
			time.Sleep(5 * time.Millisecond) // let the client enter its wait
			cancelled := time.Now()
			cancel()
			err := <-done
			latency := time.Since(cancelled)

			t.Logf("cancel to return: %s", latency)
			assert.Less(t, latency, bound)
			assert.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, int32(1), fs.requests.Load())
			if tc.fault == fault429 {
				assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the server rejected the only attempt with 429")
			}
		})
	}
}

func TestRetryAfterAboveMaxReturnsAtOnce(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		retryAfter string
		want       time.Duration
		op         operation
		sentinel   error
	}{
		{name: "GET 503 seconds", status: http.StatusServiceUnavailable, retryAfter: "120",
			want: 120 * time.Second, op: matrixOperations()[0], sentinel: ErrServer},
		{name: "GET 429 HTTP date", status: http.StatusTooManyRequests,
			retryAfter: time.Now().Add(10 * time.Minute).UTC().Format(http.TimeFormat),
			want:       10 * time.Minute, op: matrixOperations()[0], sentinel: ErrRateLimited},
		{name: "POST 429 seconds", status: http.StatusTooManyRequests, retryAfter: "3600",
			want: time.Hour, op: matrixOperations()[3], sentinel: ErrRateLimited},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFaultServer(t, nil)
			fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				fs.requests.Add(1)
				w.Header().Set("Retry-After", tc.retryAfter)
				writeBody(w, tc.status, "application/json", `{"message":"tente mais tarde"}`)
			})
			c := newFaultClient(t, fs, nil, WithRetry(3, time.Millisecond, time.Second))

			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			started := time.Now()
			err := tc.op.call(ctx, c.Client)
			elapsed := time.Since(started)

			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.ErrorIs(t, err, tc.sentinel)
			assert.InDelta(t, tc.want.Seconds(), apiErr.RetryAfter.Seconds(), 2, "requested delay")
			assert.Contains(t, err.Error(), "retry after")
			assert.Equal(t, int32(1), fs.requests.Load(), "no retry when the server asks for more than the maximum wait")
			assert.Less(t, elapsed, time.Second, "the call must not sleep")
			if tc.status == http.StatusTooManyRequests {
				assert.NotErrorIs(t, err, ErrOutcomeUnknown)
			}
		})
	}
}

func TestAmbiguousCreateCarriesExternalRef(t *testing.T) {
	cases := []struct {
		name    string
		fault   fault
		timeout time.Duration
		ctx     time.Duration
	}{
		{name: "client timeout", fault: faultHang, timeout: matrixHangTimeout, ctx: matrixCallBudget},
		{name: "context deadline", fault: faultHang, timeout: time.Minute, ctx: matrixHangTimeout},
		{name: "reset", fault: faultReset, timeout: time.Minute, ctx: matrixCallBudget},
		{name: "cut body", fault: faultHalfBody, timeout: time.Minute, ctx: matrixCallBudget},
		{name: "502 page", fault: fault502HTML, timeout: time.Minute, ctx: matrixCallBudget},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFaultServer(t, func(int) fault { return tc.fault })
			c := newFaultClient(t, fs, nil, WithTimeout(tc.timeout))
			ctx, cancel := context.WithTimeout(context.Background(), tc.ctx)
			defer cancel()

			_, _, err := c.Transactions.Create(ctx, leakCardCharge())

			var unknown *OutcomeUnknownError
			require.ErrorAs(t, err, &unknown)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, "order-42", unknown.ExternalRef)
			assert.Equal(t, http.MethodPost, unknown.Method)
			assert.Equal(t, "/api/user/transactions", unknown.Path)
			assert.Contains(t, err.Error(), `externalRef "order-42"`)
			assert.Contains(t, err.Error(), "look it up before retrying")
			assert.Equal(t, int32(1), fs.requests.Load())
		})
	}
}

func TestIdleConnectionsAreReused(t *testing.T) {
	fs := newFaultServer(t, func(n int) fault { return faultNone })
	c := newFaultClient(t, fs, nil)

	for range 20 {
		_, _, err := c.Transactions.FindByID(context.Background(), "tx_1")
		require.NoError(t, err)
	}

	assert.Equal(t, int32(20), fs.requests.Load())
	assert.Equal(t, int32(1), fs.conns.Load(), "new connections over 20 sequential calls")
	assert.Equal(t, int64(20), c.bodies.closed.Load())
}

func TestDefaultTransportReusesConnections(t *testing.T) {
	fs := newFaultServer(t, func(n int) fault {
		if n%2 == 0 {
			return faultNone
		}
		return faultTextPlain
	})
	c, err := NewClient(leakAPIKey, WithBaseURL(fs.URL))
	require.NoError(t, err)
	defer c.http.HTTPClient.CloseIdleConnections()

	for range 20 {
		_, _, err := c.Transactions.FindByID(context.Background(), "tx_1")
		require.NoError(t, err)
	}

	assert.Equal(t, int32(1), fs.conns.Load(), "new connections over 20 sequential calls")
}

func TestCancelledContextSendsNothing(t *testing.T) {
	for _, op := range matrixOperations() {
		t.Run(op.name, func(t *testing.T) {
			fs := newFaultServer(t, func(int) fault { return faultNone })
			c := newFaultClient(t, fs, nil)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()

			err := op.call(ctx, c.Client)

			assert.ErrorIs(t, err, context.Canceled)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown, "nothing was sent, so the outcome is known")
			assert.Zero(t, fs.requests.Load())
		})
	}
}

func TestDeadlineCutsRetryAfterWait(t *testing.T) {
	fs := newFaultServer(t, nil)
	fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fs.requests.Add(1)
		w.Header().Set("Retry-After", "5")
		writeBody(w, http.StatusServiceUnavailable, "application/json", `{"status":503}`)
	})
	c := newFaultClient(t, fs, nil, WithRetry(3, time.Millisecond, time.Minute))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()

	started := time.Now()
	_, _, err := c.Transactions.FindByID(ctx, "tx_1")
	elapsed := time.Since(started)

	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, int32(1), fs.requests.Load())
	assert.Less(t, elapsed, time.Second, "the 5 s Retry-After wait outlived the 200 ms deadline")
}
