package bynettest

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// customer is a buyer as the API returns it.
type customer struct {
	ID          string          `json:"id"`
	ExternalRef *string         `json:"externalRef"`
	Name        string          `json:"name"`
	Email       string          `json:"email"`
	Phone       string          `json:"phone"`
	Birthdate   *string         `json:"birthdate"`
	Document    document        `json:"document"`
	Address     json.RawMessage `json:"address"`
	CreatedAt   timestamp       `json:"createdAt"`
	UpdatedAt   timestamp       `json:"updatedAt"`

	created time.Time
}

type document struct {
	Number string `json:"number"`
	Type   string `json:"type"`
}

// customerInput is the customer of a create request.
type customerInput struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	Email       string          `json:"email"`
	Phone       string          `json:"phone"`
	Document    document        `json:"document"`
	ExternalRef string          `json:"externalRef"`
	Address     json.RawMessage `json:"address"`
}

// validate checks the buyer as the API does: a name and a CPF or CNPJ
// with valid check digits, unless an existing customer id is given.
func (c *customerInput) validate() error {
	if c == nil {
		return badRequest("customer", "Os dados do cliente (customer) são obrigatórios.")
	}

	if c.ID != "" && c.Document.Number == "" {
		return nil
	}

	if strings.TrimSpace(c.Name) == "" {
		return badRequest("customer.name", "O nome do cliente é obrigatório.")
	}

	number := validate.Digits(c.Document.Number)
	docType := strings.ToUpper(c.Document.Type)
	if docType == "" && len(number) == 14 || docType == "CNPJ" {
		if !validate.CNPJ(number) {
			return badRequest("customer.document.number", "CNPJ inválido.")
		}
		c.Document = document{Number: number, Type: "CNPJ"}
		return nil
	}

	if !validate.CPF(number) {
		return badRequest("customer.document.number", "CPF inválido.")
	}
	c.Document = document{Number: number, Type: "CPF"}
	return nil
}

// customerFor returns the stored customer of a request: the one with the
// given id, else the one with the same document, else a new one. The
// caller holds the lock.
func (st *state) customerFor(in *customerInput) (*customer, error) {
	if in.ID != "" {
		if c := st.customer(in.ID); c != nil {
			return c, nil
		}
		return nil, notFound("Cliente não encontrado.")
	}

	for _, c := range st.customers {
		if c.Document == in.Document {
			return c, nil
		}
	}

	now := st.now()
	c := &customer{ID: newID(), ExternalRef: optional(in.ExternalRef), Name: in.Name, Email: in.Email,
		Phone: validate.Digits(in.Phone), Document: in.Document, Address: in.Address,
		CreatedAt: timestamp(now), UpdatedAt: timestamp(now), created: now}
	st.customers = append(st.customers, c)
	return c, nil
}

func (st *state) customer(id string) *customer {
	return findRecord(st.customers, func(c *customer) bool { return c.ID == id })
}

func (s *Server) customerRoutes(mux mux) {
	mux.handle("GET /api/user/customers", s.listCustomers)
	mux.handle("GET /api/user/customers/{id}", s.getCustomer)
}

func (s *Server) listCustomers(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	page, err := paginate(st.customers, c.r.URL.Query(), func(c *customer) time.Time { return c.created })
	if err != nil {
		return "", nil, err
	}
	return "Clientes encontrados com sucesso.", snapshot(page), nil
}

func (s *Server) getCustomer(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	found := st.customer(c.r.PathValue("id"))
	if found == nil {
		return "", nil, notFound("Cliente não encontrado.")
	}
	return "Cliente encontrado com sucesso.", snapshot(found), nil
}
