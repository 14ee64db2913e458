package bynet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/jsonx"
)

// PostbackKind is the kind of object a postback reports on. Known kinds are
// the constants below, matched case-insensitively; an unknown kind is kept
// as the body gives it.
type PostbackKind string

// Postback kinds. The reference shows only "transaction"; refunds, transfers
// and cashouts are named as postback triggers without a documented body.
const (
	PostbackTransaction PostbackKind = "transaction"
	PostbackRefund      PostbackKind = "refund"
	PostbackTransfer    PostbackKind = "transfer"
	PostbackCashout     PostbackKind = "cashout"
)

// Postback is a status notification that the platform POSTs to a
// postbackUrl or a registered webhook. It decodes both shapes seen in
// practice: the documented one, with objectId at the root and the object
// under data (status often lower-case), and the flat one, where the body is
// the object itself with id and status at the root.
//
// Anyone who has the URL can send a postback, because the platform signs
// nothing. Act on one only after VerifyPostback, or through a
// PostbackHandler that verifies.
type Postback struct {
	// ObjectID is the id of the object whose status changed: objectId when
	// the body has one, else the object's id.
	ObjectID string
	// EventID is the root id of a wrapped body, which some hosts use as a
	// delivery id. It is empty for the flat shape.
	EventID string
	// Kind is the type field of the body (at the root, else in data). A body
	// without one is taken as a transaction, the only documented kind.
	Kind PostbackKind
	// Status is the object's status, upper-cased. Transfers and cashouts use
	// their own values (such as FAILED or PENDING) in the same type.
	Status TransactionStatus
	// Amount is the object's amount in centavos, or 0 when the body has none.
	Amount int64
	// RefundedAmount is the refunded part of a charge, in centavos.
	RefundedAmount int64
	// PaidAt is when the object was paid; zero when absent or unreadable.
	PaidAt time.Time
	// EndToEndID is the PIX end-to-end id, from endToEndId or pix.endToEndId.
	EndToEndID string
	// TransactionID is the charge the postback concerns: transactionId of a
	// refund body, else ObjectID for a transaction. Empty for payouts.
	TransactionID string
	// Refunds lists the charge's refunds when the body carries them.
	Refunds []Refund
	// Transaction is the object decoded as a charge when Kind is
	// transaction. Its ID is ObjectID when the body leaves it out. On the
	// server's version of a refund postback it is the refunded charge.
	// Otherwise it is nil.
	Transaction *Transaction
	// Object is the JSON object the postback describes: data in the
	// documented shape, the whole body in the flat one. On a postback that
	// VerifyPostback returns, it is the object as the API sent it.
	Object json.RawMessage
	// Raw is the request body exactly as received.
	Raw json.RawMessage
	// Verified is true on the server's version that VerifyPostback returns.
	Verified bool
}

// LogValue logs the postback's kind, object id, status, amount and
// Verified flag, and leaves out the body, which contains the buyer's
// personal data.
func (p *Postback) LogValue() slog.Value {
	if p == nil {
		return slog.StringValue("<nil>")
	}

	return slog.GroupValue(
		slog.String("kind", string(p.Kind)),
		slog.String("object_id", p.ObjectID),
		slog.String("status", string(p.Status)),
		slog.Int64("amount", p.Amount),
		slog.Bool("verified", p.Verified))
}

// Errors that a rejected postback request matches with errors.Is. Each comes
// wrapped in a *PostbackError that carries the HTTP status to respond with.
var (
	// ErrPostbackMethod matches a request whose method is not POST.
	ErrPostbackMethod = errors.New("bynet: postback method not allowed")
	// ErrPostbackContentType matches a body that is not application/json.
	ErrPostbackContentType = errors.New("bynet: postback content type not supported")
	// ErrPostbackTooLarge matches a body over the size limit.
	ErrPostbackTooLarge = errors.New("bynet: postback body too large")
	// ErrPostbackMalformed matches a body that is not a readable JSON object.
	ErrPostbackMalformed = errors.New("bynet: malformed postback body")
	// ErrPostbackMissingID matches a body with no objectId and no object id.
	ErrPostbackMissingID = errors.New("bynet: postback has no object id")
	// ErrPostbackSecret matches a request whose URL lacks the shared secret
	// or carries a wrong one.
	ErrPostbackSecret = errors.New("bynet: postback secret missing or wrong")
)

// PostbackError is a postback request rejected before its content could be
// trusted. It unwraps to one of the ErrPostback sentinels.
type PostbackError struct {
	// Err is the sentinel naming the rejection, such as ErrPostbackTooLarge.
	Err error
	// StatusCode is the HTTP status a receiver should respond with: 405,
	// 415, 413, 400, 401 or 403.
	StatusCode int
	// Detail describes the problem. It never contains the secret, and it
	// quotes at most one value of the body.
	Detail string
}

// Error returns the sentinel's text and the detail.
func (e *PostbackError) Error() string {
	return e.Err.Error() + ": " + e.Detail
}

// Unwrap returns the sentinel.
func (e *PostbackError) Unwrap() error {
	return e.Err
}

func rejectPostback(sentinel error, status int, format string, args ...any) *PostbackError {
	return &PostbackError{Err: sentinel, StatusCode: status, Detail: fmt.Sprintf(format, args...)}
}

// ErrPostbackMismatch is matched by the error of VerifyPostback when the API
// does not confirm the postback: the object does not exist, or its status or
// amount differ from the postback's.
var ErrPostbackMismatch = errors.New("bynet: postback does not match the API")

// PostbackMismatchError reports which part of a postback the API contradicts.
// It matches ErrPostbackMismatch, and ErrNotFound when the object is unknown.
type PostbackMismatchError struct {
	Kind     PostbackKind
	ObjectID string
	// Field is "id" (the object is unknown), "status" or "amount".
	Field string
	// Sent is the postback's value and Server the API's; both are empty for
	// an unknown object.
	Sent   string
	Server string
	// Err is the API error behind an unknown object, or nil.
	Err error
}

// Error names the object and the field that differs.
func (e *PostbackMismatchError) Error() string {
	if e.Field == "id" {
		msg := fmt.Sprintf("bynet: postback for unknown %s %q", e.Kind, e.ObjectID)
		if e.Err != nil {
			msg += ": " + e.Err.Error()
		}
		return msg
	}

	return fmt.Sprintf("bynet: postback for %s %q says %s %s, the API says %s",
		e.Kind, e.ObjectID, e.Field, e.Sent, e.Server)
}

// Unwrap returns ErrPostbackMismatch and the API error, if any.
func (e *PostbackMismatchError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrPostbackMismatch}
	}
	return []error{ErrPostbackMismatch, e.Err}
}

// postbackRoot holds the root keys that tell the two shapes apart. The
// values stay raw because their types vary between hosts.
type postbackRoot struct {
	ID       json.RawMessage `json:"id"`
	ObjectID json.RawMessage `json:"objectId"`
	Type     json.RawMessage `json:"type"`
	Data     json.RawMessage `json:"data"`
}

// postbackObject is the part of the described object that every kind shares.
type postbackObject struct {
	ID             string            `json:"id"`
	Type           string            `json:"type"`
	Status         TransactionStatus `json:"status"`
	Amount         int64             `json:"amount"`
	RefundedAmount int64             `json:"refundedAmount"`
	PaidAt         time.Time         `json:"paidAt"`
	EndToEndID     string            `json:"endToEndId"`
	TransactionID  string            `json:"transactionId"`
	Refunds        []Refund          `json:"refunds"`
	Pix            *PixInfo          `json:"pix"`
}

// ParsePostbackBytes decodes a postback body of either shape. It checks
// neither method nor content type, and it trusts the bytes it is given; use
// ParsePostback or a PostbackHandler on an HTTP request. Errors match
// ErrPostbackMalformed or ErrPostbackMissingID.
func ParsePostbackBytes(body []byte) (*Postback, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, rejectPostback(ErrPostbackMalformed, http.StatusBadRequest, "the body is empty")
	}

	if trimmed[0] != '{' {
		return nil, rejectPostback(ErrPostbackMalformed, http.StatusBadRequest, "the body is not a JSON object")
	}

	var root postbackRoot
	if err := json.Unmarshal(trimmed, &root); err != nil {
		return nil, rejectPostback(ErrPostbackMalformed, http.StatusBadRequest, "invalid JSON: %v", err)
	}

	object, wrapped := postbackData(root.Data)
	if !wrapped {
		object = trimmed
	}

	p, err := decodePostbackObject(object, root, wrapped, "")
	if err != nil {
		return nil, err
	}

	p.Raw = rawJSON(body)
	return p, nil
}

// postbackData returns the object under data, which a few hosts send as a
// string that contains the JSON. It reports false when data is not an object.
func postbackData(data json.RawMessage) (json.RawMessage, bool) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return trimmed, true
	}

	var text string
	if json.Unmarshal(trimmed, &text) != nil {
		return nil, false
	}

	inner := bytes.TrimSpace([]byte(text))
	if len(inner) == 0 || inner[0] != '{' || !json.Valid(inner) {
		return nil, false
	}
	return inner, true
}

// decodePostbackObject builds a postback from the object it describes. An
// empty kind is read from the body.
func decodePostbackObject(object json.RawMessage, root postbackRoot, wrapped bool, kind PostbackKind) (*Postback, error) {
	var fields postbackObject
	if err := jsonx.Unmarshal(object, &fields); err != nil {
		return nil, rejectPostback(ErrPostbackMalformed, http.StatusBadRequest, "cannot decode the object: %v", err)
	}

	if kind == "" {
		kind = postbackKind(root, fields, wrapped)
	}

	p := &Postback{
		ObjectID:       firstNonEmpty(rawText(root.ObjectID), strings.TrimSpace(fields.ID)),
		Kind:           kind,
		Status:         fields.Status,
		Amount:         fields.Amount,
		RefundedAmount: fields.RefundedAmount,
		PaidAt:         fields.PaidAt,
		EndToEndID:     fields.EndToEndID,
		TransactionID:  strings.TrimSpace(fields.TransactionID),
		Refunds:        fields.Refunds,
		Object:         rawJSON(object),
	}

	if kind == PostbackTransfer || kind == PostbackCashout {
		// Some hosts name a cashout's own id transactionId.
		p.ObjectID = firstNonEmpty(p.ObjectID, p.TransactionID)
		p.TransactionID = ""
	}

	if wrapped {
		p.EventID = rawText(root.ID)
		if p.EventID == p.ObjectID {
			p.EventID = ""
		}
	}

	if p.ObjectID == "" {
		return nil, rejectPostback(ErrPostbackMissingID, http.StatusBadRequest,
			"expected objectId at the root, or id in the object")
	}

	if p.EndToEndID == "" && fields.Pix != nil {
		p.EndToEndID = fields.Pix.EndToEndID
	}

	if err := attachTransaction(p, object); err != nil {
		return nil, err
	}
	return p, nil
}

// attachTransaction decodes the object of a transaction postback as a charge.
func attachTransaction(p *Postback, object json.RawMessage) error {
	if p.Kind != PostbackTransaction {
		return nil
	}

	tx := new(Transaction)
	if err := json.Unmarshal(object, tx); err != nil {
		return rejectPostback(ErrPostbackMalformed, http.StatusBadRequest, "cannot decode the transaction: %v", err)
	}

	if tx.ID == "" {
		tx.ID = p.ObjectID
	}
	if p.TransactionID == "" {
		p.TransactionID = p.ObjectID
	}

	p.Transaction = tx
	return nil
}

// postbackKind reads the type field: the root's in the wrapped shape (as
// look-alike gateways send it), else the object's (as the documented example
// has it).
func postbackKind(root postbackRoot, fields postbackObject, wrapped bool) PostbackKind {
	typeField := strings.TrimSpace(fields.Type)
	if wrapped {
		typeField = firstNonEmpty(rawText(root.Type), typeField)
	}

	switch strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(typeField)) {
	case "":
		return PostbackTransaction
	case "transaction":
		return PostbackTransaction
	case "refund":
		return PostbackRefund
	case "transfer":
		return PostbackTransfer
	case "cashout", "withdrawal":
		return PostbackCashout
	case "pix", "banktransfer":
		// NOTE: a flat transfer object has type PIX or BANK_TRANSFER (its
		// method). No transfer postback body is published, so this is inferred.
		if !wrapped {
			return PostbackTransfer
		}
	}

	return PostbackKind(typeField)
}

// rawText returns a JSON string or number as text, and "" for anything else.
func rawText(raw json.RawMessage) string {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return strings.TrimSpace(text)
	}

	var number json.Number
	if json.Unmarshal(raw, &number) == nil {
		return number.String()
	}
	return ""
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// VerifyPostback fetches the object that p reports on and returns the
// server's version of it as a Postback with Verified set. It keeps p's
// EventID and Raw. It fails with a *PostbackMismatchError (matching
// ErrPostbackMismatch) when the object does not exist or when p's status or
// amount differ from the server's. A status or amount that p leaves out is
// not compared. Other API and network errors are returned as they are, so a
// receiver can respond with 5xx and have the postback sent again.
//
// A postback that was genuine but is stale also fails, for example a PAID
// postback read after the charge was refunded. The error's Server field and
// the later postback carry the current status.
//
// Transactions are read with Transactions.FindByID. Refunds are checked on
// their charge (TransactionID, else ObjectID). Transfers and cashouts are
// read with Transfers.FindByID and Cashout.FindByID.
func (s *WebhooksService) VerifyPostback(ctx context.Context, p *Postback) (*Postback, *Response, error) {
	if p == nil {
		return nil, nil, invalid("postback", "is nil; expected the *Postback that ParsePostback returned")
	}

	var (
		server *Postback
		resp   *Response
		err    error
	)
	switch p.Kind {
	case PostbackTransaction:
		server, resp, err = s.fetchTransactionPostback(ctx, p.ObjectID, p.Kind)
	case PostbackRefund:
		server, resp, err = s.fetchRefundPostback(ctx, p)
	case PostbackTransfer:
		server, resp, err = s.fetchTransferPostback(ctx, p.ObjectID)
	case PostbackCashout:
		server, resp, err = s.fetchCashoutPostback(ctx, p.ObjectID)
	default:
		return nil, nil, invalid("kind", "%q cannot be verified; expected transaction, refund, transfer or cashout", p.Kind)
	}

	if err != nil {
		return nil, resp, notFoundAsMismatch(p, err)
	}

	server.EventID, server.Raw, server.Verified = p.EventID, p.Raw, true
	return server, resp, comparePostback(p, server)
}

// notFoundAsMismatch turns a 404 on the object into a mismatch on its id.
func notFoundAsMismatch(p *Postback, err error) error {
	if !errors.Is(err, ErrNotFound) {
		return err
	}
	return &PostbackMismatchError{Kind: p.Kind, ObjectID: p.ObjectID, Field: "id", Err: err}
}

func (s *WebhooksService) fetchTransactionPostback(ctx context.Context, id string, kind PostbackKind) (*Postback, *Response, error) {
	tx, resp, err := s.client.Transactions.FindByID(ctx, id)
	if err != nil {
		return nil, resp, err
	}

	return postbackFromTransaction(tx, kind), resp, nil
}

func postbackFromTransaction(tx *Transaction, kind PostbackKind) *Postback {
	p := &Postback{
		ObjectID:       tx.ID,
		Kind:           kind,
		Status:         tx.Status,
		Amount:         tx.Amount,
		RefundedAmount: tx.RefundedAmount,
		PaidAt:         tx.PaidAt,
		EndToEndID:     tx.EndToEndID,
		TransactionID:  tx.ID,
		Refunds:        tx.Refunds,
		Transaction:    tx,
		Object:         tx.Raw,
	}

	if p.EndToEndID == "" && tx.Pix != nil {
		p.EndToEndID = tx.Pix.EndToEndID
	}
	return p
}

// fetchRefundPostback reads the charge a refund belongs to. When the
// postback names the refund by its own id, the server's version is that
// refund; otherwise it is the charge.
//
// NOTE: no refund postback body is published. This assumes objectId is
// either the charge's id or the refund's id with transactionId naming the
// charge.
func (s *WebhooksService) fetchRefundPostback(ctx context.Context, p *Postback) (*Postback, *Response, error) {
	chargeID := firstNonEmpty(p.TransactionID, p.ObjectID)
	server, resp, err := s.fetchTransactionPostback(ctx, chargeID, PostbackRefund)
	if err != nil || p.ObjectID == chargeID {
		return server, resp, err
	}

	for _, refund := range server.Refunds {
		if refund.ID == p.ObjectID {
			server.ObjectID = refund.ID
			server.Status = TransactionStatus(strings.ToUpper(strings.TrimSpace(refund.Status)))
			server.Amount = refund.Amount
			return server, resp, nil
		}
	}

	return nil, resp, &PostbackMismatchError{Kind: p.Kind, ObjectID: p.ObjectID, Field: "id",
		Err: fmt.Errorf("charge %q has no refund with this id", chargeID)}
}

func (s *WebhooksService) fetchTransferPostback(ctx context.Context, id string) (*Postback, *Response, error) {
	transfer, resp, err := s.client.Transfers.FindByID(ctx, id)
	if err != nil {
		return nil, resp, err
	}

	return &Postback{
		ObjectID:       firstNonEmpty(transfer.ID, id),
		Kind:           PostbackTransfer,
		Status:         TransactionStatus(transfer.Status),
		Amount:         transfer.Amount,
		RefundedAmount: transfer.RefundedAmount,
		PaidAt:         transfer.PaidAt,
		EndToEndID:     transfer.EndToEndID,
		Object:         transfer.Raw,
	}, resp, nil
}

func (s *WebhooksService) fetchCashoutPostback(ctx context.Context, id string) (*Postback, *Response, error) {
	cashout, resp, err := s.client.Cashout.FindByID(ctx, id)
	if err != nil {
		return nil, resp, err
	}

	return &Postback{
		ObjectID:   firstNonEmpty(cashout.ID, id),
		Kind:       PostbackCashout,
		Status:     TransactionStatus(cashout.Status),
		Amount:     cashout.Amount,
		EndToEndID: cashout.EndToEndID,
		Object:     cashout.Raw,
	}, resp, nil
}

// comparePostback checks the status and amount that sent carries against
// the server's version.
func comparePostback(sent, server *Postback) error {
	mismatch := func(field, sentValue, serverValue string) error {
		return &PostbackMismatchError{Kind: sent.Kind, ObjectID: sent.ObjectID, Field: field,
			Sent: sentValue, Server: serverValue}
	}

	if sent.Status != "" && sent.Status != server.Status {
		return mismatch("status", string(sent.Status), string(server.Status))
	}

	if sent.Amount != 0 && sent.Amount != server.Amount && !refundAmountMatches(sent, server) {
		return mismatch("amount", fmt.Sprint(sent.Amount), fmt.Sprint(server.Amount))
	}

	return nil
}

// refundAmountMatches accepts a refund postback about a whole charge whose
// amount is the refunded amount rather than the charge's amount.
func refundAmountMatches(sent, server *Postback) bool {
	return sent.Kind == PostbackRefund && server.ObjectID == server.TransactionID &&
		sent.Amount == server.RefundedAmount
}
