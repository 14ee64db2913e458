package bynet

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/bynet-go/bynet/internal/validate"
)

// Base URLs of the platform. The same API is sold under several brands; pass
// the host of yours to WithBaseURL.
const (
	// DefaultBaseURL is the Bynet API host.
	DefaultBaseURL = "https://api-gateway.techbynet.com"
	// BaseURLUmbrellaPag is the UmbrellaPag host of the same platform.
	BaseURLUmbrellaPag = "https://api-gateway.umbrellapag.com"
	// BaseURLFyntra is the Fyntra host of the same platform.
	BaseURLFyntra = "https://api-gateway.fyntrabr.com"
	// BaseURLAtivoPay is the AtivoPay host of the same platform.
	BaseURLAtivoPay = "https://api-gateway.ativopay.com"
	// BaseURLAtivoB2B is the AtivoB2B host of the same platform.
	BaseURLAtivoB2B = "https://api.ativob2b.com"
)

// Defaults applied by NewClient.
const (
	// DefaultUserAgent is the User-Agent that the API documents as required.
	DefaultUserAgent = "AtivoB2B/1.0"
	// DefaultTimeout bounds one attempt: connecting, sending and reading the response.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxRetries is how many times a retryable request is sent again.
	DefaultMaxRetries = 3
	// DefaultMinRetryWait is the first backoff wait.
	DefaultMinRetryWait = 500 * time.Millisecond
	// DefaultMaxRetryWait caps every backoff wait, Retry-After included.
	DefaultMaxRetryWait = 30 * time.Second
	// DefaultMaxResponseBytes caps how much of a JSON response body is read.
	DefaultMaxResponseBytes = 10 << 20
)

// APIKeyEnv is the environment variable that NewClient reads when it is
// given an empty API key.
const APIKeyEnv = "BYNET_API_KEY" //nolint:gosec // G101: the name of a variable, not a credential

// Option configures a Client. Every option validates its value and makes
// NewClient fail on an invalid one.
type Option func(*config) error

type config struct {
	baseURL    *url.URL
	httpClient *http.Client
	timeout    time.Duration
	maxRetries int
	minWait    time.Duration
	maxWait    time.Duration
	logger     *slog.Logger
	userAgent  string
	maxBody    int64
}

func defaultConfig() *config {
	base, _ := url.Parse(DefaultBaseURL)
	return &config{
		baseURL:    base,
		maxRetries: DefaultMaxRetries,
		minWait:    DefaultMinRetryWait,
		maxWait:    DefaultMaxRetryWait,
		userAgent:  DefaultUserAgent,
		maxBody:    DefaultMaxResponseBytes,
	}
}

// WithBaseURL sends requests to another host of the platform, or to a test
// server. The URL must be absolute and use https. Plain http is accepted only
// for loopback hosts, so the API key never crosses a network in clear text.
// A path prefix is kept; a query or fragment is rejected.
func WithBaseURL(raw string) Option {
	return func(c *config) error {
		if err := validate.CallbackURL(raw); err != nil {
			return fmt.Errorf("bynet: invalid base URL %q: %w", raw, err)
		}

		u, _ := url.Parse(raw)
		if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
			return fmt.Errorf("bynet: invalid base URL %q: must not have a query or fragment", raw)
		}

		u.Path = strings.TrimRight(u.Path, "/")
		u.RawPath = ""
		c.baseURL = u
		return nil
	}
}

// WithHTTPClient sets the *http.Client that every attempt is sent through,
// under the SDK's retries. Its Transport is used as it is, so a test can put
// an httpmock.MockTransport there. The client is copied, never modified. Its
// CheckRedirect is consulted only for redirects within the base URL's host,
// because a redirect to another host would receive the API key.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return fmt.Errorf("bynet: WithHTTPClient: client is nil; expected an *http.Client, or leave the option out")
		}
		c.httpClient = hc
		return nil
	}
}

// WithTimeout bounds each attempt (connect, send, read the response). It
// replaces the Timeout of a client given to WithHTTPClient. The context of a
// call bounds the whole call, retries and waits included. Default: 30s.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("bynet: WithTimeout: timeout must be positive, got %s", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets how many times a retryable request is sent again (0 turns
// retries off) and the bounds of the exponential backoff between attempts.
// maxWait also caps Retry-After. When a server requests a longer wait, the
// call returns an *APIError at once, carrying the requested delay. Defaults: 3, 500ms, 30s.
func WithRetry(maxRetries int, minWait, maxWait time.Duration) Option {
	return func(c *config) error {
		switch {
		case maxRetries < 0:
			return fmt.Errorf("bynet: WithRetry: maxRetries must be 0 or more, got %d", maxRetries)
		case minWait < 0:
			return fmt.Errorf("bynet: WithRetry: minWait must be 0 or more, got %s", minWait)
		case maxWait < minWait:
			return fmt.Errorf("bynet: WithRetry: maxWait (%s) must be at least minWait (%s)", maxWait, minWait)
		}

		c.maxRetries, c.minWait, c.maxWait = maxRetries, minWait, maxWait
		return nil
	}
}

// WithLogger sends the SDK's log lines (requests, responses, retries) to l.
// Logging is off by default and a nil l turns it off. No line ever contains
// the API key, a request or response body, or a query string.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent replaces the User-Agent header. The API documents the default,
// "AtivoB2B/1.0", as required, so change it only if the platform instructed
// your account to.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		if strings.TrimSpace(ua) == "" || strings.ContainsFunc(ua, unicode.IsControl) {
			return fmt.Errorf("bynet: WithUserAgent: user agent must be non-empty and free of control characters")
		}
		c.userAgent = ua
		return nil
	}
}

// WithMaxResponseBytes caps how many bytes of a JSON response body the SDK
// reads; a larger body fails with an error that wraps ErrResponseTooLarge.
// It does not apply to the streamed Excel export. Default: 10 MiB.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("bynet: WithMaxResponseBytes: limit must be positive, got %d", n)
		}
		c.maxBody = n
		return nil
	}
}
