// Package bynettest is an in-memory sandbox of the Bynet API for tests and
// local development. NewServer starts it on a loopback address, like
// httptest.NewServer, and Server.Client returns a bynet.Client wired to it.
//
// The sandbox checks the x-api-key and User-Agent headers and keeps the
// state of every API group in memory. It responds in the API's envelope
// ({status, message, data, error}) with Portuguese messages, and generates
// PIX "copia e cola" codes with a valid CRC.
//
// A test drives what the platform would do on its own: Pay, Refuse,
// Cancel, Refund and Chargeback change a charge, CompletePayout and
// FailPayout settle a cashout or transfer, and Credit adds money. Each
// change of status posts a postback to the object's postbackUrl and to
// registered webhooks on loopback; Flush waits for them and Deliveries
// lists them. FailNext, DropNext and SetLatency inject faults.
//
// The balance is paid charges minus the sandbox's fees, refunds,
// chargebacks and payouts. The fees are PIX R$ 1,00 + 0.99%, boleto
// R$ 3,00, card R$ 1,00 + 4.99%, cashout R$ 0,50, PIX transfer free and
// bank transfer R$ 5,30. PIX money is available at once, boleto money the
// next day and card money after 30 days. The real rates and release
// dates depend on each account's contract.
//
// NewMockClient and the responders (Respond, TransactionResponder,
// PageResponder, ErrorResponder, ...) serve tests that stay with httpmock.
package bynettest

import (
	"log/slog"
	"net"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/bynet-go/bynet"
)

// DefaultAPIKey is the API key that the sandbox accepts unless WithAPIKey
// sets another. It is not a key of any real account.
const DefaultAPIKey = "sk_test_bynettest_fake_key" //nolint:gosec // G101: a published fake key that only the sandbox accepts

// Server is a running sandbox. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL of the sandbox, such as "http://127.0.0.1:41234".
	URL string
	// APIKey is the only x-api-key value that the sandbox accepts.
	APIKey string

	http  *httptest.Server
	state *state
	fault *faults
	post  *postman

	autoSettle time.Duration
	logger     *slog.Logger
	timersMu   sync.Mutex
	timers     []*time.Timer
	closed     bool

	logMu    sync.Mutex
	requests []Request
}

// Request is one request that reached the sandbox, as Server.Requests
// returns it.
type Request struct {
	Method    string
	Path      string
	Query     string
	UserAgent string
	// Body is the raw request body.
	Body []byte
	// Status is the HTTP status of the response, or 0 for a dropped connection.
	Status int
}

// ServerOption configures NewServer.
type ServerOption func(*serverConfig)

type serverConfig struct {
	apiKey   string
	listener net.Listener
	now      func() time.Time

	logger *slog.Logger

	reserveBasisPoints int64
	reserveDays        int
	autoSettle         time.Duration
}

// WithAPIKey sets the API key that the sandbox accepts.
func WithAPIKey(key string) ServerOption {
	return func(c *serverConfig) { c.apiKey = key }
}

// WithListener serves on l instead of a new listener on 127.0.0.1. The
// sandbox closes l when it closes.
func WithListener(l net.Listener) ServerOption {
	return func(c *serverConfig) { c.listener = l }
}

// WithClock sets the function the sandbox reads the time from, so a test
// can fix createdAt, paidAt and the dates of lists.
func WithClock(now func() time.Time) ServerOption {
	return func(c *serverConfig) { c.now = now }
}

// WithLogger logs one line per request (method, path, status, duration)
// and every failed postback to l. By default the sandbox logs nothing.
func WithLogger(l *slog.Logger) ServerOption {
	return func(c *serverConfig) { c.logger = l }
}

// NewServer starts a sandbox on a loopback address. Call Close when done.
func NewServer(opts ...ServerOption) *Server {
	cfg := &serverConfig{apiKey: DefaultAPIKey, now: time.Now}
	for _, opt := range opts {
		opt(cfg)
	}

	s := &Server{
		APIKey:     cfg.apiKey,
		state:      newState(cfg.now),
		fault:      &faults{},
		post:       newPostman(cfg.logger),
		autoSettle: cfg.autoSettle,
		logger:     cfg.logger,
	}
	s.state.reserveBasisPoints, s.state.reserveDays = cfg.reserveBasisPoints, cfg.reserveDays

	s.http = httptest.NewUnstartedServer(s.handler())
	if cfg.listener != nil {
		_ = s.http.Listener.Close() // the unused default listener is replaced
		s.http.Listener = cfg.listener
	}
	s.http.Start()

	s.URL = s.http.URL
	return s
}

// Close stops delivering postbacks, shuts the sandbox down and waits for
// the requests in flight.
func (s *Server) Close() {
	s.stopTimers()
	s.http.Close()
	s.post.close()
}

// Client returns a client for the sandbox: its base URL and API key, and
// retry waits of a few milliseconds so tests of retries stay fast. opts
// are applied after these and may replace them. Client panics if an option
// is invalid, like a test helper that cannot go on.
func (s *Server) Client(opts ...bynet.Option) *bynet.Client {
	base := []bynet.Option{
		bynet.WithBaseURL(s.URL),
		bynet.WithHTTPClient(s.http.Client()),
		bynet.WithRetry(3, time.Millisecond, 5*time.Millisecond),
	}

	c, err := bynet.NewClient(s.APIKey, append(base, opts...)...)
	if err != nil {
		panic("bynettest: cannot build client: " + err.Error())
	}
	return c
}

// Requests returns the requests that reached the sandbox, oldest first.
func (s *Server) Requests() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()

	return append([]Request(nil), s.requests...)
}

func (s *Server) logRequest(r Request, elapsed time.Duration) {
	s.logMu.Lock()
	s.requests = append(s.requests, r)
	s.logMu.Unlock()

	if s.logger != nil {
		s.logger.Info("bynettest: request", slog.String("method", r.Method), slog.String("path", r.Path),
			slog.Int("status", r.Status), slog.Duration("elapsed", elapsed))
	}
}
