package bynettest

import (
	"net/url"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// Transfer fees of the sandbox, in centavos.
const (
	transferFeePix  = 0
	transferFeeBank = 530
)

// transfer is a payout to the registered account, with the fields of both
// the create response and the list rows.
type transfer struct {
	ID             string     `json:"id"`
	Amount         int64      `json:"amount"`
	Type           string     `json:"type"`
	Status         string     `json:"status"`
	Fee            int64      `json:"fee"`
	FixedFee       int64      `json:"fixedFee"`
	ExternalRef    *string    `json:"externalRef"`
	PixKey         *string    `json:"pixKey"`
	Destination    string     `json:"destination"`
	IsSubAccount   bool       `json:"isSubAccount"`
	PaidAt         *timestamp `json:"paidAt"`
	TypePayment    *string    `json:"typePayment"`
	RefundedAmount int64      `json:"refundedAmount"`
	Description    *string    `json:"description"`
	ReceiptURL     *string    `json:"receiptUrl"`
	EndToEndID     *string    `json:"endToEndId"`
	Error          *string    `json:"error"`
	PayeeID        *string    `json:"payeeId"`
	SellerID       string     `json:"sellerId"`
	GatewayID      string     `json:"gatewayId"`
	SubAccountID   *string    `json:"subAccountId"`
	CreatedAt      timestamp  `json:"createdAt"`
	UpdatedAt      timestamp  `json:"updatedAt"`

	created time.Time
	// destinationDocument is the holder's document, for the destination filter.
	destinationDocument string
}

type transferRequest struct {
	Amount      int64   `json:"amount"`
	Method      string  `json:"method"`
	ExternalRef *string `json:"externalRef"`
	Description *string `json:"description"`
}

func (s *Server) transferRoutes(mux mux) {
	mux.handle("POST /api/user/transfers", s.createTransfer)
	mux.handle("GET /api/user/transfers", s.listTransfers)
	mux.handle("GET /api/user/transfers/summary", s.transferSummary)
	mux.handle("GET /api/user/transfers/{id}", s.getTransfer)
	mux.handle("POST /api/user/transfers/{id}", s.updateTransfer)
}

func (s *Server) createTransfer(c *call) (string, any, error) {
	var req transferRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	method := strings.ToUpper(strings.TrimSpace(req.Method))
	fee := map[string]int64{"PIX": transferFeePix, "BANK_TRANSFER": transferFeeBank}
	switch _, known := fee[method]; {
	case req.Amount <= 0:
		return "", nil, badRequest("amount", "O valor (amount) deve ser um inteiro maior que zero, em centavos.")
	case !known:
		return "", nil, badRequest("method", "Método de transferência inválido. Use PIX ou BANK_TRANSFER.")
	}

	st := s.state
	st.mu.Lock()
	t, err := st.newTransfer(&req, method, fee[method])
	if err != nil {
		st.mu.Unlock()
		return "", nil, err
	}
	data := snapshot(map[string]any{"transfer": []*transfer{t}})
	st.mu.Unlock()

	s.settleLater(func() { _ = s.CompletePayout(t.ID) })
	return "Transferência realizada com sucesso.", data, nil
}

// newTransfer books a transfer to the registered account. The caller holds
// the lock.
func (st *state) newTransfer(req *transferRequest, method string, fee int64) (*transfer, error) {
	account, err := st.payoutAccount()
	if err != nil {
		return nil, err
	}

	now := st.now()
	t := &transfer{ID: newID(), Amount: req.Amount, Type: method, Status: "INPROCESS", Fee: fee, FixedFee: fee,
		ExternalRef: req.ExternalRef, Description: req.Description, SellerID: CompanyID, GatewayID: GatewayID,
		CreatedAt: timestamp(now), UpdatedAt: timestamp(now), created: now,
		destinationDocument: account.Document.Number}

	t.Destination = account.Agency + "/" + account.Account
	if method == "PIX" && account.PixKey != nil {
		t.PixKey, t.Destination = account.PixKey, *account.PixKey
	}

	if err := st.withdraw("TRANSFER", t.ID, t.Amount, fee); err != nil {
		return nil, err
	}
	st.transfers = append(st.transfers, t)
	return t, nil
}

func (s *Server) listTransfers(c *call) (string, any, error) {
	q := c.r.URL.Query()
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	var rows []*transfer
	for _, t := range st.transfers {
		if matchPayout(q, t.ID, t.Status, t.destinationDocument) {
			rows = append(rows, t)
		}
	}

	page, err := paginate(rows, q, func(t *transfer) time.Time { return t.created })
	if err != nil {
		return "", nil, err
	}
	return "Transferências encontradas com sucesso", snapshot(page), nil
}

// matchPayout applies the id, status and destination filters of the
// payout lists.
func matchPayout(q url.Values, id, status, destination string) bool {
	statuses := upperSet(q["status"])
	switch {
	case q.Get("id") != "" && q.Get("id") != id:
		return false
	case len(statuses) > 0 && !statuses[status]:
		return false
	case q.Get("destination") != "" && validate.Digits(q.Get("destination")) != destination:
		return false
	}
	return true
}

func (s *Server) getTransfer(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	t, err := st.findTransfer(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}
	return "Transferência encontrada com sucesso.", snapshot(t), nil
}

// updateTransfer changes the description or external reference of a
// transfer.
// NOTE: the API does not document what Transfers / Update changes; the
// sandbox accepts these two fields.
func (s *Server) updateTransfer(c *call) (string, any, error) {
	var req transferRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	t, err := st.findTransfer(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	if req.Description != nil {
		t.Description = req.Description
	}
	if req.ExternalRef != nil {
		t.ExternalRef = req.ExternalRef
	}
	t.UpdatedAt = timestamp(st.now())
	return "Transferência atualizada com sucesso.", snapshot(t), nil
}

func (st *state) findTransfer(id string) (*transfer, error) {
	if t := findRecord(st.transfers, func(t *transfer) bool { return t.ID == id }); t != nil {
		return t, nil
	}
	return nil, notFound("Transferência não encontrada.")
}

// statusTotal is the count and amount of the payouts in one status.
type statusTotal struct {
	Count  int   `json:"count"`
	Amount int64 `json:"amount"`
}

// transferSummary adds up the transfers per status.
// NOTE: the API does not document this endpoint's data; the field names
// are the sandbox's.
func (s *Server) transferSummary(*call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	byStatus := map[string]statusTotal{}
	var total statusTotal
	var fees int64
	for _, t := range st.transfers {
		row := byStatus[t.Status]
		row.Count++
		row.Amount += t.Amount
		byStatus[t.Status] = row
		total.Count++
		total.Amount += t.Amount
		fees += t.Fee
	}

	summary := map[string]any{"count": total.Count, "amount": total.Amount, "fee": fees, "byStatus": byStatus}
	return "Resumo das transferências encontrado com sucesso.", snapshot(summary), nil
}
