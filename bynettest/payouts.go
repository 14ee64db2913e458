package bynettest

import (
	"fmt"
	"time"
)

// CompletePayout settles a pending cashout or transfer: status PAID with an
// end-to-end id and a receipt. Its postbacks go out like a charge's.
func (s *Server) CompletePayout(id string) error {
	return s.settlePayout(id, "")
}

// FailPayout fails a pending cashout or transfer with reason as its error
// and gives the amount and fee back to the available balance.
func (s *Server) FailPayout(id, reason string) error {
	if reason == "" {
		reason = "Falha ao processar o pagamento no banco de destino."
	}
	return s.settlePayout(id, reason)
}

// settlePayout completes the pending payout, or fails it when reason is
// set, books the reversal of a failure, and sends the postbacks.
func (s *Server) settlePayout(id, reason string) error {
	st := s.state
	st.mu.Lock()

	now := st.now()
	var event postback
	switch co, t := st.cashout(id), st.transfer(id); {
	case co != nil && co.Status == "PENDING":
		co.settle(now, reason)
		st.reverseFailed("CASHOUT", co.ID, co.Status, co.Amount+co.Fee)
		event = st.newPostback(co.ID, "cashout", co, co.PostbackURL, "CASHOUT")
	case t != nil && t.Status == "INPROCESS":
		t.settle(now, reason)
		st.reverseFailed("TRANSFER", t.ID, t.Status, t.Amount+t.Fee)
		event = st.newPostback(t.ID, "transfer", t, "", "TRANSFER")
	case co != nil || t != nil:
		st.mu.Unlock()
		return fmt.Errorf("bynettest: payout %s is already settled", id)
	default:
		st.mu.Unlock()
		return fmt.Errorf("bynettest: payout %q not found", id)
	}
	st.mu.Unlock()

	s.post.send(event)
	return nil
}

func (co *cashout) settle(now time.Time, reason string) {
	co.UpdatedAt = timestamp(now)
	if reason != "" {
		co.Status, co.Error = "FAILED", &reason
		return
	}

	co.Status = "PAID"
	co.EndToEndID = ptr(endToEndID(now))
	co.ReceiptURL = ptr(receiptURL(co.ID))
	co.CreditorName, co.CreditorDocument = &co.BeneficiaryName, &co.BeneficiaryDocument
}

func (t *transfer) settle(now time.Time, reason string) {
	t.UpdatedAt = timestamp(now)
	if reason != "" {
		t.Status, t.Error = "FAILED", &reason
		return
	}

	t.Status = "PAID"
	t.PaidAt = stamp(now)
	t.EndToEndID = ptr(endToEndID(now))
	t.ReceiptURL = ptr(receiptURL(t.ID))
}

func receiptURL(id string) string {
	return "https://comprovantes.bynettest.invalid/" + id + ".pdf"
}

// reverseFailed gives back the money of a failed payout. The caller holds
// the lock.
func (st *state) reverseFailed(kind, id, status string, amount int64) {
	if status == "FAILED" {
		st.book(kind+"_REVERSAL", amount, "Estorno de pagamento não concluído.", id, st.now(), false)
	}
}

func (st *state) cashout(id string) *cashout {
	return findRecord(st.cashouts, func(co *cashout) bool { return co.ID == id })
}

func (st *state) transfer(id string) *transfer {
	return findRecord(st.transfers, func(t *transfer) bool { return t.ID == id })
}
