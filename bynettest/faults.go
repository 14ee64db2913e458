package bynettest

import (
	"net/http"
	"sync"
	"time"
)

// faults holds the failures a test asked for. They apply to the next
// requests before authentication, so a failed request never changes state.
type faults struct {
	mu         sync.Mutex
	failLeft   int
	failStatus int
	dropLeft   int
	latency    time.Duration
}

// FailNext makes the next n requests fail with the HTTP status (500 when
// status is 0). The sandbox writes the API's envelope and changes no state.
// A 429 or 503 carries "Retry-After: 0", so clients retry at once.
func (s *Server) FailNext(n, status int) {
	if status == 0 {
		status = http.StatusInternalServerError
	}

	s.fault.mu.Lock()
	defer s.fault.mu.Unlock()
	s.fault.failLeft, s.fault.failStatus = n, status
}

// DropNext makes the sandbox close the connection of the next n requests
// without a response, as a crashed proxy would.
func (s *Server) DropNext(n int) {
	s.fault.mu.Lock()
	defer s.fault.mu.Unlock()
	s.fault.dropLeft = n
}

// SetLatency delays every response by d, and 0 removes the delay. A
// request whose context ends during the delay gets no response.
func (s *Server) SetLatency(d time.Duration) {
	s.fault.mu.Lock()
	defer s.fault.mu.Unlock()
	s.fault.latency = d
}

// apply performs the pending fault for r, if any, and reports whether it
// wrote the response.
func (f *faults) apply(w http.ResponseWriter, r *http.Request) bool {
	latency, drop, status := f.take()

	if latency > 0 {
		select {
		case <-time.After(latency):
		case <-r.Context().Done():
			return true
		}
	}

	if drop {
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close() // dropping the connection is the point; its error is irrelevant
			return true
		}
		panic(http.ErrAbortHandler)
	}

	if status == 0 {
		return false
	}

	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "0")
	}
	writeError(w, &apiError{status: status, message: failureMessage(status)})
	return true
}

// take consumes one pending fault: the latency always, then a drop or a
// failure status.
func (f *faults) take() (latency time.Duration, drop bool, status int) {
	f.mu.Lock()
	defer f.mu.Unlock()

	latency = f.latency
	switch {
	case f.dropLeft > 0:
		f.dropLeft--
		drop = true
	case f.failLeft > 0:
		f.failLeft--
		status = f.failStatus
	}
	return latency, drop, status
}

func failureMessage(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "Muitas requisições. Tente novamente em instantes."
	case http.StatusBadGateway:
		return "Falha na comunicação com o provedor."
	case http.StatusServiceUnavailable:
		return "Serviço temporariamente indisponível."
	case http.StatusGatewayTimeout:
		return "Tempo de resposta do provedor esgotado."
	}

	if status >= 500 {
		return "Erro interno do servidor."
	}
	return http.StatusText(status)
}
