package bynet

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/bynet-go/bynet/internal/validate"
)

// download sends r and returns the file that the server responds with, as a
// body that streams from the network. A JSON response is taken as an envelope
// whose data holds the file in base64 or a link to it: a base64 file is
// limited by the JSON body cap, and a link is fetched without the API key.
// accept names the expected media type; JSON is always accepted too.
func (c *Client) download(ctx context.Context, r *request, accept string) (io.ReadCloser, *Response, error) {
	resp, result, err := c.stream(ctx, r, accept+", application/json;q=0.9")
	if err != nil {
		return nil, result, err
	}

	buffered := bufio.NewReader(resp.Body)
	resp.Body = &bufferedBody{Reader: buffered, Closer: resp.Body}
	if !isJSON(resp.Header.Get("Content-Type"), buffered) {
		return resp.Body, result, nil
	}

	return c.downloadFromJSON(ctx, r, resp, result)
}

// isJSON reports whether a response is JSON: by its Content-Type, or, when
// that is missing or text such as a proxy's text/html, by a body that starts
// with "{" (a workbook starts with "PK"). Only that case waits for the first
// body byte.
func isJSON(contentType string, body *bufio.Reader) bool {
	contentType = strings.ToLower(contentType)
	switch {
	case strings.Contains(contentType, "json"):
		return true
	case contentType != "" && !strings.HasPrefix(contentType, "text/"):
		return false
	}

	first, err := body.Peek(1)
	return err == nil && first[0] == '{'
}

// bufferedBody reads through a bufio.Reader and closes the original body.
type bufferedBody struct {
	io.Reader
	io.Closer
}

// stream sends r like do, but hands back a 2xx response with its body
// unread, for downloads that may be far larger than the JSON body cap. The
// client's per-attempt timeout bounds only the wait for the response headers,
// so a long download is not cut; the caller's ctx bounds everything. The
// caller must close the returned body. A non-2xx response becomes an *APIError,
// as in the JSON path.
func (c *Client) stream(ctx context.Context, r *request, accept string) (*http.Response, *Response, error) {
	if ctx == nil {
		return nil, nil, errors.New("bynet: nil context")
	}

	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("bynet: %s %s: %w", r.method, r.path, err)
	}

	st := &callState{class: r.class, method: r.method, path: r.path, started: time.Now()}
	req, err := c.newRequest(context.WithValue(ctx, callStateKey{}, st), r)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept", accept)

	resp, err := c.streamingHTTP().Do(req)
	if err != nil {
		return nil, c.response(st, resp, nil), c.transportError(ctx, st, r, resp, err)
	}

	if resp.StatusCode >= 300 {
		st.body, st.bodyErr = readCapped(resp.Body, c.maxBody)
		env, _ := parseEnvelope(st.body)
		apiErr := c.apiError(st, r, resp, env)
		if r.class == retryUnsafe && resp.StatusCode >= 500 {
			return nil, c.response(st, resp, env), &OutcomeUnknownError{Method: r.method, Path: r.path, ExternalRef: r.externalRef, Err: apiErr}
		}
		return nil, c.response(st, resp, env), apiErr
	}

	return resp, c.response(st, resp, nil), nil
}

// streamingHTTP returns a retrying client like c.http whose inner
// http.Client has no overall Timeout, since that would also cut the body
// read, and whose transport bounds each attempt's wait for headers instead.
func (c *Client) streamingHTTP() *retryablehttp.Client {
	inner := *c.http.HTTPClient
	inner.Timeout = 0
	inner.Transport = &headerTimeout{base: inner.Transport, timeout: c.timeout}

	return &retryablehttp.Client{
		HTTPClient:     &inner,
		RetryWaitMin:   c.http.RetryWaitMin,
		RetryWaitMax:   c.http.RetryWaitMax,
		RetryMax:       c.http.RetryMax,
		CheckRetry:     c.http.CheckRetry,
		Backoff:        c.http.Backoff,
		ErrorHandler:   c.http.ErrorHandler,
		RequestLogHook: c.http.RequestLogHook,
	}
}

// headerTimeout is a RoundTripper that cancels an attempt whose response
// headers do not arrive within timeout. Once they arrive, the body may take
// as long as the request's own context allows.
type headerTimeout struct {
	base    http.RoundTripper
	timeout time.Duration
}

// errHeaderTimeout is the transport error of an attempt canceled by
// headerTimeout. It reports Timeout() so that it reads like a net/http
// timeout.
type errHeaderTimeout struct {
	timeout time.Duration
}

func (e errHeaderTimeout) Error() string {
	return fmt.Sprintf("no response headers within %s", e.timeout)
}

// Timeout reports true, like the timeout errors of net/http.
func (e errHeaderTimeout) Timeout() bool { return true }

// RoundTrip sends req under a context that a timer cancels unless the
// headers arrive first. The returned body releases that context on Close.
func (t *headerTimeout) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}

	ctx, cancel := context.WithCancel(req.Context())
	timer := time.AfterFunc(t.timeout, cancel)

	resp, err := base.RoundTrip(req.WithContext(ctx))
	fired := !timer.Stop()
	if err != nil {
		cancel()
		if fired && req.Context().Err() == nil {
			return nil, errHeaderTimeout{timeout: t.timeout}
		}
		return nil, err
	}

	if fired {
		_ = resp.Body.Close()
		cancel()
		return nil, errHeaderTimeout{timeout: t.timeout}
	}

	resp.Body = &releasingBody{ReadCloser: resp.Body, release: cancel}
	return resp, nil
}

// releasingBody runs release once, after the body is closed.
type releasingBody struct {
	io.ReadCloser
	release func()
	once    sync.Once
}

// Close closes the body and releases what the request held.
func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}

// downloadFromJSON handles a download whose response is a JSON envelope.
func (c *Client) downloadFromJSON(ctx context.Context, r *request, resp *http.Response, result *Response) (io.ReadCloser, *Response, error) {
	st := &callState{method: r.method, path: r.path, attempts: result.Attempts}
	st.body, st.bodyErr = readCapped(resp.Body, c.maxBody)
	if st.bodyErr != nil {
		return nil, result, c.decodeError(r, resp, st.body, st.bodyErr)
	}

	env, err := parseEnvelope(st.body)
	if err != nil {
		return nil, result, c.decodeError(r, resp, st.body, err)
	}

	result.Message = env.Message
	if envelopeFailed(env) {
		return nil, result, c.apiError(st, r, resp, env)
	}

	file, link, err := fileLocation(env.Data)
	if err != nil {
		return nil, result, c.decodeError(r, resp, st.body, err)
	}

	if file != nil {
		return io.NopCloser(bytes.NewReader(file)), result, nil
	}

	return c.downloadLink(ctx, r, link, result)
}

// fileLocation finds the file in the data of a JSON download response: either
// its decoded base64 content or a link to it.
func fileLocation(data json.RawMessage) (file []byte, link string, err error) {
	var text string
	if json.Unmarshal(data, &text) == nil {
		return decodeBase64File(text)
	}

	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, "", fmt.Errorf("the download response's data is neither a file nor an object: %w", err)
	}

	for _, key := range []string{"url", "fileUrl", "downloadUrl", "link"} {
		if json.Unmarshal(fields[key], &text) == nil && text != "" {
			return nil, text, nil
		}
	}

	for _, key := range []string{"file", "content", "base64", "data"} {
		if json.Unmarshal(fields[key], &text) == nil && text != "" {
			return decodeBase64File(text)
		}
	}

	return nil, "", errors.New("the download response has neither a file nor a link to one")
}

// decodeBase64File decodes base64 file content, with or without a
// "data:...;base64," prefix.
func decodeBase64File(text string) ([]byte, string, error) {
	if _, after, ok := strings.Cut(text, ";base64,"); ok {
		text = after
	}

	file, err := base64.StdEncoding.DecodeString(strings.TrimSpace(text))
	if err != nil {
		return nil, "", fmt.Errorf("the download response's file is not base64: %w", err)
	}
	return file, "", nil
}

// downloadLink streams the file at link, which must be https (http
// only on loopback). The API key is not sent, because the link may point at
// a storage host rather than the API. For the same reason redirects to other
// hosts are followed, up to net/http's limit of 10.
func (c *Client) downloadLink(ctx context.Context, r *request, link string, result *Response) (io.ReadCloser, *Response, error) {
	if err := validate.CallbackURL(link); err != nil {
		return nil, result, fmt.Errorf("bynet: %s %s: the download response links to an unusable URL: %w", r.method, r.path, err)
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, link, nil)
	if err != nil {
		return nil, result, fmt.Errorf("bynet: %s %s: cannot build the download request: %w", r.method, r.path, stripURL(err))
	}
	req.Header.Set("User-Agent", c.userAgent)

	hc := c.streamingHTTP().HTTPClient
	hc.CheckRedirect = nil

	resp, err := hc.Do(req)
	if err != nil {
		return nil, result, fmt.Errorf("bynet: %s %s: downloading the file failed: %w", r.method, r.path, stripURL(err))
	}

	if resp.StatusCode >= 300 {
		_ = resp.Body.Close()
		return nil, result, fmt.Errorf("bynet: %s %s: downloading the file failed with status %d", r.method, r.path, resp.StatusCode)
	}

	return resp.Body, result, nil
}
