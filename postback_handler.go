package bynet

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
)

// DefaultMaxPostbackBytes caps the body that ParsePostback reads: 1 MiB,
// far above a transaction with its items and refunds.
const DefaultMaxPostbackBytes = 1 << 20

// PostbackOption configures ParsePostback and NewPostbackHandler. An invalid
// value makes them fail, so a missing secret cannot silently turn the
// check off.
type PostbackOption func(*postbackConfig) error

type postbackConfig struct {
	maxBytes    int64
	secretParam string
	secretHash  [sha256.Size]byte
	hasSecret   bool
	verifier    *Client
	logger      *slog.Logger
}

func newPostbackConfig(opts []PostbackOption) (*postbackConfig, error) {
	cfg := &postbackConfig{maxBytes: DefaultMaxPostbackBytes}
	for _, opt := range opts {
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}

	if cfg.logger == nil {
		cfg.logger = slog.New(slog.DiscardHandler)
	}
	return cfg, nil
}

// WithPostbackMaxBytes sets the largest body accepted, in bytes. Larger
// bodies are rejected with ErrPostbackTooLarge (413).
func WithPostbackMaxBytes(n int64) PostbackOption {
	return func(cfg *postbackConfig) error {
		if n <= 0 {
			return invalid("maxBytes", "%d is not positive; expected a size in bytes, such as %d", n, DefaultMaxPostbackBytes)
		}
		cfg.maxBytes = n
		return nil
	}
}

// WithPostbackSecret requires the query parameter param of the postback URL
// to equal secret. Register the URL with the secret in it, for example
// https://shop.example.com/postback?token=<secret>. A request without the
// parameter is rejected with 401 and one with a wrong value with 403. The
// comparison takes the same time whatever the value sent. Use a long random
// secret: it is stored at the platform and travels in every postback URL.
func WithPostbackSecret(param, secret string) PostbackOption {
	return func(cfg *postbackConfig) error {
		switch {
		case strings.TrimSpace(param) == "":
			return invalid("secret parameter", "is empty; expected a query parameter name such as \"token\"")
		case secret == "":
			return invalid("secret", "is empty; expected a long random string")
		}

		cfg.secretParam = param
		cfg.secretHash = sha256.Sum256([]byte(secret))
		cfg.hasSecret = true
		return nil
	}
}

// WithPostbackVerify re-fetches every postback's object through
// client.Webhooks.VerifyPostback and hands on the server's version instead
// of the body received.
func WithPostbackVerify(client *Client) PostbackOption {
	return func(cfg *postbackConfig) error {
		if client == nil {
			return invalid("client", "is nil; expected the *bynet.Client that verifies postbacks")
		}
		cfg.verifier = client
		return nil
	}
}

// WithPostbackLogger makes a PostbackHandler log each postback it accepts
// or rejects. Log lines carry the kind, object id, status and error, never
// the body, the query string or the secret.
func WithPostbackLogger(logger *slog.Logger) PostbackOption {
	return func(cfg *postbackConfig) error {
		cfg.logger = logger
		return nil
	}
}

// ParsePostback reads a postback request: it checks the method (POST), the
// shared secret when WithPostbackSecret is given, the content type
// (application/json, charset utf-8 if any) and the body size, then decodes
// the body with ParsePostbackBytes. With WithPostbackVerify it returns the
// server's version, as VerifyPostback does, using the request's context.
//
// A rejected request yields a *PostbackError that matches one of the
// ErrPostback sentinels and carries the status to respond with. Verification
// errors are those of VerifyPostback.
func ParsePostback(r *http.Request, opts ...PostbackOption) (*Postback, error) {
	cfg, err := newPostbackConfig(opts)
	if err != nil {
		return nil, err
	}
	return cfg.parse(r)
}

func (cfg *postbackConfig) parse(r *http.Request) (*Postback, error) {
	if err := cfg.checkRequest(r); err != nil {
		return nil, err
	}

	body, err := cfg.readBody(r)
	if err != nil {
		return nil, err
	}

	p, err := ParsePostbackBytes(body)
	if err != nil || cfg.verifier == nil {
		return p, err
	}

	server, _, err := cfg.verifier.Webhooks.VerifyPostback(r.Context(), p)
	return server, err
}

// checkRequest checks everything but the body, so an unauthenticated
// request is rejected before its body is read.
func (cfg *postbackConfig) checkRequest(r *http.Request) error {
	if r.Method != http.MethodPost {
		return rejectPostback(ErrPostbackMethod, http.StatusMethodNotAllowed, "got %s, expected POST", r.Method)
	}

	if err := cfg.checkSecret(r); err != nil {
		return err
	}

	return checkPostbackContentType(r.Header.Get("Content-Type"))
}

func (cfg *postbackConfig) checkSecret(r *http.Request) error {
	if !cfg.hasSecret {
		return nil
	}

	values, ok := r.URL.Query()[cfg.secretParam]
	if !ok || len(values) == 0 || values[0] == "" {
		return rejectPostback(ErrPostbackSecret, http.StatusUnauthorized, "the URL has no %q parameter", cfg.secretParam)
	}

	sent := sha256.Sum256([]byte(values[0]))
	if subtle.ConstantTimeCompare(sent[:], cfg.secretHash[:]) != 1 {
		return rejectPostback(ErrPostbackSecret, http.StatusForbidden, "the %q parameter does not match the secret", cfg.secretParam)
	}
	return nil
}

func checkPostbackContentType(header string) error {
	if header == "" {
		return rejectPostback(ErrPostbackContentType, http.StatusUnsupportedMediaType, "no Content-Type, expected application/json")
	}

	mediaType, params, err := mime.ParseMediaType(header)
	if err != nil || mediaType != "application/json" {
		return rejectPostback(ErrPostbackContentType, http.StatusUnsupportedMediaType, "got %q, expected application/json", header)
	}

	if charset, ok := params["charset"]; ok && !strings.EqualFold(charset, "utf-8") {
		return rejectPostback(ErrPostbackContentType, http.StatusUnsupportedMediaType, "got charset %q, expected utf-8", charset)
	}
	return nil
}

func (cfg *postbackConfig) readBody(r *http.Request) ([]byte, error) {
	if r.ContentLength > cfg.maxBytes {
		return nil, cfg.tooLarge()
	}

	if r.Body == nil {
		return nil, rejectPostback(ErrPostbackMalformed, http.StatusBadRequest, "the body is empty")
	}

	body, err := io.ReadAll(io.LimitReader(r.Body, cfg.maxBytes+1))
	if err != nil {
		return nil, rejectPostback(ErrPostbackMalformed, http.StatusBadRequest, "cannot read the body: %v", err)
	}

	if int64(len(body)) > cfg.maxBytes {
		return nil, cfg.tooLarge()
	}
	return body, nil
}

func (cfg *postbackConfig) tooLarge() error {
	return rejectPostback(ErrPostbackTooLarge, http.StatusRequestEntityTooLarge, "the body exceeds %d bytes", cfg.maxBytes)
}

// PostbackFunc handles one postback. Return nil once the postback is
// processed, or stored for processing: the platform then stops sending it.
// Return an error to have it sent again later.
type PostbackFunc func(ctx context.Context, p *Postback) error

// PostbackHandler is an http.Handler for a postback URL. It parses each
// request as ParsePostback does, calls its PostbackFunc, and responds with:
//
//   - 200 when the function returns nil;
//   - 500 when it returns an error, and 503 when verification could not
//     reach the API, so the platform sends the postback again;
//   - 405, 415, 413 or 400 for a request it rejects, 401 or 403 for a
//     missing or wrong secret, 403 for a postback the API contradicts, and
//     422 for one it cannot verify (an unknown kind or unusable id).
//
// The body of every response is a short JSON object with no internal error
// text. Log details with WithPostbackLogger. A PostbackHandler is safe for
// concurrent use.
//
// NOTE: the platform documents neither its retry policy nor which statuses
// it retries. These responses follow the usual webhook convention that 2xx
// ends the delivery and 5xx asks for another.
type PostbackHandler struct {
	handle PostbackFunc
	cfg    *postbackConfig
}

// NewPostbackHandler returns a handler that passes each accepted postback to
// handle. It fails on a nil handle or an invalid option.
func NewPostbackHandler(handle PostbackFunc, opts ...PostbackOption) (*PostbackHandler, error) {
	if handle == nil {
		return nil, invalid("handle", "is nil; expected the function that processes postbacks")
	}

	cfg, err := newPostbackConfig(opts)
	if err != nil {
		return nil, err
	}
	return &PostbackHandler{handle: handle, cfg: cfg}, nil
}

// ServeHTTP parses, verifies when configured, and calls the PostbackFunc.
func (h *PostbackHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	log := h.cfg.logger.With(slog.String("path", r.URL.Path), slog.String("remote_addr", r.RemoteAddr))

	p, err := h.cfg.parse(r)
	if err != nil {
		status := postbackErrorStatus(err)
		if status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", http.MethodPost)
		}
		log.LogAttrs(ctx, postbackLogLevel(status), "bynet: postback rejected",
			slog.Int("status", status), slog.String("error", err.Error()))
		writePostbackAnswer(w, status)
		return
	}

	if err := h.handle(ctx, p); err != nil {
		log.LogAttrs(ctx, slog.LevelError, "bynet: postback handler failed; the platform should send it again",
			slog.Any("postback", p), slog.String("error", err.Error()))
		writePostbackAnswer(w, http.StatusInternalServerError)
		return
	}

	log.LogAttrs(ctx, slog.LevelInfo, "bynet: postback processed", slog.Any("postback", p))
	writePostbackAnswer(w, http.StatusOK)
}

// postbackErrorStatus maps an error of parse to the status to respond with.
func postbackErrorStatus(err error) int {
	var rejected *PostbackError
	var invalidParams *ValidationError
	switch {
	case errors.As(err, &rejected):
		return rejected.StatusCode
	case errors.Is(err, ErrPostbackMismatch):
		return http.StatusForbidden
	case errors.As(err, &invalidParams):
		return http.StatusUnprocessableEntity
	}
	return http.StatusServiceUnavailable
}

// postbackLogLevel logs failures to reach the API as errors, because they
// need the operator, and rejected requests as warnings.
func postbackLogLevel(status int) slog.Level {
	if status >= 500 {
		return slog.LevelError
	}
	return slog.LevelWarn
}

func writePostbackAnswer(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)

	if status < 300 {
		_, _ = io.WriteString(w, `{"received":true}`+"\n")
		return
	}
	fmt.Fprintf(w, `{"error":%q}`+"\n", http.StatusText(status))
}
