package bynettest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// entry is one movement of the account's balance. Amount is signed: money
// in is positive. The money counts as available from release on.
type entry struct {
	ID          string    `json:"id"`
	Type        string    `json:"type"`
	Amount      int64     `json:"amount"`
	Description string    `json:"description"`
	ReferenceID *string   `json:"referenceId"`
	ReleaseDate *string   `json:"releaseDate"`
	CreatedAt   timestamp `json:"createdAt"`

	created time.Time
	release time.Time
	// reserve marks money held in the financial reserve until release.
	reserve bool
}

// balance is the account's money split by when it can be paid out.
type balance struct {
	// Available can be paid out now.
	Available int64 `json:"available"`
	// WaitingFunds is paid money not yet released, such as card charges.
	WaitingFunds int64 `json:"waitingFunds"`
	// Reserved is held in the financial reserve.
	Reserved int64 `json:"reserved"`
	Total    int64 `json:"total"`
}

// WithFinancialReserve holds basisPoints (1/100 of a percent) of every paid
// charge's net amount in the financial reserve for days days. By default
// nothing is held.
func WithFinancialReserve(basisPoints int64, days int) ServerOption {
	return func(c *serverConfig) { c.reserveBasisPoints, c.reserveDays = basisPoints, days }
}

// Credit adds amount centavos to the available balance, as a manual
// adjustment, so a test can fund payouts without paying charges first. A
// negative amount takes money out.
func (s *Server) Credit(amount int64, description string) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	if description == "" {
		description = "Ajuste manual de saldo."
	}
	st.book("ADJUSTMENT", amount, description, "", st.now(), false)
}

// Balance returns the account's available, waiting and reserved money, in
// centavos, as Balance / Summary reports it.
func (s *Server) Balance() (available, waitingFunds, reserved int64) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	b := st.balance()
	return b.Available, b.WaitingFunds, b.Reserved
}

// book appends a ledger entry. The caller holds the lock.
func (st *state) book(kind string, amount int64, description, reference string, release time.Time, reserve bool) {
	now := st.now()
	st.ledger = append(st.ledger, &entry{
		ID: newID(), Type: kind, Amount: amount, Description: description, ReferenceID: optional(reference),
		ReleaseDate: date(release), CreatedAt: timestamp(now), created: now, release: release, reserve: reserve,
	})
}

// bookTransaction records the money movements of a charge's change from
// status before (with refunded before the change). The caller holds the lock.
func (st *state) bookTransaction(tx *transaction, before string, refunded int64, now time.Time) {
	switch {
	case tx.Status == "PAID" && before != "PAID":
		st.bookPaid(tx, now)
	case tx.RefundedAmount > refunded:
		st.book("REFUND", -(tx.RefundedAmount - refunded), "Estorno da transação.", tx.ID, now, false)
	case tx.Status == "CHARGEDBACK" && before != "CHARGEDBACK":
		st.book("CHARGEBACK", -(tx.Amount - tx.RefundedAmount), "Chargeback da transação.", tx.ID, now, false)
	}
}

func (st *state) bookPaid(tx *transaction, now time.Time) {
	release := now
	if tx.ReleaseDate != nil {
		release, _ = time.Parse(time.DateOnly, *tx.ReleaseDate)
		release = laterOf(release, now)
	}

	reserve := tx.Fee.NetAmount * st.reserveBasisPoints / 10000
	st.book("TRANSACTION", tx.Amount, "Pagamento recebido.", tx.ID, release, false)
	st.book("FEE", -tx.Fee.EstimatedFee, "Taxa da transação.", tx.ID, release, false)
	if reserve > 0 {
		st.book("RESERVE", -reserve, "Retenção em reserva financeira.", tx.ID, release, false)
		st.book("RESERVE", reserve, "Liberação de reserva financeira.", tx.ID, now.AddDate(0, 0, st.reserveDays), true)
	}
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// balance sums the ledger. The caller holds the lock.
func (st *state) balance() balance {
	now := st.now()
	var b balance
	for _, e := range st.ledger {
		switch {
		case !e.release.After(now):
			b.Available += e.Amount
		case e.reserve:
			b.Reserved += e.Amount
		default:
			b.WaitingFunds += e.Amount
		}
	}

	b.Total = b.Available + b.WaitingFunds + b.Reserved
	return b
}

// withdraw books a payout of amount plus fee, or fails with the API's
// insufficient balance error. The caller holds the lock.
func (st *state) withdraw(kind, id string, amount, fee int64) error {
	if st.balance().Available < amount+fee {
		return &apiError{status: http.StatusBadRequest, message: "Saldo insuficiente.",
			reason: &refusal{Message: "Saldo insuficiente.", Errors: map[string][]string{"amount": {"Saldo insuficiente."}}}}
	}

	now := st.now()
	label := map[string]string{"TRANSFER": "Transferência.", "CASHOUT": "Saque via PIX."}[kind]
	st.book(kind, -amount, label, id, now, false)
	if fee > 0 {
		st.book(kind+"_FEE", -fee, "Taxa de "+strings.ToLower(strings.TrimSuffix(label, ".")), id, now, false)
	}
	return nil
}

func (s *Server) balanceRoutes(mux mux) {
	mux.handle("GET /api/user/balance-history", s.listBalanceHistory)
	mux.handle("GET /api/user/balance-history/summary", s.balanceSummary)
	mux.handle("GET /api/user/balance-history/financial-reserve", s.listFinancialReserve)
}

func (s *Server) listBalanceHistory(c *call) (string, any, error) {
	q := c.r.URL.Query()
	from, to, err := dateRange(q)
	if err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	types := upperSet(q["type"])
	rows := slices.DeleteFunc(slices.Clone(st.ledger), func(e *entry) bool {
		return !inRange(e.created, from, to) || (len(types) > 0 && !types[e.Type])
	})

	page, err := paginate(rows, q, func(e *entry) time.Time { return e.created })
	if err != nil {
		return "", nil, err
	}
	return "Histórico de saldo encontrado com sucesso.", snapshot(page), nil
}

func (s *Server) balanceSummary(*call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	return "Resumo do saldo encontrado com sucesso.", snapshot(st.balance()), nil
}

// reserveRow is one release date of the financial reserve.
type reserveRow struct {
	Inflows     int64  `json:"inflows"`
	Outflows    int64  `json:"outflows"`
	Total       int64  `json:"total"`
	Status      string `json:"status"`
	ReleaseDate string `json:"releaseDate"`

	day time.Time
}

func (s *Server) listFinancialReserve(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	now := st.now()
	byDay := map[string]*reserveRow{}
	var rows []*reserveRow
	for _, e := range st.ledger {
		if !e.reserve {
			continue
		}

		row := byDay[*e.ReleaseDate]
		if row == nil {
			row = &reserveRow{Status: "RESERVED", ReleaseDate: *e.ReleaseDate, day: e.release}
			byDay[*e.ReleaseDate], rows = row, append(rows, row)
		}
		if !e.release.After(now) {
			row.Status = "RELEASED"
		}
		row.Inflows += max(e.Amount, 0)
		row.Outflows += max(-e.Amount, 0)
		row.Total = row.Inflows - row.Outflows
	}

	page, err := paginate(rows, c.r.URL.Query(), func(r *reserveRow) time.Time { return r.day })
	if err != nil {
		return "", nil, err
	}
	return "Liberação de Reserva Financeira encontrado com sucesso.", snapshot(page), nil
}
