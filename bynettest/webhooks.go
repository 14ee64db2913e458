package bynettest

import (
	"net/url"
	"strings"
	"time"
)

// GatewayID is the id of the acquirer gateway that the sandbox's records
// name in their gatewayId fields.
const GatewayID = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"

// webhook is a registered postback destination.
type webhook struct {
	ID        string    `json:"id"`
	GatewayID string    `json:"gatewayId"`
	SellerID  string    `json:"sellerId"`
	URL       string    `json:"url"`
	Type      string    `json:"type"`
	CreatedAt timestamp `json:"createdAt"`
	UpdatedAt timestamp `json:"updatedAt"`

	created time.Time
}

// webhookTypes are the event types a webhook can listen to. TRANSACTION is
// the only value the API documents; the payout types are the sandbox's.
var webhookTypes = map[string]bool{"TRANSACTION": true, "TRANSFER": true, "CASHOUT": true}

type webhookRequest struct {
	URL  *string `json:"url"`
	Type *string `json:"type"`
}

func (s *Server) webhookRoutes(mux mux) {
	mux.handle("POST /api/user/webhook", s.createWebhook)
	mux.handle("GET /api/user/webhook", s.listWebhooks)
	mux.handle("GET /api/user/webhook/{id}", s.getWebhook)
	mux.handle("PUT /api/user/webhook/{id}", s.updateWebhook)
	mux.handle("DELETE /api/user/webhook/{id}", s.deleteWebhook)
}

// apply checks the request and copies its fields into w. With partial, a
// missing field keeps its value; otherwise url is required and type
// defaults to TRANSACTION.
func (r *webhookRequest) apply(w *webhook, partial bool) error {
	if r.URL == nil && !partial {
		return badRequest("url", "A URL do webhook (url) é obrigatória.")
	}

	if r.URL != nil {
		u, err := url.Parse(*r.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return badRequest("url", "A URL do webhook é inválida: use uma URL absoluta http ou https.")
		}
		w.URL = *r.URL
	}

	switch {
	case r.Type != nil:
		kind := strings.ToUpper(strings.TrimSpace(*r.Type))
		if !webhookTypes[kind] {
			return badRequest("type", "Tipo de webhook inválido. Use TRANSACTION, TRANSFER ou CASHOUT.")
		}
		w.Type = kind
	case !partial:
		w.Type = "TRANSACTION"
	}
	return nil
}

func (s *Server) createWebhook(c *call) (string, any, error) {
	var req webhookRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	now := st.now()
	w := &webhook{ID: newID(), GatewayID: GatewayID, SellerID: CompanyID,
		CreatedAt: timestamp(now), UpdatedAt: timestamp(now), created: now}
	if err := req.apply(w, false); err != nil {
		return "", nil, err
	}

	st.webhooks = append(st.webhooks, w)
	return "Webhook criado com sucesso.", snapshot(w), nil
}

func (s *Server) listWebhooks(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	page, err := paginate(st.webhooks, c.r.URL.Query(), func(w *webhook) time.Time { return w.created })
	if err != nil {
		return "", nil, err
	}
	return "Webhooks listados com sucesso.", snapshot(page), nil
}

func (s *Server) getWebhook(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	w, err := st.findWebhook(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}
	return "Webhook listado com sucesso", snapshot(w), nil
}

func (s *Server) updateWebhook(c *call) (string, any, error) {
	var req webhookRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	w, err := st.findWebhook(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	updated := *w
	if err := req.apply(&updated, true); err != nil {
		return "", nil, err
	}
	updated.UpdatedAt = timestamp(st.now())
	*w = updated
	return "Webhook atualizado com sucesso.", snapshot(w), nil
}

func (s *Server) deleteWebhook(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	w, err := st.findWebhook(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	st.webhooks = removeRecord(st.webhooks, w)
	return "Webhook removido com sucesso.", snapshot(w), nil
}

func (st *state) findWebhook(id string) (*webhook, error) {
	if w := findRecord(st.webhooks, func(w *webhook) bool { return w.ID == id }); w != nil {
		return w, nil
	}
	return nil, notFound("Webhook não encontrado.")
}

// webhookURLs returns the URLs of the webhooks of the type. The caller
// holds the lock.
func (st *state) webhookURLs(kind string) []string {
	var urls []string
	for _, w := range st.webhooks {
		if w.Type == kind {
			urls = append(urls, w.URL)
		}
	}
	return urls
}
