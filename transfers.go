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

// TransfersService creates and reads transfers: payouts from the seller's
// balance to the bank account or PIX key registered beforehand on the
// platform. To pay an arbitrary PIX key, use CashoutService.
type TransfersService service

// TransferMethod is the payment rail of a transfer. The request calls it
// "method" and the response "type".
type TransferMethod string

// Transfer methods named by the reference.
const (
	TransferPix          TransferMethod = "PIX"
	TransferBankTransfer TransferMethod = "BANK_TRANSFER"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (m *TransferMethod) UnmarshalJSON(data []byte) error {
	*m = TransferMethod(normalizeEnum(data))
	return nil
}

// TransferStatus is the state of a transfer. Unknown values are kept,
// upper-cased.
type TransferStatus string

// Transfer statuses seen in the reference. A new transfer shows INPROCESS
// while the list filter examples use PROCESSING; which of the two the server
// sends, or whether both occur, is not documented.
const (
	TransferInProcess  TransferStatus = "INPROCESS"
	TransferProcessing TransferStatus = "PROCESSING"
	TransferPaid       TransferStatus = "PAID"
	TransferFailed     TransferStatus = "FAILED"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (s *TransferStatus) UnmarshalJSON(data []byte) error {
	*s = TransferStatus(normalizeEnum(data))
	return nil
}

// Transfer is a payout. Money fields are integer centavos. List rows carry
// fewer fields than a created transfer: Destination and IsSubAccount instead
// of PixKey, EndToEndID and the ids. Absent fields keep their zero values,
// and Raw holds the object as received.
type Transfer struct {
	ID     string         `json:"id"`
	Amount int64          `json:"amount"`
	Type   TransferMethod `json:"type"`
	Status TransferStatus `json:"status"`
	// Fee, FixedFee and VariableFee are the platform's charges; the examples
	// fill some of them on some rows only.
	Fee      int64 `json:"fee"`
	FixedFee int64 `json:"fixedFee"`
	// VariableFee is presumably a percentage (the only example is 5); the
	// reference types it "number" without a unit.
	VariableFee    float64 `json:"variableFee"`
	RefundedAmount int64   `json:"refundedAmount"`
	ExternalRef    string  `json:"externalRef"`
	PixKey         string  `json:"pixKey"`
	Destination    string  `json:"destination"`
	IsSubAccount   bool    `json:"isSubAccount"`
	TypePayment    string  `json:"typePayment"`
	Description    string  `json:"description"`
	ReceiptURL     string  `json:"receiptUrl"`
	EndToEndID     string  `json:"endToEndId"`
	// Error is the failure reason of a failed transfer.
	Error        string    `json:"error"`
	PayeeID      string    `json:"payeeId"`
	SellerID     string    `json:"sellerId"`
	GatewayID    string    `json:"gatewayId"`
	SubAccountID string    `json:"subAccountId"`
	PaidAt       time.Time `json:"paidAt"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
	// Raw is the transfer object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (t *Transfer) UnmarshalJSON(data []byte) error {
	type plain Transfer
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*t = Transfer(decoded)
	t.Raw = rawJSON(data)
	return nil
}

// CreateTransferParams is the body of Transfers.Create. The destination is
// the account registered on the platform; no field chooses it.
type CreateTransferParams struct {
	// Amount is in centavos and must be positive: R$ 5,00 is 500.
	Amount int64 `json:"amount"`
	// Method is PIX or BANK_TRANSFER.
	Method TransferMethod `json:"method"`
	// ExternalRef is your own reference for the transfer, reported in an
	// OutcomeUnknownError. NOTE: the documented body has no such field; the
	// server may ignore it, although transfers carry an externalRef.
	ExternalRef string `json:"externalRef,omitempty"`
	// Extra holds body fields that this type does not know; they replace a
	// typed field of the same name.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes the params with Extra merged in.
func (p CreateTransferParams) MarshalJSON() ([]byte, error) {
	type plain CreateTransferParams
	return marshalWithExtra(plain(p), p.Extra)
}

func (p *CreateTransferParams) validate() (*CreateTransferParams, error) {
	if p == nil {
		return nil, invalid("params", "is nil; expected a pointer to the params struct")
	}

	out := *p
	out.Method = TransferMethod(strings.ToUpper(strings.TrimSpace(string(p.Method))))
	switch {
	case p.Amount <= 0:
		return nil, invalid("amount", "%d is not positive; expected centavos, such as 500 for R$ 5,00", p.Amount)
	case out.Method == "":
		return nil, invalid("method", "is empty; expected PIX or BANK_TRANSFER")
	}

	return &out, nil
}

// createdTransfers is the data of Transfers.Create: {"transfer": [...]}.
// A single object under "transfer", or a bare transfer, also decodes.
type createdTransfers []Transfer

// UnmarshalJSON accepts the shapes listed on createdTransfers.
func (c *createdTransfers) UnmarshalJSON(data []byte) error {
	var wrapper struct {
		Transfer json.RawMessage `json:"transfer"`
	}
	if err := json.Unmarshal(data, &wrapper); err != nil {
		return err
	}

	if isNull(wrapper.Transfer) {
		var one Transfer
		if err := one.UnmarshalJSON(data); err != nil {
			return err
		}
		*c = createdTransfers{one}
		return nil
	}

	if firstByte(wrapper.Transfer) == '{' {
		wrapper.Transfer = append(append(json.RawMessage("["), wrapper.Transfer...), ']')
	}

	var list []Transfer
	if err := jsonx.Unmarshal(wrapper.Transfer, &list); err != nil {
		return err
	}
	*c = list
	return nil
}

// Create starts a payout from the seller's balance to the registered
// account. The server returns a list of transfers, which holds one
// transfer in the reference's example.
//
// Bynet docs: Transfers / Create, POST /api/user/transfers.
//
// Money moves: the request is never sent twice unless the first attempt
// provably did not reach the server, and a failure after it may have
// reached the server wraps ErrOutcomeUnknown. Look the transfer up (see
// FindAll) before trying again.
func (s *TransfersService) Create(ctx context.Context, params *CreateTransferParams) ([]Transfer, *Response, error) {
	body, err := params.validate()
	if err != nil {
		return nil, nil, err
	}

	r := &request{method: http.MethodPost, path: "/api/user/transfers", body: body,
		class: retryUnsafe, externalRef: body.ExternalRef}

	var created createdTransfers
	resp, err := s.client.do(ctx, r, &created)
	if err != nil {
		return nil, resp, err
	}

	return created, resp, nil
}

// UpdateTransferParams is the body of Transfers.Update. The reference does
// not document the body, so every field goes through Extra.
type UpdateTransferParams struct {
	// Extra holds the body fields to send; it must not be empty.
	Extra map[string]any `json:"-"`
}

// MarshalJSON encodes Extra as the JSON object.
func (p UpdateTransferParams) MarshalJSON() ([]byte, error) {
	return withExtra([]byte("{}"), p.Extra)
}

// Update changes a transfer. The reference does not say what may change.
//
// Bynet docs: Transfers / Update, POST /api/user/transfers/{id}.
// The public reference does not publish this path; it follows the
// platform's REST pattern and the menu's POST badge.
//
// Because the reference does not say what this POST does to a payout, the
// SDK treats it as unsafe to repeat, like a create. It is resent only when
// the first attempt provably did not reach the server, and a failure after
// that wraps ErrOutcomeUnknown. Fetch the transfer with FindByID before
// trying again.
func (s *TransfersService) Update(ctx context.Context, id string, params *UpdateTransferParams) (*Transfer, *Response, error) {
	path, err := transferPath("/api/user/transfers/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	if params == nil || len(params.Extra) == 0 {
		return nil, nil, invalid("params.Extra", "is empty; the update body is not documented, so put the fields to change in Extra")
	}

	transfer := new(Transfer)
	r := &request{method: http.MethodPost, path: path, body: params, class: retryUnsafe}
	resp, err := s.client.do(ctx, r, transfer)
	if err != nil {
		return nil, resp, err
	}

	return transfer, resp, nil
}

// transferPath builds a path for one transfer, rejecting "summary", which
// shares the {id} position and would reach another endpoint.
func transferPath(template, id string) (string, error) {
	if strings.EqualFold(id, "summary") {
		return "", invalid("id", "%q is a reserved path segment, not a transfer id; expected the id that Create returned", id)
	}
	return buildPath(template, id)
}

// TransferListParams filters Transfers.FindAll. Every field is optional.
type TransferListParams struct {
	ListOptions
	// ID narrows the list to one transfer.
	ID string `url:"id,omitempty"`
	// Status keeps transfers in these statuses, sent as a repeated
	// parameter: status=PROCESSING&status=PAID.
	Status []TransferStatus `url:"status,omitempty"`
	// Destination is the recipient's document, formatted as the reference
	// shows it, such as "00.000.000/0000-00".
	Destination string `url:"destination,omitempty"`
}

// FindAll returns one page of transfers.
//
// Bynet docs: Transfers / Find all, GET /api/user/transfers.
func (s *TransfersService) FindAll(ctx context.Context, params *TransferListParams) (*Page[Transfer], *Response, error) {
	return getPage[Transfer](ctx, s.client, "/api/user/transfers", params, nil)
}

// FindAllIter walks every page of FindAll from params.Page (or the first),
// yielding each transfer. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *TransfersService) FindAllIter(ctx context.Context, params *TransferListParams) iter.Seq2[Transfer, error] {
	return walkPages(ctx, params, s.FindAll)
}

// FindByID returns one transfer.
//
// Bynet docs: Transfers / Find by ID, GET /api/user/transfers/{id}.
func (s *TransfersService) FindByID(ctx context.Context, id string) (*Transfer, *Response, error) {
	path, err := transferPath("/api/user/transfers/{id}", id)
	if err != nil {
		return nil, nil, err
	}

	transfer := new(Transfer)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: path}, transfer)
	if err != nil {
		return nil, resp, err
	}

	return transfer, resp, nil
}

// TransferSummary holds the overall figures of the seller's transfers. The
// reference documents none of its fields, so Raw holds the object as
// received; decode it with encoding/json into your own type.
type TransferSummary struct {
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the object in Raw.
func (t *TransferSummary) UnmarshalJSON(data []byte) error {
	t.Raw = rawJSON(data)
	return nil
}

// Summary returns the overall figures of the seller's transfers, such as
// totals per status. With no parameters it is also a cheap way to check
// that an API key works.
//
// Bynet docs: Transfers / summary, GET /api/user/transfers/summary.
func (s *TransfersService) Summary(ctx context.Context) (*TransferSummary, *Response, error) {
	summary := new(TransferSummary)
	resp, err := s.client.do(ctx, &request{method: http.MethodGet, path: "/api/user/transfers/summary"}, summary)
	if err != nil {
		return nil, resp, err
	}

	return summary, resp, nil
}
