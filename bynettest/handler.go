package bynettest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
)

// maxRequestBody caps the request bodies that the sandbox reads.
const maxRequestBody = 10 << 20

// envelope is the wrapper of every response, in the key order of the API's
// create example.
type envelope struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
	Data    any    `json:"data"`
	Error   any    `json:"error"`
}

// apiError is a failed request, sent back with its status and message.
type apiError struct {
	status  int
	message string
	// reason becomes error.refusedReason when set.
	reason *refusal
}

func (e *apiError) Error() string { return e.message }

// refusal is the error.refusedReason object: a general message and the
// messages per request field.
type refusal struct {
	Message string              `json:"message"`
	Errors  map[string][]string `json:"errors,omitempty"`
}

func notFound(message string) error {
	return &apiError{status: http.StatusNotFound, message: message}
}

// badRequest is a 400 whose refusedReason names the field.
func badRequest(field, message string) error {
	return &apiError{status: http.StatusBadRequest, message: message,
		reason: &refusal{Message: message, Errors: map[string][]string{field: {message}}}}
}

// call is one request as the endpoint handlers see it.
type call struct {
	r    *http.Request
	body []byte
}

// decode reads the JSON body into v; a malformed body is a 400.
func (c *call) decode(v any) error {
	if len(strings.TrimSpace(string(c.body))) == 0 {
		return badRequest("body", "Corpo da requisição ausente.")
	}

	if err := json.Unmarshal(c.body, v); err != nil {
		return badRequest("body", "Corpo da requisição inválido: JSON malformado.")
	}
	return nil
}

// endpoint handles one call and returns the envelope's message and data.
type endpoint func(c *call) (message string, data any, err error)

// mux routes "METHOD /path" patterns to endpoints.
type mux struct {
	*http.ServeMux
}

// handle registers h under pattern and writes its result in the envelope.
func (m mux) handle(pattern string, h endpoint) {
	m.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		body, _ := r.Context().Value(bodyKey{}).([]byte)
		message, data, err := h(&call{r: r, body: body})
		if err != nil {
			writeError(w, err)
			return
		}

		status := http.StatusOK
		if c, ok := data.(created); ok {
			status, data = http.StatusCreated, c.data
		}
		writeJSON(w, status, envelope{Status: status, Message: message, Data: data})
	})
}

// created wraps the data of an endpoint that responds 201 Created, as the
// checkout's public endpoints do.
type created struct {
	data any
}

type bodyKey struct{}

func writeError(w http.ResponseWriter, err error) {
	var e *apiError
	if !errors.As(err, &e) {
		e = &apiError{status: http.StatusInternalServerError, message: "Erro interno do servidor."}
	}

	errObj := map[string]any{"message": e.message}
	if e.reason != nil {
		errObj["refusedReason"] = e.reason
		errObj["provider"] = "bynettest"
	}
	writeJSON(w, e.status, envelope{Status: e.status, Message: e.message, Error: errObj})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// handler returns the sandbox's HTTP handler: request log, faults,
// authentication, then the endpoint.
func (s *Server) handler() http.Handler {
	mux := mux{http.NewServeMux()}
	s.routes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, notFound("Rota não encontrada."))
	})

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
		switch {
		case err != nil:
			writeError(w, &apiError{status: http.StatusBadRequest, message: "Corpo da requisição ilegível."})
			return
		case len(body) > maxRequestBody:
			writeError(w, &apiError{status: http.StatusRequestEntityTooLarge, message: "Corpo da requisição muito grande."})
			return
		}

		rec := &statusRecorder{ResponseWriter: w}
		started := time.Now()
		defer func() {
			s.logRequest(Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery,
				UserAgent: r.UserAgent(), Body: body, Status: rec.status}, time.Since(started))
		}()

		if s.fault.apply(rec, r) {
			return
		}

		if err := s.authenticate(r); err != nil {
			writeError(rec, err)
			return
		}

		ctx := context.WithValue(r.Context(), bodyKey{}, body)
		mux.ServeHTTP(rec, r.WithContext(ctx))
	})
}

// authenticate checks the two headers that the API requires. Endpoints
// under /api/public/ (the checkout's buyer side) need no key.
func (s *Server) authenticate(r *http.Request) error {
	if strings.TrimSpace(r.UserAgent()) == "" {
		return &apiError{status: http.StatusForbidden, message: "Cabeçalho User-Agent obrigatório."}
	}

	if strings.HasPrefix(r.URL.Path, "/api/public/") {
		return nil
	}

	if r.Header.Get("x-api-key") != s.APIKey {
		return &apiError{status: http.StatusUnauthorized, message: "Não autorizado."}
	}
	return nil
}

// statusRecorder keeps the status written, for the request log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first status written, then passes it on.
func (r *statusRecorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
