package bynettest

import (
	"fmt"
	"strings"
	"time"
)

// Pay settles a charge that waits for payment: status PAID, paidAt now, a
// PIX end-to-end id and a release date. Postbacks go out as after every
// change of status; call Flush to wait for them.
func (s *Server) Pay(id string) error {
	return s.transition(id, "PAID", func(tx *transaction, now time.Time) error {
		if !waiting(tx) {
			return fmt.Errorf("bynettest: Pay: transaction %s is %s, expected WAITING_PAYMENT", id, tx.Status)
		}
		markPaid(tx, now)
		return nil
	})
}

// Refuse refuses a charge that waits for payment, with reason as its
// refusedReason message (a default message when reason is empty).
func (s *Server) Refuse(id, reason string) error {
	if reason == "" {
		reason = "Pagamento recusado."
	}

	return s.transition(id, "REFUSED", func(tx *transaction, _ time.Time) error {
		if !waiting(tx) {
			return fmt.Errorf("bynettest: Refuse: transaction %s is %s, expected WAITING_PAYMENT", id, tx.Status)
		}
		tx.RefusedReason = &refusal{Message: reason}
		return nil
	})
}

// Cancel cancels a charge that waits for payment, as an expired PIX code
// or boleto would.
func (s *Server) Cancel(id string) error {
	return s.transition(id, "CANCELED", func(tx *transaction, _ time.Time) error {
		if !waiting(tx) {
			return fmt.Errorf("bynettest: Cancel: transaction %s is %s, expected WAITING_PAYMENT", id, tx.Status)
		}
		return nil
	})
}

// Refund returns amount centavos of a paid charge to the buyer; 0 refunds
// what is left. The charge becomes REFUNDED once fully refunded and stays
// PAID after a partial refund.
func (s *Server) Refund(id string, amount int64) error {
	return s.transition(id, "", func(tx *transaction, now time.Time) error {
		left := tx.Amount - tx.RefundedAmount
		if tx.Status != "PAID" {
			return fmt.Errorf("bynettest: Refund: transaction %s is %s, expected PAID", id, tx.Status)
		}

		if amount == 0 {
			amount = left
		}
		if amount < 0 || amount > left {
			return fmt.Errorf("bynettest: Refund: amount %d is outside 1..%d centavos", amount, left)
		}

		tx.RefundedAmount += amount
		tx.Refunds = append(tx.Refunds, refund{ID: newID(), Amount: amount, Status: "REFUNDED",
			Reason: "Estorno solicitado pelo vendedor.", CreatedAt: timestamp(now)})
		if tx.RefundedAmount == tx.Amount {
			tx.Status = "REFUNDED"
		}
		return nil
	})
}

// Chargeback marks a paid charge as disputed by the buyer's bank.
func (s *Server) Chargeback(id string) error {
	return s.transition(id, "CHARGEDBACK", func(tx *transaction, _ time.Time) error {
		if tx.Status != "PAID" {
			return fmt.Errorf("bynettest: Chargeback: transaction %s is %s, expected PAID", id, tx.Status)
		}
		return nil
	})
}

// transition applies change to the charge under the lock, sets status
// (unless empty) and updatedAt, and sends the postbacks.
func (s *Server) transition(id, status string, change func(*transaction, time.Time) error) error {
	st := s.state
	st.mu.Lock()

	tx := st.transaction(id)
	if tx == nil {
		st.mu.Unlock()
		return fmt.Errorf("bynettest: transaction %q not found", id)
	}

	now := st.now()
	before, refunded := tx.Status, tx.RefundedAmount
	if err := change(tx, now); err != nil {
		st.mu.Unlock()
		return err
	}

	if status != "" {
		tx.Status = status
	}
	tx.UpdatedAt = timestamp(now)
	st.bookTransaction(tx, before, refunded, now)
	event := st.transactionPostback(tx)
	st.mu.Unlock()

	s.post.send(event)
	return nil
}

func waiting(tx *transaction) bool {
	switch tx.Status {
	case "WAITING_PAYMENT", "PROCESSING", "AUTHORIZED":
		return true
	}
	return false
}

// markPaid sets the fields of a paid charge. Card money is released after
// 30 days, PIX at once and boleto the next day.
func markPaid(tx *transaction, now time.Time) {
	tx.Status = "PAID"
	tx.PaidAt = stamp(now)
	tx.EndToEndID = ptr(endToEndID(now))
	if tx.Pix != nil {
		tx.Pix.EndToEndID = tx.EndToEndID
	}

	release := now
	switch tx.PaymentMethod {
	case "CREDIT_CARD":
		release = now.AddDate(0, 0, 30)
	case "BOLETO":
		release = now.AddDate(0, 0, 1)
	}
	tx.ReleaseDate = date(release)
}

// endToEndID returns a PIX end-to-end id: "E", an 8-digit ISPB, the UTC
// time as yyyyMMddHHmm and 11 random characters.
func endToEndID(now time.Time) string {
	random := strings.ToUpper(strings.ReplaceAll(newID(), "-", ""))[:11]
	return "E18236120" + now.UTC().Format("200601021504") + random
}

// WithAutoSettle makes the sandbox settle by itself, d after creation:
// PIX and boleto charges are paid and payouts complete. It suits the
// standalone server, where no test calls Pay. By default nothing settles
// by itself.
func WithAutoSettle(d time.Duration) ServerOption {
	return func(c *serverConfig) { c.autoSettle = d }
}

// settleLater runs settle after the auto-settle delay, if one is set.
func (s *Server) settleLater(settle func()) {
	if s.autoSettle <= 0 {
		return
	}

	s.timersMu.Lock()
	defer s.timersMu.Unlock()
	if !s.closed {
		s.timers = append(s.timers, time.AfterFunc(s.autoSettle, settle))
	}
}

func (s *Server) stopTimers() {
	s.timersMu.Lock()
	defer s.timersMu.Unlock()

	s.closed = true
	for _, t := range s.timers {
		t.Stop()
	}
}
