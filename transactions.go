package bynet

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/jsonx"
	"github.com/bynet-go/bynet/internal/query"
	"github.com/bynet-go/bynet/internal/validate"
)

// TransactionsService creates and reads charges.
type TransactionsService service

// Transaction is a charge. Money fields are integer centavos. Fields the
// server leaves out or sends as null keep their zero values; Raw holds the
// object exactly as received, for fields this type does not know.
type Transaction struct {
	ID             string            `json:"id"`
	Amount         int64             `json:"amount"`
	RefundedAmount int64             `json:"refundedAmount"`
	CompanyID      string            `json:"companyId"`
	Installments   int               `json:"installments"`
	PaymentMethod  PaymentMethod     `json:"paymentMethod"`
	Status         TransactionStatus `json:"status"`
	PostbackURL    string            `json:"postbackUrl"`
	Metadata       Metadata          `json:"metadata"`
	Traceable      bool              `json:"traceable"`
	SecureID       string            `json:"secureId"`
	SecureURL      string            `json:"secureUrl"`
	CreatedAt      time.Time         `json:"createdAt"`
	UpdatedAt      time.Time         `json:"updatedAt"`
	PaidAt         time.Time         `json:"paidAt"`
	IP             string            `json:"ip"`
	ExternalRef    string            `json:"externalRef"`
	// EndToEndID is the PIX end-to-end id, set once the charge is paid.
	EndToEndID  string `json:"endToEndId"`
	ExternalNSU string `json:"externalNsu"`
	// ReleaseDate is when the money becomes available to withdraw.
	ReleaseDate   time.Time      `json:"releaseDate"`
	RefusedReason *RefusedReason `json:"refusedReason"`
	Customer      *Customer      `json:"customer"`
	Card          *CardInfo      `json:"card"`
	Boleto        *BoletoInfo    `json:"boleto"`
	Pix           *PixInfo       `json:"pix"`
	// QRCode is the PIX copy-and-paste code as some hosts send it, at the root.
	// Read it through PixCode, which also looks under Pix.
	QRCode string `json:"qrCode"`
	// PayURL is a payment page URL, sent by some hosts.
	PayURL   string    `json:"payUrl"`
	Shipping *Shipping `json:"shipping"`
	Items    []Item    `json:"items"`
	Refunds  []Refund  `json:"refunds"`
	Delivery *Delivery `json:"delivery"`
	Fee      *FeeInfo  `json:"fee"`
	// Payload is the server's echo of the create request.
	Payload json.RawMessage `json:"payload"`
	// Raw is the transaction object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (t *Transaction) UnmarshalJSON(data []byte) error {
	// Decoding in place saves allocating a temporary; the old value is
	// put back on error, so a failed decode leaves t unchanged.
	type plain Transaction
	old := *t
	*t = Transaction{}
	if err := jsonx.Unmarshal(data, (*plain)(t)); err != nil {
		*t = old
		return err
	}

	t.Raw = rawJSON(data)
	return nil
}

// checksJSON marks UnmarshalJSON as rejecting invalid JSON itself.
func (t *Transaction) checksJSON() {}

// PixCode returns the PIX "copia e cola" (EMV) code of the charge, wherever
// the server put it: pix.qrcode, pix.qrCode or qrCode. It is "" for charges
// that are not PIX.
func (t *Transaction) PixCode() string {
	if t.Pix != nil && t.Pix.QRCode != "" {
		return t.Pix.QRCode
	}
	return t.QRCode
}

// PixInfo is the PIX part of a charge.
type PixInfo struct {
	// QRCode is the copy-and-paste EMV code. The JSON key is "qrcode" or "qrCode".
	QRCode string `json:"qrcode"`
	// URL is an image or page of the QR code, when the server sends one.
	URL            string    `json:"url"`
	ExpirationDate time.Time `json:"expirationDate"`
	EndToEndID     string    `json:"endToEndId"`
}

// BoletoInfo is the boleto part of a charge.
// NOTE: the public reference documents no boleto response fields; these
// names follow gateways built on the same platform and may stay empty.
type BoletoInfo struct {
	URL            string    `json:"url"`
	Barcode        string    `json:"barcode"`
	DigitableLine  string    `json:"digitableLine"`
	Instructions   string    `json:"instructions"`
	ExpirationDate time.Time `json:"expirationDate"`
}

// CardInfo is the card part of a charge, as the server returns it: never
// the full number.
type CardInfo struct {
	ID              string    `json:"id"`
	Brand           string    `json:"brand"`
	HolderName      string    `json:"holderName"`
	LastDigits      string    `json:"lastDigits"`
	ExpirationMonth int       `json:"expirationMonth"`
	ExpirationYear  int       `json:"expirationYear"`
	Reusable        bool      `json:"reusable"`
	CreatedAt       time.Time `json:"createdAt"`
}

// Item is a line of a charge. UnitPrice is in centavos; the charged total is
// the transaction's Amount, which the API does not check against the items.
type Item struct {
	Title       string `json:"title"`
	UnitPrice   int64  `json:"unitPrice"`
	Quantity    int    `json:"quantity"`
	Tangible    bool   `json:"tangible"`
	ExternalRef string `json:"externalRef,omitempty"`
}

// Shipping is the delivery part of a charge. Fee is in centavos.
type Shipping struct {
	Fee     int64    `json:"fee"`
	Address *Address `json:"address,omitempty"`
}

// Refund is one refund of a charge. Amount is in centavos.
type Refund struct {
	ID        string    `json:"id"`
	Amount    int64     `json:"amount"`
	Status    string    `json:"status"`
	Reason    string    `json:"reason"`
	CreatedAt time.Time `json:"createdAt"`
}

// Delivery is the delivery status of a charge with tangible items.
type Delivery struct {
	Status       string `json:"status"`
	TrackingCode string `json:"trackingCode"`
}

// FeeInfo is the platform's fee on a transaction. Amounts are in centavos,
// and SpreadPercentage is a percentage such as 4.99.
type FeeInfo struct {
	FixedAmount      int64   `json:"fixedAmount"`
	SpreadPercentage float64 `json:"spreadPercentage"`
	EstimatedFee     int64   `json:"estimatedFee"`
	NetAmount        int64   `json:"netAmount"`
}

// CreateTransactionParams is the body of Transactions.Create. Amount and
// every price are integer centavos: R$ 10,00 is 1000.
type CreateTransactionParams struct {
	// Amount is the total charged, in centavos; it must be positive.
	Amount int64 `json:"amount"`
	// Currency defaults to BRL on the server.
	Currency      string        `json:"currency,omitempty"`
	PaymentMethod PaymentMethod `json:"paymentMethod"`
	// Installments is the number of card installments; nil leaves it to the server.
	Installments *int            `json:"installments,omitempty"`
	Card         *CardParams     `json:"card,omitempty"`
	Customer     *CustomerParams `json:"customer"`
	Shipping     *Shipping       `json:"shipping,omitempty"`
	Items        []Item          `json:"items"`
	Pix          *PixParams      `json:"pix,omitempty"`
	Boleto       *BoletoParams   `json:"boleto,omitempty"`
	// PostbackURL receives status postbacks: an absolute https URL (http only
	// for loopback hosts, for tests).
	PostbackURL string `json:"postbackUrl,omitempty"`
	// Metadata is sent as a string holding JSON, as the API stores it: a
	// string or Metadata is sent as it is, a map or struct as its JSON.
	Metadata any `json:"-"`
	// Traceable is sent when non-nil.
	Traceable *bool `json:"traceable,omitempty"`
	// IP is the payer's IP address.
	IP string `json:"ip,omitempty"`
	// ExternalRef is your own reference for the charge. Set it: it is how you
	// find the charge again when a create ends with ErrOutcomeUnknown.
	ExternalRef string `json:"externalRef,omitempty"`
	// Extra holds body fields that this type does not know; they are added to
	// the JSON and replace a typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with metadata as a JSON string and Extra merged in.
func (p CreateTransactionParams) MarshalJSON() ([]byte, error) {
	type plain CreateTransactionParams
	metadata, err := encodeMetadata(p.Metadata)
	if err != nil {
		return nil, fmt.Errorf("bynet: cannot encode metadata: %w", err)
	}

	data, err := json.Marshal(struct {
		plain
		Metadata *string `json:"metadata,omitempty"`
	}{plain: plain(p), Metadata: metadata})
	if err != nil {
		return nil, err
	}

	return withExtra(data, p.Extra)
}

// UnmarshalJSON reads a create body written as the API takes it, such as a
// stored request. Metadata becomes the string it travels as; keys that this
// type does not know are ignored and not copied to Extra.
func (p *CreateTransactionParams) UnmarshalJSON(data []byte) error {
	type plain CreateTransactionParams
	var decoded struct {
		plain
		Metadata Metadata `json:"metadata"`
	}
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*p = CreateTransactionParams(decoded.plain)
	if decoded.Metadata != "" {
		p.Metadata = string(decoded.Metadata)
	}
	return nil
}

// CustomerParams is the buyer of a new charge. The API creates the customer
// when it does not know it yet.
type CustomerParams struct {
	// ID refers to an existing customer instead of creating one.
	ID    string `json:"id,omitempty"`
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	// Phone is digits only, with area code: "11999999999".
	Phone       string   `json:"phone,omitempty"`
	Document    Document `json:"document,omitzero"`
	ExternalRef string   `json:"externalRef,omitempty"`
	Address     *Address `json:"address,omitempty"`
}

// PixParams sets the PIX options of a charge.
type PixParams struct {
	// ExpiresInDays is how long the PIX code stays payable.
	ExpiresInDays int `json:"expiresInDays,omitempty"`
}

// BoletoParams sets the boleto options of a charge.
type BoletoParams struct {
	// ExpiresInDays is how many days until the boleto is due.
	ExpiresInDays int `json:"expiresInDays,omitempty"`
}

// CardParams is a card to charge. Its Format and LogValue methods mask the
// number and hide the CVV, so printing or logging params cannot leak them.
type CardParams struct {
	Number          string `json:"number"`
	HolderName      string `json:"holderName"`
	ExpirationMonth int    `json:"expirationMonth"`
	ExpirationYear  int    `json:"expirationYear"`
	CVV             string `json:"cvv"`
}

// Format prints the card with its number masked and without the CVV, for
// every verb of the fmt package.
func (c CardParams) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{Number:%s HolderName:%s Expiration:%02d/%d CVV:***}",
		maskCard(c.Number), c.HolderName, c.ExpirationMonth, c.ExpirationYear)
}

// LogValue logs the card with its number masked and without the CVV.
func (c CardParams) LogValue() slog.Value {
	return slog.GroupValue(slog.String("number", maskCard(c.Number)), slog.String("holderName", c.HolderName))
}

// LogValue logs what identifies a charge request (amount, method, external
// reference, item count) and none of the buyer's personal data or card, so
// that logging the params with any slog handler, JSON included, leaks nothing.
func (p CreateTransactionParams) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int64("amount", p.Amount),
		slog.String("paymentMethod", string(p.PaymentMethod)),
		slog.String("externalRef", p.ExternalRef),
		slog.Int("items", len(p.Items)),
		slog.Bool("card", p.Card != nil),
	)
}

// LogValue logs the customer's id and masked document, and none of the
// other personal data.
func (c CustomerParams) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", c.ID), slog.Any("document", c.Document))
}

func maskCard(number string) string {
	digits := validate.Digits(number)
	if len(digits) < 4 {
		return "****"
	}
	return "****" + digits[len(digits)-4:]
}

func (p *CreateTransactionParams) validate() (*CreateTransactionParams, error) {
	if p == nil {
		return nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	out := *p
	switch {
	case p.Amount <= 0:
		return nil, invalid("amount", "%d is not positive; expected the total in centavos, such as 1000 for R$ 10,00", p.Amount)
	case strings.TrimSpace(string(p.PaymentMethod)) == "":
		return nil, invalid("paymentMethod", "is empty; expected PIX, BOLETO or CREDIT_CARD")
	case p.Installments != nil && *p.Installments < 1:
		return nil, invalid("installments", "%d is less than 1; expected 1 or more installments", *p.Installments)
	case p.Shipping != nil && p.Shipping.Fee < 0:
		return nil, invalid("shipping.fee", "%d is negative; expected centavos, 0 or more", p.Shipping.Fee)
	}

	out.PaymentMethod = PaymentMethod(strings.ToUpper(strings.TrimSpace(string(p.PaymentMethod))))

	if _, ok := p.Extra["amount"]; ok {
		return nil, invalid("extra.amount", "must not be set; the amount goes in Amount, where it is checked")
	}

	if err := validateItems(p.Items); err != nil {
		return nil, err
	}

	customer, err := p.Customer.validate("customer")
	if err != nil {
		return nil, err
	}
	out.Customer = customer

	if p.PostbackURL != "" {
		if err := validate.CallbackURL(p.PostbackURL); err != nil {
			return nil, invalid("postbackUrl", "%s (got %q)", err, p.PostbackURL)
		}
	}

	if p.Card != nil {
		if err := p.Card.validate(); err != nil {
			return nil, err
		}
	} else if out.PaymentMethod == PaymentMethodCreditCard {
		return nil, invalid("card", "is missing; a CREDIT_CARD charge needs a card")
	}

	return &out, nil
}

func validateItems(items []Item) error {
	if len(items) == 0 {
		return invalid("items", "is empty; expected at least one item")
	}

	for i, item := range items {
		field := fmt.Sprintf("items[%d]", i)
		switch {
		case strings.TrimSpace(item.Title) == "":
			return invalid(field+".title", "is empty; expected the name of the item as the buyer sees it")
		case item.UnitPrice < 0:
			return invalid(field+".unitPrice", "%d is negative; expected centavos, 0 or more", item.UnitPrice)
		case item.Quantity < 1:
			return invalid(field+".quantity", "%d is less than 1; expected 1 or more units", item.Quantity)
		}
	}

	return nil
}

func (c *CustomerParams) validate(field string) (*CustomerParams, error) {
	if c == nil {
		return nil, invalid(field, "is missing; a charge needs the buyer's name, e-mail and document")
	}

	out := *c
	if c.ID != "" && c.Name == "" && c.Document.Number == "" {
		return &out, nil
	}

	switch {
	case strings.TrimSpace(c.Name) == "":
		return nil, invalid(field+".name", "is empty; expected the buyer's full name")
	case c.Email != "" && !strings.Contains(c.Email, "@"):
		return nil, invalid(field+".email", "%q is not an e-mail address; expected an address such as maria@example.com", c.Email)
	}

	doc, err := normalizeDocument(field+".document", c.Document)
	if err != nil {
		return nil, err
	}
	out.Document = doc

	return &out, nil
}

func (c *CardParams) validate() error {
	digits := validate.Digits(c.Number)
	switch {
	case len(digits) < 12 || len(digits) > 19 || !luhn(digits):
		return invalid("card.number", "%s is not a valid card number; expected 12 to 19 digits that pass the Luhn check", maskCard(c.Number))
	case len(c.CVV) < 3 || len(c.CVV) > 4 || validate.Digits(c.CVV) != c.CVV:
		return invalid("card.cvv", "has the wrong length or a non-digit; expected 3 or 4 digits")
	case c.ExpirationMonth < 1 || c.ExpirationMonth > 12:
		return invalid("card.expirationMonth", "%d is not a month; expected 1 to 12", c.ExpirationMonth)
	case c.ExpirationYear < 0:
		return invalid("card.expirationYear", "%d is negative; expected a year such as 2030 or 30", c.ExpirationYear)
	case cardExpired(c.ExpirationMonth, c.ExpirationYear, time.Now()):
		return invalid("card.expirationYear", "the card expired in %02d/%d; expected a card that is still valid", c.ExpirationMonth, c.ExpirationYear)
	case strings.TrimSpace(c.HolderName) == "":
		return invalid("card.holderName", "is empty; expected the name printed on the card")
	}

	return nil
}

// cardExpired reports whether a card valid through month/year (two or four
// digits) has expired at now. A card is valid until the end of its month.
func cardExpired(month, year int, now time.Time) bool {
	if year < 100 {
		year += 2000
	}

	current := now.Year()*12 + int(now.Month())
	return year*12+month < current
}

func luhn(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if d < 0 || d > 9 {
			return false
		}
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// Create creates a charge.
//
// Bynet docs: Transactions / Create, POST /api/user/transactions.
//
// The params are checked before anything is sent. The request is never sent
// twice unless the first attempt provably did not reach the server; when the
// outcome is unknown the error wraps ErrOutcomeUnknown. A charge that the API
// creates with status REFUSED is returned together with an *APIError that
// matches ErrRefused and carries the refusal reason.
func (s *TransactionsService) Create(ctx context.Context, params *CreateTransactionParams) (*Transaction, *Response, error) {
	body, err := params.validate()
	if err != nil {
		return nil, nil, err
	}

	r := &request{method: http.MethodPost, path: "/api/user/transactions", body: body,
		class: retryUnsafe, externalRef: body.ExternalRef}

	tx := new(Transaction)
	resp, err := s.client.do(ctx, r, tx)
	if err != nil {
		return nil, resp, err
	}

	if tx.Status == StatusRefused {
		return tx, resp, s.client.refusedError(r, resp, tx.RefusedReason)
	}

	return tx, resp, nil
}

// refusedError reports a charge or payment created with status REFUSED. The
// error gets its own copy of the reason, masked like any server text, so the
// returned object keeps the reason as the server sent it.
func (c *Client) refusedError(r *request, resp *Response, reason *RefusedReason) *APIError {
	e := &APIError{
		StatusCode:    resp.StatusCode,
		Status:        resp.StatusCode,
		Message:       resp.Message,
		Code:          "refused",
		RefusedReason: reason.clone(),
		Method:        r.method,
		Path:          r.path,
		RequestID:     resp.RequestID,
	}

	c.maskEcho(e)
	return e
}

// FindByID returns one charge.
//
// Bynet docs: Transactions / Find by ID, GET /api/user/transactions/{id}.
func (s *TransactionsService) FindByID(ctx context.Context, id string) (*Transaction, *Response, error) {
	path, err := transactionPath("/api/user/transactions/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	tx := new(Transaction)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, tx)
	if err != nil {
		return nil, resp, err
	}

	return tx, resp, nil
}

// transactionPath builds a path for one charge. It rejects the literal
// segments that share the {id} position ("summary", "export", "fee"), which
// would silently reach another endpoint.
func transactionPath(template, id string) (string, error) {
	switch strings.ToLower(id) {
	case "summary", "export", "fee":
		return "", invalid("id", "%q is a reserved path segment, not a transaction id; expected the id that Create returned", id)
	}
	return buildPath(template, id)
}

// TransactionListParams filters Transactions.FindAll. Every field is
// optional. The filter names follow the sibling Ativo docs of the same API.
type TransactionListParams struct {
	ListOptions
	// ID narrows the list to one transaction.
	ID string `url:"id,omitempty"`
	// PaymentMethods keeps charges paid by these methods, sent comma-separated.
	PaymentMethods []PaymentMethod `url:"paymentMethods,omitempty,comma"`
	// Status keeps charges in these statuses, sent comma-separated.
	Status []TransactionStatus `url:"status,omitempty,comma"`
	// Name, Email, DocumentNumber and Phone match the customer.
	Name           string `url:"name,omitempty"`
	Email          string `url:"email,omitempty"`
	DocumentNumber string `url:"documentNumber,omitempty"`
	Phone          string `url:"phone,omitempty"`
	// Traceable is sent when non-nil.
	Traceable *bool `url:"traceable,omitempty"`
	// ExternalRef looks a charge up by your own reference.
	// NOTE: seen in client code only; the server may ignore it, so check the
	// ExternalRef of the rows you get.
	ExternalRef string `url:"externalRef,omitempty"`
	// StartDate and EndDate keep charges created in that span of days, both
	// included, written YYYY-MM-DD.
	// NOTE: the public reference names no date filters; these follow the
	// platform's naming, so a server that ignores them returns every charge.
	// Check CreatedAt of the rows when the span matters.
	StartDate string `url:"startDate,omitempty"`
	EndDate   string `url:"endDate,omitempty"`
}

func (p *TransactionListParams) validate() error {
	if p == nil {
		return nil
	}

	for field, value := range map[string]string{"startDate": p.StartDate, "endDate": p.EndDate} {
		if _, err := time.Parse(time.DateOnly, value); value != "" && err != nil {
			return invalid(field, "%q is not a date; expected YYYY-MM-DD", value)
		}
	}

	return nil
}

// FindAll returns one page of charges.
//
// Bynet docs: Transactions / Find All, GET /api/user/transactions.
func (s *TransactionsService) FindAll(ctx context.Context, params *TransactionListParams) (*Page[Transaction], *Response, error) {
	if err := params.validate(); err != nil {
		return nil, nil, err
	}

	return getPage[Transaction](ctx, s.client, "/api/user/transactions", params, nil)
}

// FindAllIter walks every page of FindAll from params.Page (or the first),
// yielding each charge. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *TransactionsService) FindAllIter(ctx context.Context, params *TransactionListParams) iter.Seq2[Transaction, error] {
	return walkPages(ctx, params, s.FindAll)
}

// TransactionSummary is the short view of one charge that clients poll for
// its status. Raw holds the object as received, because the public reference
// does not document its fields beyond these.
type TransactionSummary struct {
	ID     string            `json:"id"`
	Status TransactionStatus `json:"status"`
	Amount int64             `json:"amount"`
	PaidAt time.Time         `json:"paidAt"`
	Raw    json.RawMessage   `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (t *TransactionSummary) UnmarshalJSON(data []byte) error {
	type plain TransactionSummary
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*t = TransactionSummary(decoded)
	t.Raw = rawJSON(data)
	return nil
}

// SummaryByID returns the short view of one charge.
//
// Bynet docs: Transactions / Summary by ID, GET /api/user/transactions/{id}/summary.
func (s *TransactionsService) SummaryByID(ctx context.Context, id string) (*TransactionSummary, *Response, error) {
	path, err := transactionPath("/api/user/transactions/{id}/summary", id)
	if err != nil {
		return nil, nil, err
	}

	summary := new(TransactionSummary)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, summary)
	if err != nil {
		return nil, resp, err
	}

	return summary, resp, nil
}

// UpdateDeliveryParams is the body of Transactions.UpdateDeliveryStatus.
// NOTE: the reference does not show the body; the names follow the
// transaction's delivery object and may need Extra until a live call
// confirms them.
type UpdateDeliveryParams struct {
	// Status is the delivery status. Its values are not documented; gateways
	// of the same kind use "waiting", "in_transit" and "delivered".
	Status string `json:"status"`
	// TrackingCode is the carrier's tracking code, when there is one.
	TrackingCode string `json:"trackingCode,omitempty"`
	// Extra holds body fields that this type does not know; they replace a
	// typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p UpdateDeliveryParams) MarshalJSON() ([]byte, error) {
	type plain UpdateDeliveryParams
	return marshalWithExtra(plain(p), p.Extra)
}

// UpdateDeliveryStatus sets the delivery status of a charge with tangible
// items and, optionally, its tracking code. The reference does not document
// the response; the SDK decodes it as the updated charge, whose Raw holds
// whatever the server sent. A confirmation with null data yields a zero
// Transaction.
//
// Bynet docs: Transactions / Update delivery status, PUT /api/user/transactions/{id}/delivery.
func (s *TransactionsService) UpdateDeliveryStatus(ctx context.Context, id string, params *UpdateDeliveryParams) (*Transaction, *Response, error) {
	path, err := transactionPath("/api/user/transactions/{id}/delivery", id)
	if err != nil {
		return nil, nil, err
	}

	switch {
	case params == nil:
		return nil, nil, invalid("params", "is nil; expected a pointer to the params struct")
	case strings.TrimSpace(params.Status) == "" && params.Extra["status"] == nil:
		return nil, nil, invalid("status", "is empty; expected the delivery status, such as \"delivered\"")
	}

	tx := new(Transaction)
	resp, err := s.client.do(ctx, &request{method: http.MethodPut, path: path, body: params}, tx)
	if err != nil {
		return nil, resp, err
	}

	return tx, resp, nil
}

// ExportTransactionsParams filters Transactions.ExportExcel. Every field is
// optional.
// NOTE: the reference does not show the body. The SDK sends the filter names
// of Transactions / Find all as JSON, and Extra reaches any other field.
type ExportTransactionsParams struct {
	Page           int                 `json:"page,omitempty"`
	Limit          int                 `json:"limit,omitempty"`
	OrderBy        string              `json:"orderBy,omitempty"`
	OrderDirection string              `json:"orderDirection,omitempty"`
	ID             string              `json:"id,omitempty"`
	PaymentMethods []PaymentMethod     `json:"paymentMethods,omitempty"`
	Status         []TransactionStatus `json:"status,omitempty"`
	Name           string              `json:"name,omitempty"`
	Email          string              `json:"email,omitempty"`
	DocumentNumber string              `json:"documentNumber,omitempty"`
	Phone          string              `json:"phone,omitempty"`
	// Traceable is sent when non-nil.
	Traceable *bool `json:"traceable,omitempty"`
	// StartDate and EndDate keep charges created in that span of days, both
	// included, written YYYY-MM-DD, under the names of Transactions / Find all.
	StartDate string `json:"startDate,omitempty"`
	EndDate   string `json:"endDate,omitempty"`
	// Extra holds body fields that this type does not know; they replace a
	// typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p ExportTransactionsParams) MarshalJSON() ([]byte, error) {
	type plain ExportTransactionsParams
	return marshalWithExtra(plain(p), p.Extra)
}

// xlsxType is the media type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// ExportExcel exports the charges that params selects as an .xlsx workbook.
// The returned body streams from the network: it is never held in memory
// whole, WithMaxResponseBytes does not apply, and WithTimeout bounds only the
// wait for the response headers, so ctx is what bounds a long download. The
// caller must close the body. params may be nil.
//
// Bynet docs: Transactions / Export Excel, POST /api/user/transactions/export.
// The public reference does not publish this path; it is a guess from the
// menu entry and the platform's REST pattern.
//
// Since the response is not documented, a JSON response is handled too.
// Its envelope's data may hold the file in base64, as a string or under
// "file", "content", "base64" or "data", and the SDK decodes it. Or it may
// hold a link under "url", "fileUrl", "downloadUrl" or "link", which the SDK
// downloads with a plain GET that does not carry the API key. A decoded
// base64 file is limited by WithMaxResponseBytes. The export only reads, so
// it is retried like a GET.
func (s *TransactionsService) ExportExcel(ctx context.Context, params *ExportTransactionsParams) (io.ReadCloser, *Response, error) {
	body := params
	if body == nil {
		body = &ExportTransactionsParams{}
	}

	if err := checkDateSpan(body.StartDate, body.EndDate); err != nil {
		return nil, nil, err
	}

	r := &request{method: http.MethodPost, path: "/api/user/transactions/export", body: body}
	return s.client.download(ctx, r, xlsxType)
}

// TransactionSummaryParams filters Transactions.SummaryAll. Every field is
// optional. The reference mentions filters, such as a period, without naming
// them. The typed ones are those of Transactions / Find all, and Extra
// reaches the rest.
type TransactionSummaryParams struct {
	// PaymentMethods keeps charges paid by these methods, sent comma-separated.
	PaymentMethods []PaymentMethod `url:"paymentMethods,omitempty,comma"`
	// Status keeps charges in these statuses, sent comma-separated.
	Status []TransactionStatus `url:"status,omitempty,comma"`
	// StartDate and EndDate keep charges created in that span of days, both
	// included, written YYYY-MM-DD, under the names of Transactions / Find all.
	StartDate string `url:"startDate,omitempty"`
	EndDate   string `url:"endDate,omitempty"`
	// Extra holds query parameters that this type does not know; each value
	// is sent in its fmt %v form, a slice as a repeated parameter.
	Extra map[string]any `url:"-"`
}

// checkDateSpan checks the optional YYYY-MM-DD bounds of a period filter.
func checkDateSpan(start, end string) error {
	for field, value := range map[string]string{"startDate": start, "endDate": end} {
		if _, err := time.Parse(time.DateOnly, value); value != "" && err != nil {
			return invalid(field, "%q is not a date; expected YYYY-MM-DD", value)
		}
	}

	if start != "" && end != "" && end < start {
		return invalid("endDate", "%s is before startDate %s", end, start)
	}
	return nil
}

// TransactionSummaryAll holds aggregate figures over the seller's charges
// (volume, fees, counts by status). The reference documents none of its
// fields, so Raw holds the object as received; decode it with encoding/json
// into your own type.
type TransactionSummaryAll struct {
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the object in Raw.
func (t *TransactionSummaryAll) UnmarshalJSON(data []byte) error {
	t.Raw = rawJSON(data)
	return nil
}

// SummaryAll returns aggregate figures over the charges that params
// selects. params may be nil.
//
// Bynet docs: Transactions / Summary all, GET /api/user/transactions/summary.
func (s *TransactionsService) SummaryAll(ctx context.Context, params *TransactionSummaryParams) (*TransactionSummaryAll, *Response, error) {
	if params != nil {
		if err := checkDateSpan(params.StartDate, params.EndDate); err != nil {
			return nil, nil, err
		}
	}

	q, err := query.Values(params)
	if err != nil {
		return nil, nil, err
	}
	if params != nil {
		addExtraQuery(q, params.Extra)
	}

	summary := new(TransactionSummaryAll)
	r := &request{method: http.MethodGet, path: "/api/user/transactions/summary", query: q}
	resp, err := s.client.do(ctx, r, summary)
	if err != nil {
		return nil, resp, err
	}

	return summary, resp, nil
}

// FeeParams is the body of Transactions.Fee. NOTE: the reference does not
// show the body; these are the charge fields a fee depends on, and Extra
// reaches any other.
type FeeParams struct {
	// Amount is the charge total in centavos and must be positive.
	Amount        int64         `json:"amount"`
	PaymentMethod PaymentMethod `json:"paymentMethod,omitempty"`
	// Installments is the number of card installments; nil leaves it out.
	Installments *int `json:"installments,omitempty"`
	// Extra holds body fields that this type does not know; they replace a
	// typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p FeeParams) MarshalJSON() ([]byte, error) {
	type plain FeeParams
	return marshalWithExtra(plain(p), p.Extra)
}

// TransactionFee is the fee the platform would charge. The reference does
// not document the response; the typed fields are those of a charge's fee
// object, and Raw holds the object as received.
type TransactionFee struct {
	FeeInfo
	// Raw is the fee object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (f *TransactionFee) UnmarshalJSON(data []byte) error {
	type plain TransactionFee
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*f = TransactionFee(decoded)
	f.Raw = rawJSON(data)
	return nil
}

// Fee computes the fee of a charge without creating it. It is a POST that
// only reads, so it is retried like a GET.
//
// Bynet docs: Transactions / Fee, POST /api/user/transactions/fee.
func (s *TransactionsService) Fee(ctx context.Context, params *FeeParams) (*TransactionFee, *Response, error) {
	switch {
	case params == nil:
		return nil, nil, invalid("params", "is nil; expected a pointer to the params struct")
	case params.Amount <= 0:
		return nil, nil, invalid("amount", "%d is not positive; expected centavos, such as 1000 for R$ 10,00", params.Amount)
	case params.Installments != nil && *params.Installments < 1:
		return nil, nil, invalid("installments", "%d is less than 1; expected 1 or more installments", *params.Installments)
	}

	body := *params
	body.PaymentMethod = PaymentMethod(strings.ToUpper(strings.TrimSpace(string(params.PaymentMethod))))

	fee := new(TransactionFee)
	r := &request{method: http.MethodPost, path: "/api/user/transactions/fee", body: body, class: retryIdempotent}
	resp, err := s.client.do(ctx, r, fee)
	if err != nil {
		return nil, resp, err
	}

	return fee, resp, nil
}
