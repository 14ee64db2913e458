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

// WebhooksService manages the webhooks registered on the account.
type WebhooksService service

// WebhookType is the kind of event a webhook receives. Unknown values are
// kept, upper-cased.
type WebhookType string

// WebhookTransaction receives transaction status changes. It is the only
// type the reference shows.
const WebhookTransaction WebhookType = "TRANSACTION"

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (t *WebhookType) UnmarshalJSON(data []byte) error {
	*t = WebhookType(normalizeEnum(data))
	return nil
}

// Webhook is a registered destination for postbacks. Raw holds the object
// as received.
type Webhook struct {
	ID        string      `json:"id"`
	GatewayID string      `json:"gatewayId"`
	SellerID  string      `json:"sellerId"`
	URL       string      `json:"url"`
	Type      WebhookType `json:"type"`
	CreatedAt time.Time   `json:"createdAt"`
	UpdatedAt time.Time   `json:"updatedAt"`
	// Raw is the webhook object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (w *Webhook) UnmarshalJSON(data []byte) error {
	type plain Webhook
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*w = Webhook(decoded)
	w.Raw = rawJSON(data)
	return nil
}

// WebhookParams is the body of Webhooks.Create and Webhooks.Update. The
// reference does not show the body; the names are those of the webhook
// object. Create needs both fields; Update sends the ones that are set.
type WebhookParams struct {
	// URL receives the postbacks: an absolute https URL (http only for
	// loopback hosts, for tests).
	URL string `json:"url,omitempty"`
	// Type is the kind of event, such as WebhookTransaction.
	Type WebhookType `json:"type,omitempty"`
	// Extra holds body fields that this type does not know; they replace a
	// typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p WebhookParams) MarshalJSON() ([]byte, error) {
	type plain WebhookParams
	return marshalWithExtra(plain(p), p.Extra)
}

// validate checks the params; with partial, empty fields are allowed as
// long as something is set.
func (p *WebhookParams) validate(partial bool) (*WebhookParams, error) {
	if p == nil {
		return nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	out := *p
	out.Type = WebhookType(strings.ToUpper(strings.TrimSpace(string(p.Type))))
	switch {
	case partial && p.URL == "" && out.Type == "" && len(p.Extra) == 0:
		return nil, invalid("params", "sets nothing; expected url, type or Extra fields")
	case !partial && out.Type == "":
		return nil, invalid("type", "is empty; expected an event type such as TRANSACTION")
	case !partial && p.URL == "":
		return nil, invalid("url", "is empty; expected the https URL that receives postbacks")
	}

	if p.URL != "" {
		if err := validate.CallbackURL(p.URL); err != nil {
			return nil, invalid("url", "%s (got %q)", err, p.URL)
		}
	}

	return &out, nil
}

// Create registers a webhook.
//
// Bynet docs: Webhook / Create, POST /api/user/webhook.
//
// Creating twice would register two webhooks and double the postbacks. So
// the request is resent only when the first attempt provably did not reach
// the server, and a failure after that wraps ErrOutcomeUnknown. List the
// webhooks before trying again.
func (s *WebhooksService) Create(ctx context.Context, params *WebhookParams) (*Webhook, *Response, error) {
	body, err := params.validate(false)
	if err != nil {
		return nil, nil, err
	}

	webhook := new(Webhook)
	r := &request{method: http.MethodPost, path: "/api/user/webhook", body: body, class: retryUnsafe}
	resp, err := s.client.do(ctx, r, webhook)
	if err != nil {
		return nil, resp, err
	}

	return webhook, resp, nil
}

// WebhookListParams pages Webhooks.FindAll. The reference documents no
// query parameter; the pagination names are those of Transfers / Find all.
type WebhookListParams struct {
	ListOptions
	// Extra holds query parameters that this type does not know; each value
	// is sent in its fmt %v form, a slice as a repeated parameter.
	Extra map[string]any `url:"-"`
}

// FindAll returns the registered webhooks, as one page. A server that
// responds with a bare array yields a single page holding every webhook.
//
// Bynet docs: Webhook / Find all, GET /api/user/webhook.
// The public reference does not publish this path; it is Create's path
// read with GET.
func (s *WebhooksService) FindAll(ctx context.Context, params *WebhookListParams) (*Page[Webhook], *Response, error) {
	var extra map[string]any
	if params != nil {
		extra = params.Extra
	}

	return getPage[Webhook](ctx, s.client, "/api/user/webhook", params, extra)
}

// FindAllIter walks every page of FindAll from params.Page (or the first),
// yielding each webhook. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *WebhooksService) FindAllIter(ctx context.Context, params *WebhookListParams) iter.Seq2[Webhook, error] {
	return walkPages(ctx, params, s.FindAll)
}

// FindByID returns one webhook.
//
// Bynet docs: Webhook / Find by ID, GET /api/user/webhook/{id}.
func (s *WebhooksService) FindByID(ctx context.Context, id string) (*Webhook, *Response, error) {
	path, err := buildPath("/api/user/webhook/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	webhook := new(Webhook)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, webhook)
	if err != nil {
		return nil, resp, err
	}

	return webhook, resp, nil
}

// Update changes a webhook's URL or type, sending only the fields that are
// set. The reference does not say whether the server treats the body as a
// partial change or a replacement. A confirmation with null data yields a
// zero Webhook.
//
// Bynet docs: Webhook / Update, PUT /api/user/webhook/{id}.
func (s *WebhooksService) Update(ctx context.Context, id string, params *WebhookParams) (*Webhook, *Response, error) {
	path, err := buildPath("/api/user/webhook/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	body, err := params.validate(true)
	if err != nil {
		return nil, nil, err
	}

	webhook := new(Webhook)
	resp, err := s.client.do(ctx, &request{method: http.MethodPut, path: path, body: body}, webhook)
	if err != nil {
		return nil, resp, err
	}

	return webhook, resp, nil
}

// Delete removes a webhook. The response carries no data.
//
// Bynet docs: Webhook / Delete, DELETE /api/user/webhook/{id}.
// The public reference does not publish this path; it follows the Find by
// ID and Update paths.
func (s *WebhooksService) Delete(ctx context.Context, id string) (*Response, error) {
	path, err := buildPath("/api/user/webhook/{id}", id)
	if err != nil {
		return nil, err
	}

	return s.client.do(ctx, &request{method: http.MethodDelete, path: path}, nil)
}
