package bynettest

import (
	"regexp"
	"strings"
	"time"
)

// layout is a look of the hosted checkout page.
type layout struct {
	ID           string     `json:"id"`
	PrimaryColor string     `json:"primaryColor"`
	Typography   string     `json:"typography"`
	Logo         *image     `json:"logo"`
	Type         string     `json:"type"`
	Status       string     `json:"status"`
	CreatedAt    timestamp  `json:"createdAt"`
	UpdatedAt    timestamp  `json:"updatedAt"`
	DeletedAt    *timestamp `json:"deletedAt"`
	SellerID     string     `json:"sellerId"`

	created time.Time
}

var hexColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)

// newDefaultLayout is the layout every account starts with.
func newDefaultLayout(now time.Time) *layout {
	return &layout{ID: newID(), PrimaryColor: "#009FE3", Typography: "INTER", Type: "DEFAULT", Status: "ACTIVE",
		SellerID: CompanyID, CreatedAt: timestamp(now), UpdatedAt: timestamp(now), created: now}
}

func (s *Server) checkoutRoutes(mux mux) {
	mux.handle("POST /api/user/checkout/create-layout", s.createLayout)
	mux.handle("GET /api/user/checkout/layout", s.listLayouts)
	mux.handle("GET /api/user/checkout/layout/get-by-id", s.getLayout)
	mux.handle("PUT /api/user/checkout/layout/settings", s.updateLayoutSettings)
	mux.handle("PUT /api/user/checkout/layout/status", s.updateLayoutStatus)
	mux.handle("GET /api/user/checkout/payment-methods", s.accountPaymentMethods)
	mux.handle("GET /api/public/checkout/info/{id}", s.checkoutInfo)
	mux.handle("POST /api/public/checkout/create-order/{id}", s.createOrder)
	mux.handle("GET /api/public/checkout/order/{id}", s.getOrder)
	mux.handle("GET /api/public/checkout/payment-methods/{id}", s.checkoutPaymentMethods)
	mux.handle("POST /api/public/checkout/payment/{id}", s.createCheckoutPayment)
}

// applyLayout copies the present settings into l, checking each.
func applyLayout(l *layout, fields map[string]string, files []upload) error {
	if color, ok := fields["primaryColor"]; ok {
		if !hexColor.MatchString(color) {
			return badRequest("primaryColor", "Cor primária (primaryColor) inválida: use o formato #RRGGBB.")
		}
		l.PrimaryColor = strings.ToUpper(color)
	}

	if font, ok := fields["typography"]; ok {
		if strings.TrimSpace(font) == "" {
			return badRequest("typography", "A tipografia (typography) não pode ser vazia.")
		}
		l.Typography = strings.ToUpper(strings.TrimSpace(font))
	}

	for _, f := range files {
		if f.Field == "logo" {
			logo := newImage(f.FileName)
			l.Logo = &logo
		}
	}
	return nil
}

func (s *Server) createLayout(c *call) (string, any, error) {
	fields, files, err := c.form()
	if err != nil {
		return "", nil, err
	}

	l := &layout{Typography: "INTER", Type: "CUSTOM", Status: "ACTIVE", SellerID: CompanyID}
	if _, ok := fields["primaryColor"]; !ok {
		return "", nil, badRequest("primaryColor", "A cor primária (primaryColor) é obrigatória.")
	}
	if err := applyLayout(l, fields, files); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	now := st.now()
	l.ID, l.CreatedAt, l.UpdatedAt, l.created = newID(), timestamp(now), timestamp(now), now
	st.layouts = append(st.layouts, l)
	return "O layout foi criado com sucesso", snapshot(l), nil
}

func (s *Server) listLayouts(c *call) (string, any, error) {
	q := c.r.URL.Query()
	statuses := upperSet(q["status"])
	value := strings.ToUpper(q.Get("value"))

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	var rows []*layout
	for _, l := range st.layouts {
		switch {
		case len(statuses) > 0 && !statuses[l.Status]:
		case value != "" && l.PrimaryColor != value && !strings.Contains(l.Typography, value):
		default:
			rows = append(rows, l)
		}
	}

	page, err := paginate(rows, q, func(l *layout) time.Time { return l.created })
	if err != nil {
		return "", nil, err
	}
	return "Os layouts foram encontrados com sucesso", snapshot(page), nil
}

// findLayout returns the layout named by the id query parameter. The
// caller holds the lock.
func (st *state) findLayout(c *call) (*layout, error) {
	id := c.r.URL.Query().Get("id")
	if id == "" {
		return nil, badRequest("id", "O parâmetro id é obrigatório.")
	}

	if l := findRecord(st.layouts, func(l *layout) bool { return l.ID == id }); l != nil {
		return l, nil
	}
	return nil, notFound("Layout não encontrado.")
}

func (s *Server) getLayout(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	l, err := st.findLayout(c)
	if err != nil {
		return "", nil, err
	}
	return "O layout foi encontrado com sucesso", snapshot(l), nil
}

// updateLayoutSettings changes the colour, typography or logo.
// NOTE: the API documents neither the path nor the body. The sandbox takes
// the id as a query parameter, as Find by ID does, and a JSON or multipart body.
func (s *Server) updateLayoutSettings(c *call) (string, any, error) {
	fields, files, err := c.form()
	if err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	l, err := st.findLayout(c)
	if err != nil {
		return "", nil, err
	}

	updated := *l
	if err := applyLayout(&updated, fields, files); err != nil {
		return "", nil, err
	}
	updated.UpdatedAt = timestamp(st.now())
	*l = updated
	return "O layout foi atualizado com sucesso", snapshot(l), nil
}

// updateLayoutStatus switches a layout between ACTIVE and INACTIVE.
// NOTE: the API does not document this path or body; the sandbox takes
// ?id= and {"status": ...}.
func (s *Server) updateLayoutStatus(c *call) (string, any, error) {
	var req struct {
		Status string `json:"status"`
	}
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	l, err := st.findLayout(c)
	if err != nil {
		return "", nil, err
	}

	if err := setEnum(&l.Status, "status", req.Status, "ACTIVE", "INACTIVE"); err != nil {
		return "", nil, err
	}
	l.UpdatedAt = timestamp(st.now())
	return "O status do layout foi atualizado com sucesso", snapshot(l), nil
}

// accountPaymentMethods lists the methods open on the account's checkout.
// NOTE: the API does not document this data; the sandbox uses the flags
// of the product object.
func (s *Server) accountPaymentMethods(*call) (string, any, error) {
	methods := map[string]any{
		"paymentMethod":   map[string]bool{"PIX": true, "BOLETO": true, "CREDIT_CARD": true},
		"maxInstallments": 12,
	}
	return "Métodos de pagamento encontrados com sucesso.", methods, nil
}

// sellableProduct returns the active product of a checkout link. The
// caller holds the lock.
func (st *state) sellableProduct(linkID string) (*product, error) {
	p := findRecord(st.products, func(p *product) bool { return p.UniqueProductLinkID == linkID })
	switch {
	case p == nil || p.DeletedAt != nil:
		return nil, notFound("Link de checkout não encontrado.")
	case p.Status != "ACTIVE":
		return nil, badRequest("id", "Este produto não está disponível para venda.")
	}
	return p, nil
}

// activeLayout returns the newest active custom layout, else the default.
func (st *state) activeLayout() *layout {
	var chosen *layout
	for _, l := range st.layouts {
		if l.Status == "ACTIVE" && (chosen == nil || l.Type == "CUSTOM") {
			chosen = l
		}
	}
	return chosen
}

// checkoutInfo returns what a checkout page shows for a product link.
// NOTE: the API does not document this endpoint; the sandbox returns
// the link id, the product and the layout.
func (s *Server) checkoutInfo(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	p, err := st.sellableProduct(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	info := map[string]any{"id": p.UniqueProductLinkID, "product": p, "layout": st.activeLayout()}
	return "Checkout encontrado com sucesso.", snapshot(info), nil
}

// checkoutPaymentMethods returns the methods a product link or an order
// accepts.
func (s *Server) checkoutPaymentMethods(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	id := c.r.PathValue("id")
	if o := st.order(id); o != nil {
		id = o.LinkID
	}

	p, err := st.sellableProduct(id)
	if err != nil {
		return "", nil, err
	}

	methods := map[string]any{"paymentMethod": p.PaymentMethod, "maxInstallments": p.MaxInstallments}
	return "Métodos de pagamento encontrados com sucesso.", snapshot(methods), nil
}
