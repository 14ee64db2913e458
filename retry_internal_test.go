package bynet

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		value string
		want  time.Duration
		ok    bool
	}{
		"empty":            {"", 0, false},
		"zero seconds":     {"0", 0, true},
		"seconds":          {" 120 ", 2 * time.Minute, true},
		"negative":         {"-5", 0, false},
		"fraction":         {"1.5", 0, false},
		"text":             {"later", 0, false},
		"huge seconds":     {"99999999999999", (1 << 31) * time.Second, true},
		"HTTP date ahead":  {now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		"HTTP date passed": {now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		"RFC 850 date":     {"Friday, 04-Dec-26 12:00:30 GMT", 30 * time.Second, true},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := retryAfter(tc.value, now)
			assert.Equal(t, tc.ok, ok)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestBackoffHonoursRetryAfterUpToMax(t *testing.T) {
	c := &Client{}
	resp := &http.Response{Header: http.Header{"Retry-After": {"2"}}}

	assert.Equal(t, 2*time.Second, c.backoff(time.Millisecond, 10*time.Second, 0, resp))
	assert.Equal(t, time.Second, c.backoff(time.Millisecond, time.Second, 0, resp), "capped at the max wait")
}

func TestBackoffIsJitteredExponential(t *testing.T) {
	c := &Client{}
	minWait, maxWait := 100*time.Millisecond, 2*time.Second

	for attempt := 0; attempt < 8; attempt++ {
		full := min(minWait<<attempt, maxWait)
		for range 50 {
			wait := c.backoff(minWait, maxWait, attempt, nil)
			assert.GreaterOrEqual(t, wait, full/2, "attempt %d", attempt)
			assert.LessOrEqual(t, wait, full, "attempt %d", attempt)
		}
	}
}

func TestBackoffEdgeValues(t *testing.T) {
	c := &Client{}

	assert.Zero(t, c.backoff(0, 0, 3, nil))

	wait := c.backoff(time.Second, time.Second, 100, nil)
	assert.GreaterOrEqual(t, wait, 500*time.Millisecond, "a shift past the width of Duration stays near the max")
	assert.LessOrEqual(t, wait, time.Second)
}

func TestDialFailedClassification(t *testing.T) {
	dialErr := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	readErr := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}

	assert.True(t, dialFailed(dialErr))
	assert.True(t, dialFailed(&url.Error{Op: "Post", URL: "https://x", Err: dialErr}))
	assert.True(t, dialFailed(&net.DNSError{Err: "no such host", Name: "x"}))
	assert.False(t, dialFailed(readErr))
	assert.False(t, dialFailed(errors.New("timeout")))
}

func TestTransientErrorClassification(t *testing.T) {
	certErr := &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}

	assert.False(t, transientError(certErr))
	assert.False(t, transientError(tls.RecordHeaderError{Msg: "not TLS"}))
	assert.False(t, transientError(ErrResponseTooLarge))
	assert.True(t, transientError(errors.New("connection reset by peer")))
}

func TestStripURLRemovesTheURL(t *testing.T) {
	inner := errors.New("boom")
	err := stripURL(&url.Error{Op: "Get", URL: "https://x/api?documentNumber=52998224725", Err: inner})

	assert.Equal(t, inner, err)
	assert.Equal(t, inner, stripURL(inner))
}

func TestHandshakeFailedClassification(t *testing.T) {
	certErr := &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}

	assert.True(t, handshakeFailed(&url.Error{Op: "Post", URL: "https://x", Err: certErr}))
	assert.True(t, handshakeFailed(tls.RecordHeaderError{Msg: "not TLS"}))
	assert.True(t, handshakeFailed(tls.AlertError(40)))
	assert.False(t, handshakeFailed(errors.New("connection reset by peer")))
}
