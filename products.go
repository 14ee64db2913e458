package bynet

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/form"
	"github.com/bynet-go/bynet/internal/jsonx"
	"github.com/bynet-go/bynet/internal/validate"
)

// ProductsService manages the products sold through checkout pages.
type ProductsService service

// ProductStatus is the sale state of a product. Unknown values are kept,
// upper-cased.
type ProductStatus string

// Product statuses seen on the API.
const (
	ProductActive   ProductStatus = "ACTIVE"
	ProductInactive ProductStatus = "INACTIVE"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (s *ProductStatus) UnmarshalJSON(data []byte) error {
	*s = ProductStatus(normalizeEnum(data))
	return nil
}

// ShippingType is the delivery kind of a product, digital or physical.
// Unknown values are kept, upper-cased.
type ShippingType string

// Shipping types seen on the API.
const (
	ShippingDigital  ShippingType = "DIGITAL"
	ShippingPhysical ShippingType = "PHYSICAL"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (t *ShippingType) UnmarshalJSON(data []byte) error {
	*t = ShippingType(normalizeEnum(data))
	return nil
}

// Product is an item sold through checkout pages. UnitPrice is in centavos.
// Raw holds the object as received.
type Product struct {
	ID              string        `json:"id"`
	Title           string        `json:"title"`
	Description     string        `json:"description"`
	ShippingType    ShippingType  `json:"shippingType"`
	Status          ProductStatus `json:"status"`
	UnitPrice       int64         `json:"unitPrice"`
	MaxInstallments int           `json:"maxInstallments"`
	// AccessLink is the link the buyer receives, for digital products.
	AccessLink     string         `json:"accessLink"`
	AdditionalInfo string         `json:"additionalInfo"`
	Images         []Image        `json:"images"`
	PaymentMethods PaymentMethods `json:"paymentMethod"`
	SellerID       string         `json:"sellerId"`
	// UniqueProductLinkID is the id that Checkout.CreateOrder takes.
	UniqueProductLinkID string    `json:"uniqueProductLinkId"`
	CreatedAt           time.Time `json:"createdAt"`
	UpdatedAt           time.Time `json:"updatedAt"`
	// DeletedAt is zero unless the product was deleted.
	DeletedAt time.Time `json:"deletedAt"`
	// Raw is the product object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (p *Product) UnmarshalJSON(data []byte) error {
	type plain Product
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*p = Product(decoded)
	p.Raw = rawJSON(data)
	return nil
}

// Image is a stored image, such as a product picture or a checkout logo.
type Image struct {
	ID string `json:"id"`
	// Key is the storage file name, such as "0.jpg".
	Key string `json:"key"`
	URL string `json:"url"`
}

// PaymentMethods is the set of enabled payment methods. The API sends it as
// an object of booleans keyed PIX, BOLETO and CREDIT_CARD. Keys in another
// case or in camel case ("creditCard") decode too, and so does an array of
// method names. Methods this type does not know land in Other; values that
// are not booleans are skipped.
type PaymentMethods struct {
	Pix        bool
	Boleto     bool
	CreditCard bool
	// Other holds the flags of unknown methods, keyed as the server sent them.
	Other map[string]bool
}

// MarshalJSON encodes the flags as {"PIX":…,"BOLETO":…,"CREDIT_CARD":…}
// plus Other.
func (m PaymentMethods) MarshalJSON() ([]byte, error) {
	flags := map[string]bool{}
	for key, value := range m.Other {
		flags[key] = value
	}

	flags[string(PaymentMethodPix)] = m.Pix
	flags[string(PaymentMethodBoleto)] = m.Boleto
	flags[string(PaymentMethodCreditCard)] = m.CreditCard
	return json.Marshal(flags)
}

// UnmarshalJSON accepts an object of booleans or an array of method names.
func (m *PaymentMethods) UnmarshalJSON(data []byte) error {
	*m = PaymentMethods{}

	var names []string
	if json.Unmarshal(data, &names) == nil {
		for _, name := range names {
			m.set(name, true)
		}
		return nil
	}

	var flags map[string]json.RawMessage
	if err := json.Unmarshal(data, &flags); err != nil {
		return err
	}

	for name, raw := range flags {
		var enabled bool
		if first := firstByte(raw); first == '{' || first == '[' {
			continue
		}
		if jsonx.Unmarshal(raw, &enabled) == nil {
			m.set(name, enabled)
		}
	}
	return nil
}

func (m *PaymentMethods) set(name string, enabled bool) {
	switch strings.ToUpper(strings.ReplaceAll(name, "_", "")) {
	case "PIX":
		m.Pix = enabled
	case "BOLETO":
		m.Boleto = enabled
	case "CREDITCARD":
		m.CreditCard = enabled
	default:
		if m.Other == nil {
			m.Other = map[string]bool{}
		}
		m.Other[name] = enabled
	}
}

// CreateProductParams is the multipart form of Products.Create. The part
// names are those of the product object. Every part is text: UnitPrice is
// integer centavos and PaymentMethods is one JSON text part.
// NOTE: the public reference lists no field table for this form and does
// not say which parts are required; only Title is checked here.
type CreateProductParams struct {
	Title        string
	Description  string
	ShippingType ShippingType
	// Status is sent when set; the server applies its default otherwise.
	Status ProductStatus
	// UnitPrice is the price in centavos, 0 or more; it is always sent.
	UnitPrice int64
	// MaxInstallments is sent when positive.
	MaxInstallments int
	// AccessLink is an absolute https URL.
	AccessLink     string
	AdditionalInfo string
	// PaymentMethods is sent as the part "paymentMethod" when non-nil.
	PaymentMethods *PaymentMethods
	// Images are sent as file parts named "images".
	Images []File
	// Extra holds text parts that this type does not know; a key of a typed
	// part replaces it.
	Extra map[string]string
}

// UpdateProductParams is the multipart form of Products.Update. Nil fields
// are left out of the form.
// NOTE: the public reference does not say whether parts left out keep their
// stored values. Send every field that must survive, in case the server
// clears the others.
type UpdateProductParams struct {
	Title        *string
	Description  *string
	ShippingType ShippingType
	Status       ProductStatus
	// UnitPrice is the price in centavos, 0 or more.
	UnitPrice       *int64
	MaxInstallments *int
	// AccessLink is an absolute https URL; an empty string is sent to clear it.
	AccessLink     *string
	AdditionalInfo *string
	// PaymentMethods is sent as the part "paymentMethod" when non-nil.
	PaymentMethods *PaymentMethods
	// Images are sent as file parts named "images".
	Images []File
	// Extra holds text parts that this type does not know; a key of a typed
	// part replaces it.
	Extra map[string]string
}

// productForm is the set of parts that Create and Update share; nil is left out.
type productForm struct {
	text           map[string]*string
	unitPrice      *int64
	installments   *int
	accessLink     *string
	paymentMethods *PaymentMethods
	images         []File
	extra          map[string]string
}

func (p *CreateProductParams) form() productForm {
	f := productForm{
		text: map[string]*string{
			"title":          &p.Title,
			"description":    optionalText(p.Description),
			"shippingType":   optionalText(string(p.ShippingType)),
			"status":         optionalText(string(p.Status)),
			"additionalInfo": optionalText(p.AdditionalInfo),
		},
		unitPrice:      &p.UnitPrice,
		accessLink:     optionalText(p.AccessLink),
		paymentMethods: p.PaymentMethods,
		images:         p.Images,
		extra:          p.Extra,
	}

	if p.MaxInstallments != 0 {
		f.installments = &p.MaxInstallments
	}
	return f
}

func (p *UpdateProductParams) form() productForm {
	return productForm{
		text: map[string]*string{
			"title":          p.Title,
			"description":    p.Description,
			"shippingType":   optionalText(string(p.ShippingType)),
			"status":         optionalText(string(p.Status)),
			"additionalInfo": p.AdditionalInfo,
		},
		unitPrice:      p.UnitPrice,
		installments:   p.MaxInstallments,
		accessLink:     p.AccessLink,
		paymentMethods: p.PaymentMethods,
		images:         p.Images,
		extra:          p.Extra,
	}
}

func optionalText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (f productForm) validate() error {
	switch {
	case f.unitPrice != nil && *f.unitPrice < 0:
		return invalid("unitPrice", "%d is negative; expected centavos, 0 or more (1000 is R$ 10,00)", *f.unitPrice)
	case f.installments != nil && *f.installments < 0:
		return invalid("maxInstallments", "%d is negative; expected 0 or more", *f.installments)
	}

	if f.accessLink != nil && *f.accessLink != "" {
		if err := validate.CallbackURL(*f.accessLink); err != nil {
			return invalid("accessLink", "%s (got %q)", err, *f.accessLink)
		}
	}

	for i := range f.images {
		if err := f.images[i].validate(fmt.Sprintf("images[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

// build returns the multipart body: text parts in a fixed order, then the
// images.
func (f productForm) build(ctx context.Context) (*form.Form, error) {
	parts := map[string]string{}
	for name, value := range f.text {
		if value != nil {
			parts[name] = *value
		}
	}

	if f.unitPrice != nil {
		parts["unitPrice"] = strconv.FormatInt(*f.unitPrice, 10)
	}
	if f.installments != nil {
		parts["maxInstallments"] = strconv.Itoa(*f.installments)
	}
	if f.accessLink != nil {
		parts["accessLink"] = *f.accessLink
	}
	if f.paymentMethods != nil {
		encoded, err := json.Marshal(f.paymentMethods)
		if err != nil {
			return nil, fmt.Errorf("bynet: cannot encode paymentMethod: %w", err)
		}
		parts["paymentMethod"] = string(encoded)
	}
	for name, value := range f.extra {
		parts[name] = value
	}

	body := form.New(ctx)
	addFields(body, parts)
	for _, image := range f.images {
		addFile(body, "images", image)
	}
	return body, nil
}

// Create creates a product from a multipart form.
//
// Bynet docs: Products / Create, POST /api/user/products.
//
// The request is never sent twice unless the first attempt provably did not
// reach the server; when the outcome is unknown the error wraps
// ErrOutcomeUnknown.
func (s *ProductsService) Create(ctx context.Context, params *CreateProductParams) (*Product, *Response, error) {
	if params == nil {
		return nil, nil, invalid("params", "is nil; expected a pointer to the params struct")
	}
	if strings.TrimSpace(params.Title) == "" {
		return nil, nil, invalid("title", "is empty; expected the product name")
	}

	r := &request{method: http.MethodPost, path: "/api/user/products", class: retryUnsafe}
	return s.sendForm(ctx, r, params.form())
}

// Update changes a product from a multipart form.
//
// Bynet docs: Products / Update, PUT /api/user/products/{id}.
func (s *ProductsService) Update(ctx context.Context, id string, params *UpdateProductParams) (*Product, *Response, error) {
	path, err := buildPath("/api/user/products/{id}", id)
	if err != nil {
		return nil, nil, err
	}
	if params == nil {
		return nil, nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	return s.sendForm(ctx, &request{method: http.MethodPut, path: path}, params.form())
}

// sendForm checks the product form, then sends it as r's body.
func (s *ProductsService) sendForm(ctx context.Context, r *request, fields productForm) (*Product, *Response, error) {
	if err := fields.validate(); err != nil {
		return nil, nil, err
	}

	body, err := fields.build(ctx)
	if err != nil {
		return nil, nil, err
	}

	product := new(Product)
	resp, err := s.client.doForm(ctx, r, body, product)
	if err != nil {
		return nil, resp, err
	}

	return product, resp, nil
}

// ProductListParams filters Products.FindAll. Every field is optional.
// NOTE: the public reference announces search filters and sorting without
// naming them; Value and Status follow the checkout layouts list of the
// same API. Put other filters in Extra.
type ProductListParams struct {
	ListOptions
	// Value is a free search text.
	Value  string        `url:"value,omitempty"`
	Status ProductStatus `url:"status,omitempty"`
	// Extra holds query parameters that this type does not know. Each value
	// is sent in its fmt %v form and a slice as a repeated parameter. A key
	// of a typed parameter replaces it.
	Extra map[string]any `url:"-"`
}

// FindAll returns one page of products.
//
// Bynet docs: Products / Find All, GET /api/user/products.
func (s *ProductsService) FindAll(ctx context.Context, params *ProductListParams) (*Page[Product], *Response, error) {
	var extra map[string]any
	if params != nil {
		extra = params.Extra
	}

	return getPage[Product](ctx, s.client, "/api/user/products", params, extra)
}

// FindAllIter walks every page of FindAll from params.Page (or the first),
// yielding each product. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *ProductsService) FindAllIter(ctx context.Context, params *ProductListParams) iter.Seq2[Product, error] {
	return walkPages(ctx, params, s.FindAll)
}

// FindByID returns one product.
//
// Bynet docs: Products / Find by ID, GET /api/user/products/{id}.
func (s *ProductsService) FindByID(ctx context.Context, id string) (*Product, *Response, error) {
	path, err := buildPath("/api/user/products/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	product := new(Product)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, product)
	if err != nil {
		return nil, resp, err
	}

	return product, resp, nil
}

// Delete removes a product. The response's data is not documented, so none
// is decoded.
//
// Bynet docs: Products / Delete, DELETE /api/user/products/{id}.
func (s *ProductsService) Delete(ctx context.Context, id string) (*Response, error) {
	path, err := buildPath("/api/user/products/{id}", id)
	if err != nil {
		return nil, err
	}

	return s.client.do(ctx, &request{method: http.MethodDelete, path: path}, nil)
}

// UpdateStatus switches a product's status, such as to ProductInactive, and
// returns the whole product.
//
// Bynet docs: Products / Update Status, PUT /api/user/products/{id}/status.
func (s *ProductsService) UpdateStatus(ctx context.Context, id string, status ProductStatus) (*Product, *Response, error) {
	path, err := buildPath("/api/user/products/{id}/status", id)
	if err != nil {
		return nil, nil, err
	}
	if strings.TrimSpace(string(status)) == "" {
		return nil, nil, invalid("status", "is empty; expected ACTIVE or INACTIVE")
	}

	body := map[string]string{"status": strings.ToUpper(strings.TrimSpace(string(status)))}
	product := new(Product)
	resp, err := s.client.do(ctx, &request{method: http.MethodPut, path: path, body: body}, product)
	if err != nil {
		return nil, resp, err
	}

	return product, resp, nil
}
