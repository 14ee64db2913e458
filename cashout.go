package bynet

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/jsonx"
	"github.com/bynet-go/bynet/internal/validate"
)

// CashoutService creates and reads withdrawals to a PIX key given in the
// request. Compare TransfersService, which pays the registered account.
type CashoutService service

// PixKeyType is the kind of a PIX key.
type PixKeyType string

// PIX key types accepted by Cashout.Create.
const (
	PixKeyCPF    PixKeyType = "CPF"
	PixKeyCNPJ   PixKeyType = "CNPJ"
	PixKeyEmail  PixKeyType = "EMAIL"
	PixKeyPhone  PixKeyType = "PHONE"
	PixKeyRandom PixKeyType = "RANDOM"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (t *PixKeyType) UnmarshalJSON(data []byte) error {
	*t = PixKeyType(normalizeEnum(data))
	return nil
}

// CashoutStatus is the state of a cashout. Unknown values are kept,
// upper-cased.
type CashoutStatus string

// CashoutPending is the status of a new cashout, the only one the reference
// shows; the result arrives later by postback.
const CashoutPending CashoutStatus = "PENDING"

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (s *CashoutStatus) UnmarshalJSON(data []byte) error {
	*s = CashoutStatus(normalizeEnum(data))
	return nil
}

// Cashout is a PIX withdrawal. Money fields are integer centavos; Raw holds
// the object as received.
type Cashout struct {
	// ID is the cashout id. Some servers send it as transactionId, which
	// fills ID too.
	ID                  string        `json:"id"`
	Amount              int64         `json:"amount"`
	Fee                 int64         `json:"fee"`
	PixKey              string        `json:"pixKey"`
	PixType             PixKeyType    `json:"pixType"`
	BeneficiaryName     string        `json:"beneficiaryName"`
	BeneficiaryDocument string        `json:"beneficiaryDocument"`
	CreditorName        string        `json:"creditorName"`
	CreditorDocument    string        `json:"creditorDocument"`
	EndToEndID          string        `json:"endToEndId"`
	ReceiptURL          string        `json:"receiptUrl"`
	Description         string        `json:"description"`
	PostbackURL         string        `json:"postbackUrl"`
	ExternalRef         string        `json:"externalRef"`
	Error               string        `json:"error"`
	Status              CashoutStatus `json:"status"`
	SellerID            string        `json:"sellerId"`
	GatewayProviderID   string        `json:"gatewayProviderId"`
	GatewayID           string        `json:"gatewayId"`
	CreatedAt           time.Time     `json:"createdAt"`
	UpdatedAt           time.Time     `json:"updatedAt"`
	// Raw is the cashout object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly, keeps the raw object in Raw and falls
// back to transactionId for an empty id.
func (c *Cashout) UnmarshalJSON(data []byte) error {
	type plain Cashout
	var decoded struct {
		plain
		TransactionID string `json:"transactionId"`
	}
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*c = Cashout(decoded.plain)
	if c.ID == "" {
		c.ID = decoded.TransactionID
	}
	c.Raw = rawJSON(data)
	return nil
}

// CreateCashoutParams is the body of Cashout.Create. The reference marks
// every field but ExternalRef and Extra as required.
type CreateCashoutParams struct {
	// Amount is in centavos and must be positive: R$ 5,00 is 500.
	Amount int64 `json:"amount"`
	// PixKey is the recipient's key. CPF, CNPJ and phone keys may be
	// formatted; the SDK sends their digits only. An e-mail is sent trimmed,
	// and a random key lower-cased.
	PixKey  string     `json:"pixKey"`
	PixType PixKeyType `json:"pixType"`
	// BeneficiaryName is the recipient's full name.
	BeneficiaryName string `json:"beneficiaryName"`
	// BeneficiaryDocument is the recipient's CPF or CNPJ; the SDK sends its
	// digits only.
	BeneficiaryDocument string `json:"beneficiaryDocument"`
	Description         string `json:"description"`
	// PostbackURL receives the cashout's status: an absolute https URL
	// (http only for loopback hosts, for tests).
	PostbackURL string `json:"postbackUrl"`
	// ExternalRef is your own reference, reported in an OutcomeUnknownError.
	// NOTE: the documented body has no such field; the server may ignore it,
	// although cashouts carry an externalRef.
	ExternalRef string `json:"externalRef,omitempty"`
	// Extra holds body fields that this type does not know; they replace a
	// typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p CreateCashoutParams) MarshalJSON() ([]byte, error) {
	type plain CreateCashoutParams
	return marshalWithExtra(plain(p), p.Extra)
}

func (p *CreateCashoutParams) validate() (*CreateCashoutParams, error) {
	if p == nil {
		return nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	out := *p
	if p.Amount <= 0 {
		return nil, invalid("amount", "%d is not positive; expected centavos, such as 500 for R$ 5,00", p.Amount)
	}

	out.PixType = PixKeyType(strings.ToUpper(strings.TrimSpace(string(p.PixType))))
	key, err := normalizePixKey(out.PixType, p.PixKey)
	if err != nil {
		return nil, err
	}
	out.PixKey = key

	doc, err := normalizeDocument("beneficiaryDocument", Document{Number: p.BeneficiaryDocument})
	if err != nil {
		return nil, invalid("beneficiaryDocument", "%s is not a valid CPF or CNPJ; expected 11 or 14 characters with correct check digits",
			validate.Mask(p.BeneficiaryDocument))
	}
	out.BeneficiaryDocument = doc.Number

	switch {
	case strings.TrimSpace(p.BeneficiaryName) == "":
		return nil, invalid("beneficiaryName", "is empty; expected the recipient's full name")
	case strings.TrimSpace(p.Description) == "":
		return nil, invalid("description", "is empty; the API requires a description")
	}

	if err := validate.CallbackURL(p.PostbackURL); err != nil {
		return nil, invalid("postbackUrl", "%s (got %q)", err, p.PostbackURL)
	}

	return &out, nil
}

// normalizePixKey checks key against its type and returns the form sent to
// the API. Error messages mask CPF and CNPJ keys.
func normalizePixKey(keyType PixKeyType, key string) (string, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return "", invalid("pixKey", "is empty")
	}

	switch keyType {
	case PixKeyCPF:
		if !validate.CPF(key) {
			return "", invalid("pixKey", "%s is not a valid CPF; expected 11 digits with correct check digits", validate.Mask(key))
		}
		return validate.Digits(key), nil
	case PixKeyCNPJ:
		if !validate.CNPJ(key) {
			return "", invalid("pixKey", "%s is not a valid CNPJ; expected 14 characters with correct check digits", validate.Mask(key))
		}
		return validate.Digits(key), nil
	case PixKeyEmail:
		return key, checkEmailKey(key)
	case PixKeyPhone:
		return phoneKey(key)
	case PixKeyRandom:
		return randomKey(key)
	case "":
		return "", invalid("pixType", "is empty; expected CPF, CNPJ, EMAIL, PHONE or RANDOM")
	}

	return "", invalid("pixType", "%q is not a PIX key type; expected CPF, CNPJ, EMAIL, PHONE or RANDOM", keyType)
}

func checkEmailKey(key string) error {
	local, domain, ok := strings.Cut(key, "@")
	switch {
	case !ok || local == "" || strings.Contains(domain, "@"):
		return invalid("pixKey", "%q is not an e-mail address; expected an address such as maria@example.com for PixType EMAIL", key)
	case !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, "."):
		return invalid("pixKey", "%q has no valid domain; expected an address such as name@example.com", key)
	case strings.ContainsAny(key, " \t\r\n<>,;"):
		return invalid("pixKey", "%q contains a space or a character not allowed in an e-mail address", key)
	case len(key) > 77:
		return invalid("pixKey", "is %d characters long; a PIX e-mail key has at most 77", len(key))
	}
	return nil
}

// phoneKey accepts a Brazilian phone number with area code, with or without
// the country code 55 and written with "+", spaces, dashes or parentheses,
// and returns its digits.
func phoneKey(key string) (string, error) {
	var digits strings.Builder
	for _, r := range key {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case strings.ContainsRune("+-() .", r):
		default:
			return "", invalid("pixKey", "%q is not a phone number; expected digits with area code, such as 11999999999", key)
		}
	}

	n := digits.Len()
	if n < 10 || n > 13 {
		return "", invalid("pixKey", "has %d digits; expected a phone number with area code (10 to 13 digits)", n)
	}
	return digits.String(), nil
}

// randomKey accepts a random PIX key: a UUID in the 8-4-4-4-12 hex form.
func randomKey(key string) (string, error) {
	lower := strings.ToLower(key)
	if len(lower) != 36 {
		return "", invalid("pixKey", "%q is not a random key; expected a UUID such as 123e4567-e89b-12d3-a456-426614174000", key)
	}

	for i, r := range lower {
		dash := i == 8 || i == 13 || i == 18 || i == 23
		hex := (r >= '0' && r <= '9') || (r >= 'a' && r <= 'f')
		if dash != (r == '-') || (!dash && !hex) {
			return "", invalid("pixKey", "%q is not a random key; expected a UUID such as 123e4567-e89b-12d3-a456-426614174000", key)
		}
	}
	return lower, nil
}

// Create starts a PIX withdrawal to the key in params. The result arrives
// later by postback to params.PostbackURL.
//
// Bynet docs: Cashout / Create, POST /api/user/cashout.
//
// Money moves: the request is never sent twice unless the first attempt
// provably did not reach the server, and a failure after it may have
// reached the server wraps ErrOutcomeUnknown. Look the cashout up before
// trying again.
func (s *CashoutService) Create(ctx context.Context, params *CreateCashoutParams) (*Cashout, *Response, error) {
	body, err := params.validate()
	if err != nil {
		return nil, nil, err
	}

	r := &request{method: http.MethodPost, path: "/api/user/cashout", body: body,
		class: retryUnsafe, externalRef: body.ExternalRef}

	cashout := new(Cashout)
	resp, err := s.client.do(ctx, r, cashout)
	if err != nil {
		return nil, resp, err
	}

	return cashout, resp, nil
}

// CashoutListParams filters Cashout.FindAll. Every field is optional. The
// names follow Transfers / Find all, because the reference documents none.
type CashoutListParams struct {
	ListOptions
	// ID narrows the list to one cashout.
	ID string `url:"id,omitempty"`
	// Status keeps cashouts in these statuses, sent as a repeated parameter.
	Status []CashoutStatus `url:"status,omitempty"`
	// Extra holds query parameters that this type does not know; each value
	// is sent in its fmt %v form, a slice as a repeated parameter.
	Extra map[string]any `url:"-"`
}

// FindAll returns one page of cashouts.
//
// Bynet docs: Cashout / Find all, GET /api/user/cashout.
// The public reference does not publish this path; it is Create's path
// read with GET.
func (s *CashoutService) FindAll(ctx context.Context, params *CashoutListParams) (*Page[Cashout], *Response, error) {
	var extra map[string]any
	if params != nil {
		extra = params.Extra
	}

	return getPage[Cashout](ctx, s.client, "/api/user/cashout", params, extra)
}

// FindAllIter walks every page of FindAll from params.Page (or the first),
// yielding each cashout. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *CashoutService) FindAllIter(ctx context.Context, params *CashoutListParams) iter.Seq2[Cashout, error] {
	return walkPages(ctx, params, s.FindAll)
}

// FindByID returns one cashout.
//
// Bynet docs: Cashout / Find by ID, GET /api/user/cashout/{id}.
// The public reference does not publish this path; it follows the
// platform's REST pattern.
func (s *CashoutService) FindByID(ctx context.Context, id string) (*Cashout, *Response, error) {
	path, err := buildPath("/api/user/cashout/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	cashout := new(Cashout)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, cashout)
	if err != nil {
		return nil, resp, err
	}

	return cashout, resp, nil
}
