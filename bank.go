package bynet

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/jsonx"
)

// BankService manages the bank accounts that receive payouts.
//
// NOTE: the public reference publishes no path, parameter or field of this
// group; the paths and field names here are assumptions. Raw on every
// result and Extra on every params type reach what they miss.
type BankService service

// BankAccount is a registered destination account for transfers.
// NOTE: field names are assumed; Raw holds the object as received.
type BankAccount struct {
	ID string `json:"id"`
	// BankCode is the bank's COMPE or ISPB code.
	BankCode    string    `json:"bankCode"`
	BankName    string    `json:"bankName"`
	Agency      string    `json:"agency"`
	Account     string    `json:"account"`
	AccountType string    `json:"accountType"`
	HolderName  string    `json:"holderName"`
	Document    Document  `json:"document"`
	PixKey      string    `json:"pixKey"`
	PixKeyType  string    `json:"pixKeyType"`
	Status      string    `json:"status"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	// Raw is the account object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (a *BankAccount) UnmarshalJSON(data []byte) error {
	type plain BankAccount
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*a = BankAccount(decoded)
	a.Raw = rawJSON(data)
	return nil
}

// CreateBankAccountParams is the body of Bank.Create. Empty fields are left
// out.
// NOTE: field names are assumed; put the names the server expects in Extra.
type CreateBankAccountParams struct {
	BankCode    string `json:"bankCode,omitempty"`
	Agency      string `json:"agency,omitempty"`
	Account     string `json:"account,omitempty"`
	AccountType string `json:"accountType,omitempty"`
	HolderName  string `json:"holderName,omitempty"`
	// Document is the holder's CPF or CNPJ; it is checked and sent with
	// digits only when non-nil.
	Document   *Document `json:"document,omitempty"`
	PixKey     string    `json:"pixKey,omitempty"`
	PixKeyType string    `json:"pixKeyType,omitempty"`
	// Extra holds body fields that this type does not know; they are added to
	// the JSON and replace a typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p CreateBankAccountParams) MarshalJSON() ([]byte, error) {
	type plain CreateBankAccountParams
	data, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withExtra(data, p.Extra)
}

func (p *CreateBankAccountParams) validate() (*CreateBankAccountParams, error) {
	if p == nil {
		return nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	out := *p
	if p.Document != nil {
		doc, err := normalizeDocument("document", *p.Document)
		if err != nil {
			return nil, err
		}
		out.Document = &doc
	}

	encoded, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	if string(encoded) == "{}" {
		return nil, invalid("params", "is empty; expected the account's fields")
	}

	return &out, nil
}

// Create registers a bank account.
//
// Bynet docs: Bank / Create, POST /api/user/banks.
// The public reference does not publish this path; it follows the other
// groups' "/api/user/<plural>" paths.
//
// The request is never sent twice unless the first attempt provably did not
// reach the server; when the outcome is unknown the error wraps
// ErrOutcomeUnknown.
func (s *BankService) Create(ctx context.Context, params *CreateBankAccountParams) (*BankAccount, *Response, error) {
	body, err := params.validate()
	if err != nil {
		return nil, nil, err
	}

	account := new(BankAccount)
	r := &request{method: http.MethodPost, path: "/api/user/banks", body: body, class: retryUnsafe}
	resp, err := s.client.do(ctx, r, account)
	if err != nil {
		return nil, resp, err
	}

	return account, resp, nil
}

// BankListParams filters Bank.FindAll. A list that the server sends as a
// bare array decodes as a single page.
type BankListParams struct {
	ListOptions
	// Extra holds query parameters that this type does not know. Each value
	// is sent in its fmt %v form and a slice as a repeated parameter. A key
	// of a typed parameter replaces it.
	Extra map[string]any `url:"-"`
}

// FindAll returns one page of registered bank accounts.
//
// Bynet docs: Bank / Find all, GET /api/user/banks.
// The public reference does not publish this path; it follows the other
// groups' "/api/user/<plural>" paths.
func (s *BankService) FindAll(ctx context.Context, params *BankListParams) (*Page[BankAccount], *Response, error) {
	var extra map[string]any
	if params != nil {
		extra = params.Extra
	}

	return getPage[BankAccount](ctx, s.client, "/api/user/banks", params, extra)
}

// FindAllIter walks every page of FindAll from params.Page (or the first),
// yielding each account. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *BankService) FindAllIter(ctx context.Context, params *BankListParams) iter.Seq2[BankAccount, error] {
	return walkPages(ctx, params, s.FindAll)
}

// FindByID returns one registered bank account.
//
// Bynet docs: Bank / Find by ID, GET /api/user/banks/{id}.
// The public reference does not publish this path; it follows the other
// groups' "Find by ID" paths.
func (s *BankService) FindByID(ctx context.Context, id string) (*BankAccount, *Response, error) {
	if strings.EqualFold(id, "pre-bank") {
		return nil, nil, invalid("id", "%q is a reserved path segment, not a bank account id; expected the id that Create returned", id)
	}

	path, err := buildPath("/api/user/banks/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	account := new(BankAccount)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, account)
	if err != nil {
		return nil, resp, err
	}

	return account, resp, nil
}

// PreBank is the result of Bank.FindPreBank. Its meaning and fields are not
// documented (the name suggests the banks to choose from before registering
// an account), so it keeps the data as received, object or array.
type PreBank struct {
	// Raw is the data as received.
	Raw json.RawMessage
}

// UnmarshalJSON keeps any JSON value in Raw.
func (p *PreBank) UnmarshalJSON(data []byte) error {
	p.Raw = rawJSON(data)
	return nil
}

// Decode decodes Raw into v.
func (p *PreBank) Decode(v any) error {
	return jsonx.Unmarshal(p.Raw, v)
}

// FindPreBank returns the "pre bank" data of the account.
//
// Bynet docs: Bank / Find pre bank, GET /api/user/banks/pre-bank.
// The public reference does not publish this path; it is derived from the
// endpoint's name.
func (s *BankService) FindPreBank(ctx context.Context) (*PreBank, *Response, error) {
	result := new(PreBank)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: "/api/user/banks/pre-bank"}, result)
	if err != nil {
		return nil, resp, err
	}

	return result, resp, nil
}
