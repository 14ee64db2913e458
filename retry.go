package bynet

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// retryClass says how safe it is to send a request again.
type retryClass int

const (
	// retryIdempotent requests (GET, PUT, DELETE and read-like POSTs) retry on
	// connection errors, 429 and 5xx other than 501.
	retryIdempotent retryClass = iota
	// retryUnsafe requests (POSTs that create something, money above all)
	// retry only when the server provably did not act: a failed dial or a 429.
	retryUnsafe
)

// callState travels in the request context, because go-retryablehttp hands
// its hooks the context rather than the request.
type callState struct {
	class      retryClass
	method     string
	path       string
	attempts   int
	body       []byte
	bodyErr    error
	retryAfter time.Duration
	started    time.Time
	// notSent is true when the last attempt provably did not reach the
	// server's application: the dial or the TLS handshake failed, or the
	// server returned 429.
	notSent bool
	// buf and limited back body; see readBody.
	buf     *bytes.Buffer
	limited io.LimitedReader
}

// mayHaveActed reports whether the server may have processed the request.
func (st *callState) mayHaveActed() bool {
	return st.attempts > 0 && !st.notSent
}

type callStateKey struct{}

func stateFrom(ctx context.Context) *callState {
	st, _ := ctx.Value(callStateKey{}).(*callState)
	if st == nil {
		return &callState{}
	}
	return st
}

// checkRetry implements retryablehttp.CheckRetry with the rules above.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	st := stateFrom(ctx)
	c.logAttempt(ctx, st, resp, err)
	st.notSent = (err != nil && (dialFailed(err) || handshakeFailed(err))) ||
		(resp != nil && resp.StatusCode == http.StatusTooManyRequests)

	if ctx.Err() != nil {
		return false, ctx.Err()
	}

	if err != nil {
		retry := dialFailed(err) || (st.class == retryIdempotent && transientError(err))
		if retry {
			c.logRetry(st, "transport error", slog.String("error", describeError(err)))
		}
		return retry, nil
	}

	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented && st.class == retryIdempotent:
	default:
		return false, nil
	}

	if wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok && wait > c.maxWait {
		st.retryAfter = wait
		return false, nil
	}

	c.logRetry(st, "retryable status", slog.Int("status", resp.StatusCode))
	return true, nil
}

func (c *Client) logRetry(st *callState, reason string, attr slog.Attr) {
	c.logger.LogAttrs(context.Background(), slog.LevelWarn, "bynet: retrying request",
		slog.String("method", st.method), slog.String("path", st.path),
		slog.Int("attempt", st.attempts), slog.String("reason", reason), attr)
}

// backoff implements retryablehttp.Backoff: the server's Retry-After when it
// sent one (already checked against the maximum by checkRetry), else an
// exponential wait with jitter between half and all of min*2^attempt.
func (c *Client) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(wait, maxWait)
		}
	}

	wait := minWait << min(attempt, 30)
	if wait <= 0 || wait > maxWait {
		wait = maxWait
	}

	if wait <= 1 {
		return wait
	}

	half := wait / 2
	return half + rand.N(wait-half+1) //nolint:gosec // G404: jitter needs spread, not unpredictability
}

// retryAfter parses a Retry-After value in seconds or as an HTTP date.
func retryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}

	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 1<<31)) * time.Second, true
	}

	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}

	return max(when.Sub(now), 0), true
}

// dialFailed reports whether err happened before a connection existed, so
// the server cannot have seen the request.
func dialFailed(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}

	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// handshakeFailed reports whether err ended the TLS handshake, which
// completes before any byte of the request is written.
func handshakeFailed(err error) bool {
	var certErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var alertErr tls.AlertError
	return errors.As(err, &certErr) || errors.As(err, &recordErr) || errors.As(err, &alertErr)
}

// transientError reports whether a transport error may pass on its own.
// Certificate problems and malformed requests will not.
func transientError(err error) bool {
	var certErr *tls.CertificateVerificationError
	if errors.As(err, &certErr) || errors.Is(err, ErrResponseTooLarge) {
		return false
	}

	var recordErr tls.RecordHeaderError
	return !errors.As(err, &recordErr)
}

// stripURL removes the *url.Error layer that net/http adds, because its
// message repeats the request URL, whose query string may carry personal data
// such as a document number.
func stripURL(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) && urlErr.Err != nil {
		return urlErr.Err
	}
	return err
}

func describeError(err error) string {
	return stripURL(err).Error()
}
