package bynettest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// XLSXContentType is the media type of the Excel export.
const XLSXContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (s *Server) transactionReportRoutes(mux mux) {
	mux.handle("PUT /api/user/transactions/{id}/delivery", s.updateDelivery)
	mux.handle("GET /api/user/transactions/summary", s.transactionsSummary)
	mux.handle("POST /api/user/transactions/fee", s.transactionFee)
	mux.HandleFunc("POST /api/user/transactions/export", s.exportTransactions)
}

// updateDelivery sets the delivery status and tracking code of a charge.
// NOTE: the API does not document the body; the sandbox takes
// {"status", "trackingCode"} with any non-empty status.
func (s *Server) updateDelivery(c *call) (string, any, error) {
	var req struct {
		Status       string  `json:"status"`
		TrackingCode *string `json:"trackingCode"`
	}
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}
	if strings.TrimSpace(req.Status) == "" {
		return "", nil, badRequest("status", "O status de entrega (status) é obrigatório.")
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	tx, err := st.findTransaction(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	tx.Delivery = &delivery{Status: req.Status, TrackingCode: req.TrackingCode}
	tx.UpdatedAt = timestamp(st.now())
	return "Status de entrega atualizado com sucesso.", snapshot(tx), nil
}

// matchingTransactions returns the charges that the list filters in q
// accept. The caller holds the lock.
func (st *state) matchingTransactions(q url.Values) ([]*transaction, error) {
	filter, err := newTransactionFilter(q)
	if err != nil {
		return nil, err
	}

	var rows []*transaction
	for _, tx := range st.transactions {
		if filter.match(tx) {
			rows = append(rows, tx)
		}
	}
	return rows, nil
}

// transactionsSummary adds up the charges that match the list filters.
// NOTE: the API does not document this endpoint's data; the field names
// are the sandbox's.
func (s *Server) transactionsSummary(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	rows, err := st.matchingTransactions(c.r.URL.Query())
	if err != nil {
		return "", nil, err
	}

	byStatus, byMethod := map[string]statusTotal{}, map[string]statusTotal{}
	var total statusTotal
	var fees, refunded int64
	for _, tx := range rows {
		addTotal(byStatus, tx.Status, tx.Amount)
		addTotal(byMethod, tx.PaymentMethod, tx.Amount)
		total.Count++
		total.Amount += tx.Amount
		refunded += tx.RefundedAmount
		if tx.PaidAt != nil {
			fees += tx.Fee.EstimatedFee
		}
	}

	summary := map[string]any{"count": total.Count, "amount": total.Amount, "refundedAmount": refunded,
		"fee": fees, "byStatus": byStatus, "byPaymentMethod": byMethod}
	return "Resumo das transações encontrado com sucesso.", snapshot(summary), nil
}

func addTotal(totals map[string]statusTotal, key string, amount int64) {
	row := totals[key]
	row.Count++
	row.Amount += amount
	totals[key] = row
}

// transactionFee quotes the fee of a charge.
// NOTE: the API does not document this endpoint's body or data; the
// sandbox takes {amount, paymentMethod, installments} and returns the
// fee object of its transactions.
func (s *Server) transactionFee(c *call) (string, any, error) {
	var req struct {
		Amount        int64  `json:"amount"`
		PaymentMethod string `json:"paymentMethod"`
		Installments  int    `json:"installments"`
	}
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	method := strings.ToUpper(req.PaymentMethod)
	if method == "" {
		method = "PIX"
	}
	switch {
	case req.Amount <= 0:
		return "", nil, badRequest("amount", "O valor (amount) deve ser um inteiro maior que zero, em centavos.")
	case method != "PIX" && method != "BOLETO" && method != "CREDIT_CARD":
		return "", nil, badRequest("paymentMethod", "Método de pagamento inválido. Use PIX, BOLETO ou CREDIT_CARD.")
	}

	quote := feeFor(method, req.Amount)
	data := map[string]any{"amount": req.Amount, "paymentMethod": method, "installments": max(req.Installments, 1),
		"fixedAmount": quote.FixedAmount, "spreadPercentage": quote.SpreadPercentage,
		"estimatedFee": quote.EstimatedFee, "netAmount": quote.NetAmount}
	return "Taxa calculada com sucesso.", data, nil
}

// exportTransactions streams the charges that match the JSON body's
// filters as an .xlsx workbook.
// NOTE: the API documents neither the body nor the response of Export
// Excel. The sandbox takes the list filters as a JSON object and returns
// the file itself.
func (s *Server) exportTransactions(w http.ResponseWriter, r *http.Request) {
	body, _ := r.Context().Value(bodyKey{}).([]byte)
	q, err := filtersFromJSON(body)
	if err != nil {
		writeError(w, err)
		return
	}

	st := s.state
	st.mu.Lock()
	matched, err := st.matchingTransactions(q)
	rows := exportRows(matched)
	st.mu.Unlock()
	if err != nil {
		writeError(w, err)
		return
	}

	w.Header().Set("Content-Type", XLSXContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="transacoes.xlsx"`)
	_ = writeXLSX(w, rows)
}

// filtersFromJSON turns a JSON object of filters into query values, with
// arrays joined by commas.
func filtersFromJSON(body []byte) (url.Values, error) {
	q := url.Values{}
	if len(strings.TrimSpace(string(body))) == 0 {
		return q, nil
	}

	var fields map[string]any
	if err := json.Unmarshal(body, &fields); err != nil {
		return nil, badRequest("body", "Corpo da requisição inválido: JSON malformado.")
	}

	for key, value := range fields {
		switch v := value.(type) {
		case []any:
			parts := make([]string, len(v))
			for i, part := range v {
				parts[i] = strings.TrimSpace(jsonText(part))
			}
			q.Set(key, strings.Join(parts, ","))
		default:
			q.Set(key, jsonText(v))
		}
	}
	return q, nil
}

func jsonText(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	data, _ := json.Marshal(v)
	return string(data)
}

func exportRows(txs []*transaction) [][]any {
	rows := [][]any{{"ID", "Data", "Status", "Método", "Valor (centavos)", "Taxa (centavos)", "Cliente", "Documento", "Referência externa"}}
	for _, tx := range txs {
		name, doc := "", ""
		if tx.Customer != nil {
			name, doc = tx.Customer.Name, tx.Customer.Document.Number
		}
		ref := ""
		if tx.ExternalRef != nil {
			ref = *tx.ExternalRef
		}
		rows = append(rows, []any{tx.ID, tx.created.UTC().Format(time.RFC3339), tx.Status, tx.PaymentMethod,
			tx.Amount, tx.Fee.EstimatedFee, name, doc, ref})
	}
	return rows
}
