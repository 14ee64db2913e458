package bynet

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"time"

	"github.com/bynet-go/bynet/internal/jsonx"
)

// CustomersService reads the buyers of the account. The API creates
// customers while it creates charges; it has no endpoint to create, change
// or delete one.
type CustomersService service

// Customer is a buyer. The public reference shows the customer only inside
// a charge's request, so this type carries those fields plus the usual
// identifiers and timestamps; Raw holds the object as received.
type Customer struct {
	ID          string    `json:"id"`
	ExternalRef string    `json:"externalRef"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Phone       string    `json:"phone"`
	Birthdate   time.Time `json:"birthdate"`
	Document    Document  `json:"document"`
	Address     *Address  `json:"address"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	// Raw is the customer object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw. A
// document sent as a bare string fills Document.Number.
func (c *Customer) UnmarshalJSON(data []byte) error {
	// Decoding in place saves allocating a temporary; the old value is
	// put back on error, so a failed decode leaves c unchanged.
	type plain Customer
	old := *c
	*c = Customer{}
	if err := jsonx.Unmarshal(data, (*plain)(c)); err != nil {
		*c = old
		return err
	}

	c.Raw = rawJSON(data)
	return nil
}

// checksJSON marks UnmarshalJSON as rejecting invalid JSON itself.
func (c *Customer) checksJSON() {}

// UnmarshalJSON accepts the {number, type} object and a bare document
// number string.
func (d *Document) UnmarshalJSON(data []byte) error {
	if parsed, ok := parseDocumentObject(data); ok {
		*d = parsed
		return nil
	}

	if firstByte(data) == '"' {
		var number string
		if json.Unmarshal(data, &number) == nil {
			*d = Document{Number: number}
			return nil
		}
	}

	type plain Document
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*d = Document(decoded)
	return nil
}

// CustomerListParams filters Customers.FindAll.
// NOTE: the public reference announces pagination for this endpoint without
// naming its parameters; these are the names the transfers list uses.
type CustomerListParams struct {
	ListOptions
}

// FindAll returns one page of customers.
//
// Bynet docs: Customers / Find all, GET /api/user/customers.
func (s *CustomersService) FindAll(ctx context.Context, params *CustomerListParams) (*Page[Customer], *Response, error) {
	return getPage[Customer](ctx, s.client, "/api/user/customers", params, nil)
}

// FindAllIter walks every page of FindAll from params.Page (or the first),
// yielding each customer. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *CustomersService) FindAllIter(ctx context.Context, params *CustomerListParams) iter.Seq2[Customer, error] {
	return walkPages(ctx, params, s.FindAll)
}

// FindByID returns one customer.
//
// Bynet docs: Customers / Find by ID, GET /api/user/customers/{id}.
func (s *CustomersService) FindByID(ctx context.Context, id string) (*Customer, *Response, error) {
	path, err := buildPath("/api/user/customers/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	customer := new(Customer)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, customer)
	if err != nil {
		return nil, resp, err
	}

	return customer, resp, nil
}
