package bynet

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/redact"
)

// Sentinel errors that an *APIError matches with errors.Is, by HTTP status.
var (
	// ErrBadRequest matches a 400 or 422 response, or a 2xx envelope that reports a failure.
	ErrBadRequest = errors.New("bynet: bad request")
	// ErrUnauthorized matches a 401 response: the API key is missing or wrong.
	ErrUnauthorized = errors.New("bynet: unauthorized")
	// ErrForbidden matches a 403 response.
	ErrForbidden = errors.New("bynet: forbidden")
	// ErrNotFound matches a 404 response.
	ErrNotFound = errors.New("bynet: not found")
	// ErrRateLimited matches a 429 response.
	ErrRateLimited = errors.New("bynet: rate limited")
	// ErrServer matches any 5xx response.
	ErrServer = errors.New("bynet: server error")
	// ErrRefused matches a charge that the API created with status REFUSED.
	ErrRefused = errors.New("bynet: refused by the API")
)

// ErrOutcomeUnknown is wrapped by the error of a request that moves money
// (a charge, transfer, cashout or checkout payment) when the SDK cannot tell
// whether the server acted on it. That happens when the connection broke or
// timed out after the request was sent, when the server returned a 5xx, or
// when it returned a 2xx whose body could not be decoded. The SDK never resends such a request. Look the
// object up (by the externalRef you sent, for example) before you try again.
var ErrOutcomeUnknown = errors.New("bynet: outcome unknown, the request may have been processed")

// ErrInvalidParams is matched by every *ValidationError, which the SDK returns
// before any network I/O when a parameter is unusable.
var ErrInvalidParams = errors.New("bynet: invalid parameters")

// APIError is returned when the server responds with an error status, or with
// a success status whose envelope reports a failure. Message, RefusedReason
// and Body have the API key, card numbers, labelled CVVs ("CVV 123") and
// CPF/CNPJ masked, because servers echo them; Body is also capped.
type APIError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Status is the envelope's own status field, which usually repeats StatusCode.
	Status int
	// Message is the envelope's message as the server wrote it, except that an
	// echoed API key is removed. Error masks any CPF, CNPJ or card number in it.
	Message string
	// Code is the error code of the envelope's error object, when it has one.
	Code string
	// RefusedReason is the parsed error.refusedReason, or nil.
	RefusedReason *RefusedReason
	// Provider is error.provider: the upstream acquirer named by the server.
	Provider string
	// Method and Path identify the request; Path has no query string.
	Method string
	Path   string
	// RequestID is the value of the response's request id header, if any.
	RequestID string
	// ContentType is the response's Content-Type header.
	ContentType string
	// RetryAfter is the delay that the server asked for in Retry-After, or zero.
	RetryAfter time.Duration
	// Body is the start of the raw response body, with secrets masked.
	Body []byte
}

// Error describes the failure without secrets: method, path, status and the
// server's message and refusal reason, with CPF, CNPJ and card numbers masked.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Code == "refused" {
		fmt.Fprintf(&b, "bynet: %s %s: refused by the API (HTTP %d)", e.Method, e.Path, e.StatusCode)
	} else {
		fmt.Fprintf(&b, "bynet: %s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	}

	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(redact.Body(e.Message))
	} else if e.ContentType != "" && !strings.Contains(e.ContentType, "json") {
		fmt.Fprintf(&b, ": unexpected %s body", e.ContentType)
	}

	if reason := e.RefusedReason.String(); reason != "" && reason != e.Message {
		b.WriteString(" (refused: ")
		b.WriteString(redact.Body(reason))
		b.WriteString(")")
	}

	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}

	return b.String()
}

// Is matches the sentinel errors by status (the envelope's status when the
// HTTP status is 2xx but the envelope reports a failure), so errors.Is(err, ErrNotFound)
// works on any error chain that holds an *APIError.
func (e *APIError) Is(target error) bool {
	status := e.StatusCode
	if status < 400 && e.Status >= 400 {
		status = e.Status
	}

	switch target {
	case ErrBadRequest:
		return status == http.StatusBadRequest || status == http.StatusUnprocessableEntity ||
			(status < 300 && e.Code != "refused")
	case ErrUnauthorized:
		return status == http.StatusUnauthorized
	case ErrForbidden:
		return status == http.StatusForbidden
	case ErrNotFound:
		return status == http.StatusNotFound
	case ErrRateLimited:
		return status == http.StatusTooManyRequests
	case ErrServer:
		return status >= 500
	case ErrRefused:
		return e.Code == "refused"
	}

	return false
}

// RefusedReason is the server's explanation of a rejected request. The server
// sends it either as an object or as a string that holds JSON; both decode
// here. A plain string that is not JSON lands in Message.
type RefusedReason struct {
	// Message is the general reason.
	Message string `json:"message"`
	// Errors lists messages per request field, as the server names the fields.
	Errors map[string][]string `json:"errors"`
	// Raw is the value exactly as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON accepts an object, a JSON-encoded string of an object, or a
// plain string.
func (r *RefusedReason) UnmarshalJSON(data []byte) error {
	r.Raw = append(json.RawMessage(nil), data...)

	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		trimmed := strings.TrimSpace(text)
		if !strings.HasPrefix(trimmed, "{") {
			r.Message = text
			return nil
		}
		data = []byte(trimmed)
	}

	var obj struct {
		Message string          `json:"message"`
		Errors  json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(data, &obj); err != nil {
		r.Message = text
		return nil
	}

	r.Message = obj.Message
	r.Errors = decodeFieldErrors(obj.Errors)
	return nil
}

// decodeFieldErrors accepts {"field": ["msg"]} and {"field": "msg"}.
func decodeFieldErrors(raw json.RawMessage) map[string][]string {
	if len(raw) == 0 {
		return nil
	}

	var lists map[string][]string
	if json.Unmarshal(raw, &lists) == nil {
		return lists
	}

	var single map[string]string
	if json.Unmarshal(raw, &single) != nil {
		return nil
	}

	lists = make(map[string][]string, len(single))
	for field, msg := range single {
		lists[field] = []string{msg}
	}
	return lists
}

// clone returns a deep copy of r, or nil.
func (r *RefusedReason) clone() *RefusedReason {
	if r == nil {
		return nil
	}

	out := &RefusedReason{Message: r.Message, Raw: append(json.RawMessage(nil), r.Raw...)}
	if r.Errors != nil {
		out.Errors = make(map[string][]string, len(r.Errors))
		for field, msgs := range r.Errors {
			out.Errors[field] = append([]string(nil), msgs...)
		}
	}
	return out
}

// String returns the first message of the first field (fields in
// alphabetical order), else Message. A nil reason yields "".
func (r *RefusedReason) String() string {
	if r == nil {
		return ""
	}

	fields := make([]string, 0, len(r.Errors))
	for field := range r.Errors {
		fields = append(fields, field)
	}
	sort.Strings(fields)

	for _, field := range fields {
		if msgs := r.Errors[field]; len(msgs) > 0 {
			return field + ": " + msgs[0]
		}
	}

	return r.Message
}

// ValidationError reports a parameter that the SDK rejected before sending
// anything. It matches ErrInvalidParams.
type ValidationError struct {
	// Field is the parameter's path, as the API names it (for example "customer.document.number").
	Field string
	// Problem describes what is wrong with the value, without revealing secrets.
	Problem string
}

// Error returns "bynet: invalid <field>: <problem>".
func (e *ValidationError) Error() string {
	return "bynet: invalid " + e.Field + ": " + e.Problem
}

// Is makes errors.Is(err, ErrInvalidParams) true.
func (e *ValidationError) Is(target error) bool {
	return target == ErrInvalidParams
}

// invalid builds a ValidationError. The problem text goes through the same
// masking as response bodies, so a CPF, CNPJ or card number that a caller
// put in the wrong field is not repeated in full.
func invalid(field, format string, args ...any) *ValidationError {
	return &ValidationError{Field: field, Problem: redact.Body(fmt.Sprintf(format, args...))}
}

// OutcomeUnknownError is returned for a money-moving request whose result
// the SDK cannot know. It matches ErrOutcomeUnknown and unwraps to the
// underlying transport error or *APIError.
type OutcomeUnknownError struct {
	// Method and Path identify the request.
	Method string
	Path   string
	// ExternalRef is the externalRef that the caller sent, if any: the key to
	// look the object up with before retrying.
	ExternalRef string
	// Err is the transport error or *APIError that made the outcome unknown.
	Err error
}

// Error explains that the request may have been processed.
func (e *OutcomeUnknownError) Error() string {
	msg := fmt.Sprintf("bynet: %s %s: outcome unknown, the request may have been processed; look it up before retrying", e.Method, e.Path)
	if e.ExternalRef != "" {
		msg += fmt.Sprintf(" (externalRef %q)", e.ExternalRef)
	}
	return msg + ": " + e.Err.Error()
}

// Unwrap returns ErrOutcomeUnknown and the underlying error, so errors.Is
// and errors.As reach both.
func (e *OutcomeUnknownError) Unwrap() []error {
	return []error{ErrOutcomeUnknown, e.Err}
}

// DecodeError reports a response body that is not the JSON the SDK expected:
// an HTML page from a proxy, an empty or truncated body, or a body that
// exceeded the size cap.
type DecodeError struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// ContentType is the response's Content-Type header.
	ContentType string
	// Method and Path identify the request.
	Method string
	Path   string
	// Snippet is the start of the body, with secrets masked.
	Snippet string
	// Err is the underlying decoding error.
	Err error
}

// Error describes what was received instead of the expected JSON.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("bynet: %s %s: cannot decode %d response (Content-Type %q): %s; body starts with %q",
		e.Method, e.Path, e.StatusCode, e.ContentType, redact.Body(fmt.Sprint(e.Err)), e.Snippet)
}

// Unwrap returns the underlying decoding error.
func (e *DecodeError) Unwrap() error {
	return e.Err
}

// ErrResponseTooLarge is wrapped by the *DecodeError of a response body that
// exceeded the client's body size limit.
var ErrResponseTooLarge = errors.New("bynet: response body exceeds the size limit")
