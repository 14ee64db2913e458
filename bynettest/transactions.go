package bynettest

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// transaction is a charge as the API returns it. Pointer fields are the
// ones the API sends as null while unset.
type transaction struct {
	ID             string          `json:"id"`
	Amount         int64           `json:"amount"`
	RefundedAmount int64           `json:"refundedAmount"`
	CompanyID      string          `json:"companyId"`
	Installments   *int            `json:"installments"`
	PaymentMethod  string          `json:"paymentMethod"`
	Status         string          `json:"status"`
	PostbackURL    *string         `json:"postbackUrl"`
	Metadata       *string         `json:"metadata"`
	Traceable      bool            `json:"traceable"`
	SecureID       string          `json:"secureId"`
	SecureURL      string          `json:"secureUrl"`
	CreatedAt      timestamp       `json:"createdAt"`
	UpdatedAt      timestamp       `json:"updatedAt"`
	PaidAt         *timestamp      `json:"paidAt"`
	IP             *string         `json:"ip"`
	ExternalRef    *string         `json:"externalRef"`
	EndToEndID     *string         `json:"endToEndId"`
	ExternalNSU    *string         `json:"externalNsu"`
	ReleaseDate    *string         `json:"releaseDate"`
	RefusedReason  *refusal        `json:"refusedReason"`
	Customer       *customer       `json:"customer"`
	Items          []item          `json:"items"`
	Shipping       json.RawMessage `json:"shipping"`
	Pix            *pixInfo        `json:"pix"`
	Boleto         *boletoInfo     `json:"boleto"`
	Card           *cardInfo       `json:"card"`
	Refunds        []refund        `json:"refunds"`
	Delivery       *delivery       `json:"delivery"`
	Fee            fee             `json:"fee"`
	Payload        json.RawMessage `json:"payload"`

	// created is CreatedAt as a time, for filters and sorting.
	created time.Time
}

type item struct {
	Title       string  `json:"title"`
	UnitPrice   int64   `json:"unitPrice"`
	Quantity    int     `json:"quantity"`
	Tangible    bool    `json:"tangible"`
	ExternalRef *string `json:"externalRef"`
}

type pixInfo struct {
	QRCode         string    `json:"qrcode"`
	URL            string    `json:"url"`
	ExpirationDate timestamp `json:"expirationDate"`
	EndToEndID     *string   `json:"endToEndId"`
}

type boletoInfo struct {
	URL            string  `json:"url"`
	Barcode        string  `json:"barcode"`
	DigitableLine  string  `json:"digitableLine"`
	Instructions   string  `json:"instructions"`
	ExpirationDate *string `json:"expirationDate"`
}

type cardInfo struct {
	ID              string    `json:"id"`
	Brand           string    `json:"brand"`
	HolderName      string    `json:"holderName"`
	LastDigits      string    `json:"lastDigits"`
	ExpirationMonth int       `json:"expirationMonth"`
	ExpirationYear  int       `json:"expirationYear"`
	Reusable        bool      `json:"reusable"`
	CreatedAt       timestamp `json:"createdAt"`
}

type refund struct {
	ID        string    `json:"id"`
	Amount    int64     `json:"amount"`
	Status    string    `json:"status"`
	Reason    string    `json:"reason"`
	CreatedAt timestamp `json:"createdAt"`
}

type delivery struct {
	Status       string  `json:"status"`
	TrackingCode *string `json:"trackingCode"`
}

type fee struct {
	FixedAmount      int64   `json:"fixedAmount"`
	SpreadPercentage float64 `json:"spreadPercentage"`
	EstimatedFee     int64   `json:"estimatedFee"`
	NetAmount        int64   `json:"netAmount"`
}

// feeFor is the sandbox's fee table: PIX R$ 1,00 + 0.99%, boleto R$ 3,00,
// card R$ 1,00 + 4.99%. The real rates depend on the account's contract.
func feeFor(method string, amount int64) fee {
	var fixed, basisPoints int64
	switch method {
	case "PIX":
		fixed, basisPoints = 100, 99
	case "BOLETO":
		fixed = 300
	default:
		fixed, basisPoints = 100, 499
	}

	total := min(fixed+amount*basisPoints/10000, amount)
	return fee{FixedAmount: fixed, SpreadPercentage: float64(basisPoints) / 100,
		EstimatedFee: total, NetAmount: amount - total}
}

func (s *Server) transactionRoutes(mux mux) {
	mux.handle("GET /api/user/transactions", s.listTransactions)
	mux.handle("POST /api/user/transactions", s.createTransaction)
	mux.handle("GET /api/user/transactions/{id}", s.getTransaction)
	mux.handle("GET /api/user/transactions/{id}/summary", s.transactionSummary)
}

func (s *Server) createTransaction(c *call) (string, any, error) {
	var req createTransactionRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	if err := req.validate(); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	tx, err := st.newTransaction(&req, c.body, clientIP(c))
	if err != nil {
		st.mu.Unlock()
		return "", nil, err
	}

	data := snapshot(tx)
	settled := tx.Status != "WAITING_PAYMENT"
	event := st.transactionPostback(tx)
	st.mu.Unlock()

	if settled {
		s.post.send(event)
	} else {
		s.settleLater(func() { _ = s.Pay(tx.ID) })
	}
	return "Transação criada com sucesso.", data, nil
}

func clientIP(c *call) string {
	host, _, _ := strings.Cut(c.r.RemoteAddr, ":")
	if strings.Count(c.r.RemoteAddr, ":") > 1 {
		return "::1"
	}
	return "::ffff:" + host
}

func (s *Server) getTransaction(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	tx, err := st.findTransaction(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}
	return "Transação encontrada com sucesso.", snapshot(tx), nil
}

func (s *Server) transactionSummary(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	tx, err := st.findTransaction(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	summary := map[string]any{
		"id": tx.ID, "status": tx.Status, "amount": tx.Amount, "refundedAmount": tx.RefundedAmount,
		"paymentMethod": tx.PaymentMethod, "paidAt": tx.PaidAt, "netAmount": tx.Fee.NetAmount,
	}
	return "Resumo da transação encontrado com sucesso.", snapshot(summary), nil
}

func (s *Server) listTransactions(c *call) (string, any, error) {
	q := c.r.URL.Query()
	filter, err := newTransactionFilter(q)
	if err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	var rows []*transaction
	for _, tx := range st.transactions {
		if filter.match(tx) {
			rows = append(rows, tx)
		}
	}

	page, err := paginate(rows, q, func(tx *transaction) time.Time { return tx.created })
	if err != nil {
		return "", nil, err
	}
	return "Transações encontradas com sucesso.", snapshot(page), nil
}

// findTransaction returns the charge with the id or a 404 error. The
// caller holds the lock.
func (st *state) findTransaction(id string) (*transaction, error) {
	if tx := st.transaction(id); tx != nil {
		return tx, nil
	}
	return nil, notFound("Transação não encontrada.")
}

// transaction returns the charge with the id, or nil. The caller holds the lock.
func (st *state) transaction(id string) *transaction {
	return findRecord(st.transactions, func(tx *transaction) bool { return tx.ID == id })
}

// transactionFilter holds the query filters of Transactions / Find All.
type transactionFilter struct {
	id, name, email, document, phone, externalRef string
	methods, statuses                             map[string]bool
	traceable                                     *bool
	from, to                                      time.Time
}

func newTransactionFilter(q url.Values) (*transactionFilter, error) {
	f := &transactionFilter{
		id: q.Get("id"), name: strings.ToLower(q.Get("name")), email: strings.ToLower(q.Get("email")),
		document: validate.Digits(q.Get("documentNumber")), phone: validate.Digits(q.Get("phone")),
		externalRef: q.Get("externalRef"),
		methods:     upperSet(q["paymentMethods"]), statuses: upperSet(q["status"]),
	}

	if raw := q.Get("traceable"); raw != "" {
		v, err := strconv.ParseBool(raw)
		if err != nil {
			return nil, badRequest("traceable", "Parâmetro traceable inválido: use true ou false.")
		}
		f.traceable = &v
	}

	var err error
	if f.from, f.to, err = dateRange(q); err != nil {
		return nil, err
	}
	return f, nil
}

// upperSet splits comma-separated and repeated values into an upper-case set.
func upperSet(values []string) map[string]bool {
	set := map[string]bool{}
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if part = strings.ToUpper(strings.TrimSpace(part)); part != "" {
				set[part] = true
			}
		}
	}
	return set
}

func (f *transactionFilter) match(tx *transaction) bool {
	switch {
	case f.id != "" && tx.ID != f.id:
		return false
	case len(f.methods) > 0 && !f.methods[tx.PaymentMethod]:
		return false
	case len(f.statuses) > 0 && !f.statuses[tx.Status]:
		return false
	case f.traceable != nil && tx.Traceable != *f.traceable:
		return false
	case f.externalRef != "" && (tx.ExternalRef == nil || *tx.ExternalRef != f.externalRef):
		return false
	case !inRange(tx.created, f.from, f.to):
		return false
	}

	return f.matchCustomer(tx.Customer)
}

func (f *transactionFilter) matchCustomer(c *customer) bool {
	if c == nil {
		return f.name == "" && f.email == "" && f.document == "" && f.phone == ""
	}

	switch {
	case f.name != "" && !strings.Contains(strings.ToLower(c.Name), f.name):
		return false
	case f.email != "" && strings.ToLower(c.Email) != f.email:
		return false
	case f.document != "" && c.Document.Number != f.document:
		return false
	case f.phone != "" && validate.Digits(c.Phone) != f.phone:
		return false
	}
	return true
}
