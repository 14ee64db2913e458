package bynettest

import (
	"encoding/json"
	"maps"
	"strconv"
	"strings"
	"time"
)

// product is a product sold through checkout links.
type product struct {
	ID                  string          `json:"id"`
	Title               string          `json:"title"`
	Description         string          `json:"description"`
	ShippingType        string          `json:"shippingType"`
	Status              string          `json:"status"`
	UnitPrice           int64           `json:"unitPrice"`
	MaxInstallments     int             `json:"maxInstallments"`
	AccessLink          string          `json:"accessLink"`
	AdditionalInfo      string          `json:"additionalInfo"`
	Images              []image         `json:"images"`
	PaymentMethod       map[string]bool `json:"paymentMethod"`
	SellerID            string          `json:"sellerId"`
	UniqueProductLinkID string          `json:"uniqueProductLinkId"`
	CreatedAt           timestamp       `json:"createdAt"`
	UpdatedAt           timestamp       `json:"updatedAt"`
	DeletedAt           *timestamp      `json:"deletedAt"`

	created time.Time
}

// image is a stored image file.
type image struct {
	ID  string `json:"id"`
	Key string `json:"key"`
	URL string `json:"url"`
}

func newImage(fileName string) image {
	id := newID()
	key := fileKey(id, fileName)
	return image{ID: id, Key: key, URL: "https://arquivos.bynettest.invalid/" + key}
}

func (s *Server) productRoutes(mux mux) {
	mux.handle("POST /api/user/products", s.createProduct)
	mux.handle("GET /api/user/products", s.listProducts)
	mux.handle("GET /api/user/products/{id}", s.getProduct)
	mux.handle("PUT /api/user/products/{id}", s.updateProduct)
	mux.handle("DELETE /api/user/products/{id}", s.deleteProduct)
	mux.handle("PUT /api/user/products/{id}/status", s.updateProductStatus)
}

func (s *Server) createProduct(c *call) (string, any, error) {
	fields, files, err := c.form()
	if err != nil {
		return "", nil, err
	}

	p := &product{ShippingType: "DIGITAL", Status: "ACTIVE", MaxInstallments: 1,
		PaymentMethod: map[string]bool{"PIX": true, "BOLETO": true, "CREDIT_CARD": true}}
	if err := p.apply(fields, files); err != nil {
		return "", nil, err
	}
	if strings.TrimSpace(p.Title) == "" {
		return "", nil, badRequest("title", "O título do produto (title) é obrigatório.")
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	now := st.now()
	p.ID, p.UniqueProductLinkID, p.SellerID = newID(), newID(), CompanyID
	p.CreatedAt, p.UpdatedAt, p.created = timestamp(now), timestamp(now), now
	st.products = append(st.products, p)
	return "Produto criado com sucesso.", snapshot(p), nil
}

// apply copies the form fields that are present into p, checking each.
func (p *product) apply(fields map[string]string, files []upload) error {
	for key, value := range fields {
		if err := p.set(key, value); err != nil {
			return err
		}
	}

	for _, f := range files {
		if f.Field == "images" || f.Field == "images[]" {
			p.Images = append(p.Images, newImage(f.FileName))
		}
	}
	return nil
}

func (p *product) set(key, value string) error {
	switch key {
	case "title":
		p.Title = value
	case "description":
		p.Description = value
	case "accessLink":
		p.AccessLink = value
	case "additionalInfo":
		p.AdditionalInfo = value
	case "shippingType":
		return setEnum(&p.ShippingType, key, value, "PHYSICAL", "DIGITAL")
	case "status":
		return setEnum(&p.Status, key, value, "ACTIVE", "INACTIVE")
	case "unitPrice":
		price, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
		if err != nil || price < 0 {
			return badRequest(key, "O preço (unitPrice) deve ser um inteiro em centavos, zero ou mais.")
		}
		p.UnitPrice = price
	case "maxInstallments":
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil || n < 1 || n > 12 {
			return badRequest(key, "O número máximo de parcelas (maxInstallments) deve estar entre 1 e 12.")
		}
		p.MaxInstallments = n
	case "paymentMethod":
		return p.setPaymentMethods(value)
	}
	return nil
}

func setEnum(field *string, key, value string, allowed ...string) error {
	upper := strings.ToUpper(strings.TrimSpace(value))
	for _, a := range allowed {
		if upper == a {
			*field = upper
			return nil
		}
	}
	return badRequest(key, "Valor inválido para "+key+". Use "+strings.Join(allowed, " ou ")+".")
}

// setPaymentMethods reads the JSON object of flags, keyed PIX, BOLETO and
// CREDIT_CARD (any case); keys left out keep their value.
func (p *product) setPaymentMethods(value string) error {
	var flags map[string]bool
	if err := json.Unmarshal([]byte(value), &flags); err != nil {
		return badRequest("paymentMethod", "paymentMethod deve ser um JSON como {\"PIX\":true,\"BOLETO\":false,\"CREDIT_CARD\":false}.")
	}

	for key, on := range flags {
		upper := strings.ToUpper(key)
		if upper == "CREDITCARD" {
			upper = "CREDIT_CARD"
		}
		p.PaymentMethod[upper] = on
	}
	return nil
}

func (s *Server) listProducts(c *call) (string, any, error) {
	q := c.r.URL.Query()
	statuses := upperSet(q["status"])
	search := strings.ToLower(firstNonEmpty(q.Get("search"), q.Get("value"), q.Get("title")))

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	var rows []*product
	for _, p := range st.products {
		switch {
		case p.DeletedAt != nil:
		case len(statuses) > 0 && !statuses[p.Status]:
		case search != "" && !strings.Contains(strings.ToLower(p.Title), search):
		default:
			rows = append(rows, p)
		}
	}

	page, err := paginate(rows, q, func(p *product) time.Time { return p.created })
	if err != nil {
		return "", nil, err
	}
	return "Produtos encontrados com sucesso.", snapshot(page), nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func (s *Server) getProduct(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	p, err := st.findProduct(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}
	return "Produto encontrado com sucesso.", snapshot(p), nil
}

// updateProduct applies the form fields that are present: a partial update.
// NOTE: the API does not document whether left-out fields are kept; the
// sandbox keeps them, and new images are added to the old ones.
func (s *Server) updateProduct(c *call) (string, any, error) {
	fields, files, err := c.form()
	if err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	p, err := st.findProduct(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	updated := *p
	updated.PaymentMethod = maps.Clone(p.PaymentMethod)
	if err := updated.apply(fields, files); err != nil {
		return "", nil, err
	}
	updated.UpdatedAt = timestamp(st.now())
	*p = updated
	return "Produto atualizado com sucesso.", snapshot(p), nil
}

func (s *Server) deleteProduct(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	p, err := st.findProduct(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	p.DeletedAt = stamp(st.now())
	return "Produto removido com sucesso.", snapshot(p), nil
}

func (s *Server) updateProductStatus(c *call) (string, any, error) {
	var req struct {
		Status string `json:"status"`
	}
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	p, err := st.findProduct(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	if err := setEnum(&p.Status, "status", req.Status, "ACTIVE", "INACTIVE"); err != nil {
		return "", nil, err
	}
	p.UpdatedAt = timestamp(st.now())
	return "O status do produto foi atualizado com sucesso", snapshot(p), nil
}

// findProduct returns a product that is not deleted. The caller holds the lock.
func (st *state) findProduct(id string) (*product, error) {
	p := findRecord(st.products, func(p *product) bool { return p.ID == id && p.DeletedAt == nil })
	if p == nil {
		return nil, notFound("Produto não encontrado.")
	}
	return p, nil
}
