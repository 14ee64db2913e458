package bynettest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// controlRoutes registers the sandbox's own endpoints under /_sandbox/,
// which drive from outside what tests drive through Server methods: for
// the standalone server, services in other languages and curl sessions.
// They need the API key like the API's endpoints.
func (s *Server) controlRoutes(mux mux) {
	mux.handle("POST /_sandbox/transactions/{id}/{action}", s.controlTransaction)
	mux.handle("POST /_sandbox/payouts/{id}/{action}", s.controlPayout)
	mux.handle("POST /_sandbox/balance/credit", s.controlCredit)
	mux.handle("GET /_sandbox/deliveries", s.controlDeliveries)
}

type controlRequest struct {
	Amount int64  `json:"amount"`
	Reason string `json:"reason"`
}

func (c *call) controlBody() (controlRequest, error) {
	var req controlRequest
	if len(c.body) == 0 {
		return req, nil
	}
	return req, c.decode(&req)
}

// controlTransaction applies pay, refuse, cancel, refund or chargeback to
// a charge and returns it.
func (s *Server) controlTransaction(c *call) (string, any, error) {
	req, err := c.controlBody()
	if err != nil {
		return "", nil, err
	}

	id := c.r.PathValue("id")
	actions := map[string]func() error{
		"pay":        func() error { return s.Pay(id) },
		"refuse":     func() error { return s.Refuse(id, req.Reason) },
		"cancel":     func() error { return s.Cancel(id) },
		"refund":     func() error { return s.Refund(id, req.Amount) },
		"chargeback": func() error { return s.Chargeback(id) },
	}

	if err := runAction(actions, c.r.PathValue("action")); err != nil {
		return "", nil, err
	}
	return s.getTransaction(c)
}

// controlPayout completes or fails a cashout or transfer.
func (s *Server) controlPayout(c *call) (string, any, error) {
	req, err := c.controlBody()
	if err != nil {
		return "", nil, err
	}

	id := c.r.PathValue("id")
	actions := map[string]func() error{
		"complete": func() error { return s.CompletePayout(id) },
		"fail":     func() error { return s.FailPayout(id, req.Reason) },
	}

	if err := runAction(actions, c.r.PathValue("action")); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()
	if co := st.cashout(id); co != nil {
		return "Cashout atualizado com sucesso.", snapshot(co), nil
	}
	return "Transferência atualizada com sucesso.", snapshot(st.transfer(id)), nil
}

// runAction runs the named action. An unknown name is a 404. A failed
// action, such as paying a paid charge, is a 400 with the sandbox's message.
func runAction(actions map[string]func() error, name string) error {
	action, ok := actions[name]
	if !ok {
		return notFound(fmt.Sprintf("Ação %q desconhecida.", name))
	}

	if err := action(); err != nil {
		return &apiError{status: http.StatusBadRequest, message: err.Error()}
	}
	return nil
}

func (s *Server) controlCredit(c *call) (string, any, error) {
	req, err := c.controlBody()
	if err != nil {
		return "", nil, err
	}

	s.Credit(req.Amount, req.Reason)
	return s.balanceSummary(c)
}

func (s *Server) controlDeliveries(*call) (string, any, error) {
	s.Flush()

	type row struct {
		Delivery
		Body json.RawMessage
	}
	deliveries := s.Deliveries()
	rows := make([]row, len(deliveries))
	for i, d := range deliveries {
		rows[i] = row{Delivery: d, Body: d.Body}
	}
	return "Entregas encontradas com sucesso.", rows, nil
}
