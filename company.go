package bynet

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/form"
	"github.com/bynet-go/bynet/internal/jsonx"
)

// CompanyService reads and updates the merchant account, which the API calls a seller.
type CompanyService service

// Company is the merchant account (a "seller" in the API's paths).
// NOTE: the public reference shows no seller object; the typed fields are
// the usual ones of this API's records and may stay empty. Raw holds the
// object as received.
type Company struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Email    string   `json:"email"`
	Phone    string   `json:"phone"`
	Document Document `json:"document"`
	Address  *Address `json:"address"`
	// Status is the account's state, as the server spells it.
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	// Raw is the seller object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (c *Company) UnmarshalJSON(data []byte) error {
	type plain Company
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*c = Company(decoded)
	c.Raw = rawJSON(data)
	return nil
}

// GetAllData returns the account that the API key belongs to. It needs no
// input, so it is also how a caller learns the seller id that the other
// methods take.
//
// Bynet docs: My company / Get all data, GET /api/user/sellers.
// The public reference does not publish this path; public client code calls it.
func (s *CompanyService) GetAllData(ctx context.Context) (*Company, *Response, error) {
	company := new(Company)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: "/api/user/sellers"}, company)
	if err != nil {
		return nil, resp, err
	}

	return company, resp, nil
}

// FindByID returns one seller account with its registration, banking and
// contact data.
//
// Bynet docs: My company / Get by ID, GET /api/user/sellers/{id}.
func (s *CompanyService) FindByID(ctx context.Context, id string) (*Company, *Response, error) {
	return s.send(ctx, http.MethodGet, "/api/user/sellers/{id}", id, nil)
}

// UpdateCompanyParams is the body of Company.Update. Empty fields are left
// out.
// NOTE: the public reference does not list this body; the typed fields are
// assumed names. Put fields that they miss in Extra.
type UpdateCompanyParams struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// Phone is digits only, with area code.
	Phone string `json:"phone,omitempty"`
	// Document is checked and sent with digits only when non-nil.
	Document *Document `json:"document,omitempty"`
	Address  *Address  `json:"address,omitempty"`
	// Extra holds body fields that this type does not know; they are added to
	// the JSON and replace a typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p UpdateCompanyParams) MarshalJSON() ([]byte, error) {
	type plain UpdateCompanyParams
	data, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withExtra(data, p.Extra)
}

func (p *UpdateCompanyParams) validate() (*UpdateCompanyParams, error) {
	if p == nil {
		return nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	out := *p
	if p.Email != "" && !strings.Contains(p.Email, "@") {
		return nil, invalid("email", "%q is not an e-mail address; expected an address such as maria@example.com", p.Email)
	}

	if p.Document != nil {
		doc, err := normalizeDocument("document", *p.Document)
		if err != nil {
			return nil, err
		}
		out.Document = &doc
	}

	return &out, nil
}

// Update changes the registration data of a seller account and returns the
// account.
//
// Bynet docs: My company / Update, PUT /api/user/sellers/{id}.
func (s *CompanyService) Update(ctx context.Context, id string, params *UpdateCompanyParams) (*Company, *Response, error) {
	body, err := params.validate()
	if err != nil {
		return nil, nil, err
	}

	return s.send(ctx, http.MethodPut, "/api/user/sellers/{id}", id, body)
}

// CompanyOtherInfoParams is the body of Company.UpdateOtherInfo. The public
// reference does not name a single field of it, so every field goes in
// Extra, as the API names it.
type CompanyOtherInfoParams struct {
	// Extra holds the body fields; it must not be empty.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes Extra as the JSON object.
func (p CompanyOtherInfoParams) MarshalJSON() ([]byte, error) {
	return withExtra([]byte("{}"), p.Extra)
}

// UpdateOtherInfo changes the additional information of a seller account
// and returns the account.
//
// Bynet docs: My company / Update other info, PUT /api/user/sellers/{id}/other-info.
// The public reference does not publish this path; it follows the sibling
// "/documents" endpoint.
func (s *CompanyService) UpdateOtherInfo(ctx context.Context, id string, params *CompanyOtherInfoParams) (*Company, *Response, error) {
	if params == nil || len(params.Extra) == 0 {
		return nil, nil, invalid("extra", "is empty; expected the fields to change, as the API names them")
	}

	return s.send(ctx, http.MethodPut, "/api/user/sellers/{id}/other-info", id, params)
}

// send sends body (nil for none) to the seller path and decodes the seller.
func (s *CompanyService) send(ctx context.Context, method, template, id string, body any) (*Company, *Response, error) {
	path, err := buildPath(template, id)
	if err != nil {
		return nil, nil, err
	}

	company := new(Company)
	resp, err := s.client.do(ctx, &request{method: method, path: path, body: body}, company)
	if err != nil {
		return nil, resp, err
	}

	return company, resp, nil
}

// CompanyDocumentsParams is the multipart form of Company.UpdateDocuments.
// NOTE: the public reference does not name the parts; each file goes under
// the part name that the caller gives it.
type CompanyDocumentsParams struct {
	// Files are the documents to upload; at least one is required.
	Files []FilePart
	// Fields are extra text parts.
	Fields map[string]string
}

func (p *CompanyDocumentsParams) validate() error {
	if p == nil || len(p.Files) == 0 {
		return invalid("files", "is empty; expected at least one document file")
	}

	for i, part := range p.Files {
		field := fmt.Sprintf("files[%d]", i)
		if strings.TrimSpace(part.Field) == "" {
			return invalid(field+".field", "is empty; expected the multipart part name")
		}
		if err := part.File.validate(field); err != nil {
			return err
		}
	}
	return nil
}

// UpdateDocuments uploads or replaces the documents of a seller account, as
// multipart form data, and returns the account.
//
// Bynet docs: My company / Update documents, PUT /api/user/sellers/{id}/documents.
func (s *CompanyService) UpdateDocuments(ctx context.Context, id string, params *CompanyDocumentsParams) (*Company, *Response, error) {
	path, err := buildPath("/api/user/sellers/{id}/documents", id)
	if err != nil {
		return nil, nil, err
	}
	if err := params.validate(); err != nil {
		return nil, nil, err
	}

	body := form.New(ctx)
	addFields(body, params.Fields)
	for _, part := range params.Files {
		addFile(body, part.Field, part.File)
	}

	company := new(Company)
	resp, err := s.client.doForm(ctx, &request{method: http.MethodPut, path: path}, body, company)
	if err != nil {
		return nil, resp, err
	}

	return company, resp, nil
}
