package bynet

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/form"
	"github.com/bynet-go/bynet/internal/jsonx"
)

// CheckoutService manages checkout layouts, orders and payments. The
// endpoints under /api/public/ are meant for the buyer's side; the SDK sends
// them with the same headers as every other call.
type CheckoutService service

// LayoutStatus is the state of a checkout layout. Unknown values are kept,
// upper-cased.
type LayoutStatus string

// Layout statuses seen on the API.
const (
	LayoutActive   LayoutStatus = "ACTIVE"
	LayoutInactive LayoutStatus = "INACTIVE"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (s *LayoutStatus) UnmarshalJSON(data []byte) error {
	*s = LayoutStatus(normalizeEnum(data))
	return nil
}

// LayoutType is the origin of a layout: the platform's default or the
// seller's own. Unknown values are kept, upper-cased.
type LayoutType string

// Layout types seen on the API.
const (
	LayoutCustom  LayoutType = "CUSTOM"
	LayoutDefault LayoutType = "DEFAULT"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (t *LayoutType) UnmarshalJSON(data []byte) error {
	*t = LayoutType(normalizeEnum(data))
	return nil
}

// Typography is the font of a checkout page, an open set of upper-case font
// names. The API has been seen storing "MONTESERRAT" next to "MONTSERRAT".
type Typography string

// Fonts seen on the API.
const (
	TypographyInter      Typography = "INTER"
	TypographyMontserrat Typography = "MONTSERRAT"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (t *Typography) UnmarshalJSON(data []byte) error {
	*t = Typography(normalizeEnum(data))
	return nil
}

// Layout is the look of the seller's hosted checkout page. Raw holds the
// object as received.
type Layout struct {
	ID string `json:"id"`
	// PrimaryColor is a hex colour such as "#009FE3".
	PrimaryColor string       `json:"primaryColor"`
	Typography   Typography   `json:"typography"`
	Logo         *Image       `json:"logo"`
	Type         LayoutType   `json:"type"`
	Status       LayoutStatus `json:"status"`
	SellerID     string       `json:"sellerId"`
	CreatedAt    time.Time    `json:"createdAt"`
	UpdatedAt    time.Time    `json:"updatedAt"`
	// DeletedAt is zero unless the layout was deleted.
	DeletedAt time.Time `json:"deletedAt"`
	// Raw is the layout object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (l *Layout) UnmarshalJSON(data []byte) error {
	type plain Layout
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*l = Layout(decoded)
	l.Raw = rawJSON(data)
	return nil
}

var hexColor = regexp.MustCompile(`^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$`)

func checkColor(field, color string) error {
	if color != "" && !hexColor.MatchString(color) {
		return invalid(field, "%q is not a hex colour; expected \"#RRGGBB\", such as \"#009FE3\"", color)
	}
	return nil
}

// CreateLayoutParams is the multipart form of Checkout.CreateLayout.
// NOTE: the public reference lists no field table for this form; the part
// names primaryColor, typography and logo are those of the layout object.
type CreateLayoutParams struct {
	// PrimaryColor is a hex colour such as "#009FE3".
	PrimaryColor string
	Typography   Typography
	// Logo is sent as the file part "logo" when non-nil.
	Logo *File
	// Extra holds text parts that this type does not know; a key of a typed
	// part replaces it.
	Extra map[string]string
}

func (p *CreateLayoutParams) validate() error {
	if p == nil {
		return invalid("params", "is nil; expected a pointer to the params struct")
	}
	if err := checkColor("primaryColor", p.PrimaryColor); err != nil {
		return err
	}
	if p.Logo != nil {
		return p.Logo.validate("logo")
	}
	return nil
}

// CreateLayout creates a custom checkout layout from a multipart form.
//
// Bynet docs: Checkout / Layouts / Create Layout, POST /api/user/checkout/create-layout.
//
// The request is never sent twice unless the first attempt provably did not
// reach the server; when the outcome is unknown the error wraps
// ErrOutcomeUnknown.
func (s *CheckoutService) CreateLayout(ctx context.Context, params *CreateLayoutParams) (*Layout, *Response, error) {
	if err := params.validate(); err != nil {
		return nil, nil, err
	}

	fields := map[string]string{}
	if params.PrimaryColor != "" {
		fields["primaryColor"] = params.PrimaryColor
	}
	if params.Typography != "" {
		fields["typography"] = string(params.Typography)
	}
	for name, value := range params.Extra {
		fields[name] = value
	}

	body := form.New(ctx)
	addFields(body, fields)
	if params.Logo != nil {
		addFile(body, "logo", *params.Logo)
	}

	layout := new(Layout)
	r := &request{method: http.MethodPost, path: "/api/user/checkout/create-layout", class: retryUnsafe}
	resp, err := s.client.doForm(ctx, r, body, layout)
	if err != nil {
		return nil, resp, err
	}

	return layout, resp, nil
}

// LayoutListParams filters Checkout.FindLayouts. Every field is optional.
type LayoutListParams struct {
	ListOptions
	// Value is a free search text, such as a colour "#000000".
	Value  string       `url:"value,omitempty"`
	Status LayoutStatus `url:"status,omitempty"`
}

// FindLayouts returns one page of the seller's checkout layouts.
//
// Bynet docs: Checkout / Layouts / Find, GET /api/user/checkout/layout.
func (s *CheckoutService) FindLayouts(ctx context.Context, params *LayoutListParams) (*Page[Layout], *Response, error) {
	return getPage[Layout](ctx, s.client, "/api/user/checkout/layout", params, nil)
}

// FindLayoutsIter walks every page of FindLayouts from params.Page (or the
// first), yielding each layout. It stops at the first error, which it
// yields, or when the caller breaks. params is copied, never modified.
func (s *CheckoutService) FindLayoutsIter(ctx context.Context, params *LayoutListParams) iter.Seq2[Layout, error] {
	return walkPages(ctx, params, s.FindLayouts)
}

// layoutQuery checks a layout id and returns it as the "id" query parameter
// that the layout endpoints take.
func layoutQuery(id string) (url.Values, error) {
	if _, err := buildPath("{id}", id); err != nil {
		return nil, err
	}
	return url.Values{"id": {id}}, nil
}

// FindLayoutByID returns one checkout layout.
//
// Bynet docs: Checkout / Layouts / Find by ID, GET /api/user/checkout/layout/get-by-id?id={id}.
func (s *CheckoutService) FindLayoutByID(ctx context.Context, id string) (*Layout, *Response, error) {
	return s.sendLayout(ctx, http.MethodGet, "/api/user/checkout/layout/get-by-id", id, nil)
}

// UpdateLayoutSettingsParams is the body of Checkout.UpdateLayoutSettings.
// Empty fields are left out.
// NOTE: the public reference does not list this body; the names are those of
// the layout object. A logo change is not possible through this JSON body.
type UpdateLayoutSettingsParams struct {
	// PrimaryColor is a hex colour such as "#009FE3".
	PrimaryColor string     `json:"primaryColor,omitempty"`
	Typography   Typography `json:"typography,omitempty"`
	// Extra holds body fields that this type does not know; they are added to
	// the JSON and replace a typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p UpdateLayoutSettingsParams) MarshalJSON() ([]byte, error) {
	type plain UpdateLayoutSettingsParams
	data, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withExtra(data, p.Extra)
}

// UpdateLayoutSettings changes the colour and font of a checkout layout and
// returns the layout.
//
// Bynet docs: Checkout / Layouts / Update settings, PUT /api/user/checkout/layout/settings?id={id}.
// The public reference does not publish this path; it follows the layout
// Find by ID path, which takes the id as a query parameter.
func (s *CheckoutService) UpdateLayoutSettings(ctx context.Context, id string, params *UpdateLayoutSettingsParams) (*Layout, *Response, error) {
	if params == nil {
		return nil, nil, invalid("params", "is nil; expected a pointer to the params struct")
	}
	if err := checkColor("primaryColor", params.PrimaryColor); err != nil {
		return nil, nil, err
	}

	return s.sendLayout(ctx, http.MethodPut, "/api/user/checkout/layout/settings", id, params)
}

// UpdateLayoutStatus switches a checkout layout between active and inactive
// and returns the layout.
//
// Bynet docs: Checkout / Layouts / Update status, PUT /api/user/checkout/layout/status?id={id}.
// The public reference does not publish this path; it follows the layout
// Find by ID path, which takes the id as a query parameter.
func (s *CheckoutService) UpdateLayoutStatus(ctx context.Context, id string, status LayoutStatus) (*Layout, *Response, error) {
	if strings.TrimSpace(string(status)) == "" {
		return nil, nil, invalid("status", "is empty; expected ACTIVE or INACTIVE")
	}

	body := map[string]string{"status": strings.ToUpper(strings.TrimSpace(string(status)))}
	return s.sendLayout(ctx, http.MethodPut, "/api/user/checkout/layout/status", id, body)
}

func (s *CheckoutService) sendLayout(ctx context.Context, method, path, id string, body any) (*Layout, *Response, error) {
	q, err := layoutQuery(id)
	if err != nil {
		return nil, nil, err
	}

	layout := new(Layout)
	resp, err := s.client.do(ctx, &request{method: method, path: path, query: q, body: body}, layout)
	if err != nil {
		return nil, resp, err
	}

	return layout, resp, nil
}

// CheckoutInfo is the data a checkout page shows for a payment link.
// NOTE: the public reference documents none of its fields; Product and
// Layout are assumed names. Raw holds the object as received.
type CheckoutInfo struct {
	ID      string   `json:"id"`
	Product *Product `json:"product"`
	Layout  *Layout  `json:"layout"`
	// Raw is the object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (c *CheckoutInfo) UnmarshalJSON(data []byte) error {
	type plain CheckoutInfo
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*c = CheckoutInfo(decoded)
	c.Raw = rawJSON(data)
	return nil
}

// FindInfo returns the checkout information of a payment link, such as a
// product's UniqueProductLinkID.
//
// Bynet docs: Checkout / Find info, GET /api/public/checkout/info/{id}.
// The public reference does not publish this path; it follows the public
// checkout paths seen in client code.
func (s *CheckoutService) FindInfo(ctx context.Context, id string) (*CheckoutInfo, *Response, error) {
	path, err := buildPath("/api/public/checkout/info/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	info := new(CheckoutInfo)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, info)
	if err != nil {
		return nil, resp, err
	}

	return info, resp, nil
}

// CheckoutOrder is an order opened on a payment link. Pass its ID to
// CreatePayment. Raw holds the object as received.
type CheckoutOrder struct {
	ID string `json:"id"`
	// Status is the order's state, as the server spells it.
	Status string `json:"status"`
	// Payment is set once a payment was created for the order.
	Payment *OrderPayment `json:"payment"`
	// Raw is the order object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (o *CheckoutOrder) UnmarshalJSON(data []byte) error {
	type plain CheckoutOrder
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*o = CheckoutOrder(decoded)
	o.Raw = rawJSON(data)
	return nil
}

// CreateOrderParams is the optional input of Checkout.CreateOrder.
type CreateOrderParams struct {
	// Hostname is sent as the "hostname" query parameter: the domain of the
	// selling site, which the server checks against the domains allowed in
	// the dashboard ("Hostname não identificado" otherwise).
	Hostname string `json:"-"`
	// Metadata is sent as it is, as a JSON value.
	Metadata any `json:"metadata,omitempty"`
	// Extra holds body fields that this type does not know; they are added to
	// the JSON and replace a typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p CreateOrderParams) MarshalJSON() ([]byte, error) {
	type plain CreateOrderParams
	data, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withExtra(data, p.Extra)
}

// hostnameQuery checks a hostname and returns it as the "hostname" query
// parameter, or nil when it is empty.
func hostnameQuery(hostname string) (url.Values, error) {
	if hostname == "" {
		return nil, nil
	}
	if strings.ContainsAny(hostname, "/?#@ ") {
		return nil, invalid("hostname", "%q is not a host name; expected a domain such as \"shop.example.com\"", hostname)
	}
	return url.Values{"hostname": {hostname}}, nil
}

// CreateOrder opens a checkout order for a product's payment link. linkID is
// the product's UniqueProductLinkID. params may be nil; without Metadata or
// Extra no body is sent.
//
// Bynet docs: Checkout / Create Order, POST /api/public/checkout/create-order/{id}.
// The public reference does not publish this path; public client code calls it.
//
// The request is never sent twice unless the first attempt provably did not
// reach the server; when the outcome is unknown the error wraps
// ErrOutcomeUnknown.
func (s *CheckoutService) CreateOrder(ctx context.Context, linkID string, params *CreateOrderParams) (*CheckoutOrder, *Response, error) {
	path, err := buildPath("/api/public/checkout/create-order/{id}", linkID)
	if err != nil {
		return nil, nil, err
	}

	r := &request{method: http.MethodPost, path: path, class: retryUnsafe}
	if params != nil {
		if r.query, err = hostnameQuery(params.Hostname); err != nil {
			return nil, nil, err
		}
		if params.Metadata != nil || len(params.Extra) > 0 {
			r.body = params
		}
	}

	order := new(CheckoutOrder)
	resp, err := s.client.do(ctx, r, order)
	if err != nil {
		return nil, resp, err
	}

	return order, resp, nil
}

// FindOrderInfo returns one checkout order.
//
// Bynet docs: Checkout / Find info order, GET /api/public/checkout/order/{id}.
// The public reference does not publish this path; it follows the public
// checkout paths seen in client code.
func (s *CheckoutService) FindOrderInfo(ctx context.Context, orderID string) (*CheckoutOrder, *Response, error) {
	path, err := buildPath("/api/public/checkout/order/{id}", orderID)
	if err != nil {
		return nil, nil, err
	}

	order := new(CheckoutOrder)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, order)
	if err != nil {
		return nil, resp, err
	}

	return order, resp, nil
}

// CheckoutPaymentMethods lists the payment methods that a checkout accepts.
// NOTE: the public reference documents no field of it. Methods decodes the
// data when it is an object of flags or an array of names, or the same
// under a "paymentMethod" or "paymentMethods" key; Raw holds the data as
// received.
type CheckoutPaymentMethods struct {
	Methods PaymentMethods
	// MaxInstallments is the largest number of card installments, when sent.
	MaxInstallments int
	// Raw is the data as received.
	Raw json.RawMessage
}

// UnmarshalJSON decodes what it can and never fails on valid JSON.
func (c *CheckoutPaymentMethods) UnmarshalJSON(data []byte) error {
	*c = CheckoutPaymentMethods{Raw: rawJSON(data)}

	var nested struct {
		PaymentMethod   json.RawMessage `json:"paymentMethod"`
		PaymentMethods  json.RawMessage `json:"paymentMethods"`
		MaxInstallments int             `json:"maxInstallments"`
	}
	_ = jsonx.Unmarshal(data, &nested)
	c.MaxInstallments = nested.MaxInstallments

	source := data
	switch {
	case !isNull(nested.PaymentMethods):
		source = nested.PaymentMethods
	case !isNull(nested.PaymentMethod):
		source = nested.PaymentMethod
	}

	_ = c.Methods.UnmarshalJSON(source)
	delete(c.Methods.Other, "maxInstallments")
	if len(c.Methods.Other) == 0 {
		c.Methods.Other = nil
	}
	return nil
}

// FindPaymentMethodsByID returns the payment methods open for one payment
// link.
//
// Bynet docs: Checkout / Find payment methods by ID, GET /api/public/checkout/payment-methods/{id}.
// The public reference does not publish this path; it follows the public
// checkout paths seen in client code.
func (s *CheckoutService) FindPaymentMethodsByID(ctx context.Context, id string) (*CheckoutPaymentMethods, *Response, error) {
	path, err := buildPath("/api/public/checkout/payment-methods/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	return s.findPaymentMethods(ctx, path)
}

// FindPaymentMethods returns the payment methods open to the seller's
// checkout. It needs no input, which also makes it a cheap check that an API
// key works.
//
// Bynet docs: Checkout / Find payment methods, GET /api/user/checkout/payment-methods.
// The public reference does not publish this path; public client code calls it.
func (s *CheckoutService) FindPaymentMethods(ctx context.Context) (*CheckoutPaymentMethods, *Response, error) {
	return s.findPaymentMethods(ctx, "/api/user/checkout/payment-methods")
}

func (s *CheckoutService) findPaymentMethods(ctx context.Context, path string) (*CheckoutPaymentMethods, *Response, error) {
	methods := new(CheckoutPaymentMethods)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, methods)
	if err != nil {
		return nil, resp, err
	}

	return methods, resp, nil
}

// CreatePaymentParams is the body of Checkout.CreatePayment: the buyer and
// the chosen method, as flat fields.
// NOTE: the public reference does not list this body; the names are those
// that public client code sends. Put other fields in Extra.
type CreatePaymentParams struct {
	FullName string `json:"fullName"`
	// Document is the buyer's CPF or CNPJ; it is checked and sent with
	// digits only.
	Document string `json:"document"`
	Email    string `json:"email,omitempty"`
	// Phone is digits only, with area code: "11999999999".
	Phone string `json:"phone,omitempty"`
	// Address is sent as flat fields (zipCode, street, ...).
	Address
	// PaymentMethod is sent in lower case ("pix"), as the client code that
	// works against this endpoint sends it.
	PaymentMethod PaymentMethod `json:"paymentMethod"`
	// Installments is sent when positive; client code sends 1 for PIX.
	Installments int         `json:"installments,omitempty"`
	Card         *CardParams `json:"card,omitempty"`
	// ExternalRef is your own reference for the payment. Set it: it is how
	// you find the payment again when the call ends with ErrOutcomeUnknown.
	ExternalRef string `json:"externalRef,omitempty"`
	// Hostname is sent as the "hostname" query parameter, as for CreateOrder.
	Hostname string `json:"-"`
	// Extra holds body fields that this type does not know; they are added to
	// the JSON and replace a typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p CreatePaymentParams) MarshalJSON() ([]byte, error) {
	type plain CreatePaymentParams
	data, err := json.Marshal(plain(p))
	if err != nil {
		return nil, err
	}
	return withExtra(data, p.Extra)
}

func (p *CreatePaymentParams) validate() (*CreatePaymentParams, error) {
	if p == nil {
		return nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	out := *p
	method := strings.ToLower(strings.TrimSpace(string(p.PaymentMethod)))
	switch {
	case strings.TrimSpace(p.FullName) == "":
		return nil, invalid("fullName", "is empty; expected the buyer's full name")
	case method == "":
		return nil, invalid("paymentMethod", "is empty; expected PIX, BOLETO or CREDIT_CARD")
	case p.Installments < 0:
		return nil, invalid("installments", "%d is negative; expected 0 (the default) or more", p.Installments)
	case p.Email != "" && !strings.Contains(p.Email, "@"):
		return nil, invalid("email", "%q is not an e-mail address; expected an address such as maria@example.com", p.Email)
	}
	out.PaymentMethod = PaymentMethod(method)

	doc, err := normalizeDocument("document", Document{Number: p.Document})
	if err != nil {
		return nil, err
	}
	out.Document = doc.Number

	if err := p.checkCard(method); err != nil {
		return nil, err
	}

	return &out, nil
}

func (p *CreatePaymentParams) checkCard(method string) error {
	if p.Card != nil {
		return p.Card.validate()
	}
	if strings.EqualFold(method, string(PaymentMethodCreditCard)) {
		return invalid("card", "is missing; a CREDIT_CARD payment needs a card")
	}
	return nil
}

// CheckoutPayment is the result of Checkout.CreatePayment. Raw holds the
// object as received.
type CheckoutPayment struct {
	ID    string         `json:"id"`
	Order *CheckoutOrder `json:"order"`
	// Raw is the object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (c *CheckoutPayment) UnmarshalJSON(data []byte) error {
	type plain CheckoutPayment
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*c = CheckoutPayment(decoded)
	c.Raw = rawJSON(data)
	return nil
}

// Payment returns the order's payment, or nil when the server sent none.
func (c *CheckoutPayment) Payment() *OrderPayment {
	if c.Order == nil {
		return nil
	}
	return c.Order.Payment
}

// OrderPayment is the charge that a checkout payment created.
type OrderPayment struct {
	ID            string            `json:"id"`
	Status        TransactionStatus `json:"status"`
	RefusedReason *RefusedReason    `json:"refusedReason"`
	// QRCode is the PIX copy-and-paste code; use PixCode.
	QRCode string   `json:"qrCode"`
	Pix    *PixInfo `json:"pix"`
	// ExternalRef may hold the literal text "undefined" when none was sent.
	ExternalRef string `json:"externalRef"`
	// GatewayID is the acquirer's id of the charge.
	GatewayID string `json:"gatewayId"`
	Provider  string `json:"provider"`
	// Payload is the request as the server forwarded it to the acquirer.
	Payload json.RawMessage `json:"payload"`
}

// PixCode returns the PIX "copia e cola" code, from qrCode or pix.qrcode.
func (p *OrderPayment) PixCode() string {
	if p.QRCode != "" {
		return p.QRCode
	}
	if p.Pix != nil {
		return p.Pix.QRCode
	}
	return ""
}

// CreatePayment pays a checkout order: it sends the buyer's data and chosen
// method, and the server creates the charge. id is the order's ID from
// CreateOrder (the reference calls it the link's id).
//
// Bynet docs: Checkout / Create payment, POST /api/public/checkout/payment/{id}.
//
// It moves money: the request is never sent twice unless the first attempt
// provably did not reach the server, and when the outcome is unknown the
// error wraps ErrOutcomeUnknown and carries params.ExternalRef. A payment
// that the API creates with status REFUSED is returned together with an
// *APIError that matches ErrRefused.
func (s *CheckoutService) CreatePayment(ctx context.Context, id string, params *CreatePaymentParams) (*CheckoutPayment, *Response, error) {
	path, err := buildPath("/api/public/checkout/payment/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	body, err := params.validate()
	if err != nil {
		return nil, nil, err
	}

	q, err := hostnameQuery(body.Hostname)
	if err != nil {
		return nil, nil, err
	}

	r := &request{method: http.MethodPost, path: path, query: q, body: body,
		class: retryUnsafe, externalRef: body.ExternalRef}

	payment := new(CheckoutPayment)
	resp, err := s.client.do(ctx, r, payment)
	if err != nil {
		return nil, resp, err
	}

	if p := payment.Payment(); p != nil && p.Status == StatusRefused {
		return payment, resp, s.client.refusedError(r, resp, p.RefusedReason)
	}

	return payment, resp, nil
}
