package bynettest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// RefusedCardNumber is a test card that the sandbox refuses: a charge on it
// is created with status REFUSED and a refusal reason. Any other card
// number that passes the Luhn check is paid at once.
const RefusedCardNumber = "4000000000000002"

// createTransactionRequest is the body of Transactions / Create, decoded as
// leniently as the API: enums in any case, metadata as a string or object.
type createTransactionRequest struct {
	Amount        json.Number     `json:"amount"`
	Currency      string          `json:"currency"`
	PaymentMethod string          `json:"paymentMethod"`
	Installments  *int            `json:"installments"`
	Card          *cardRequest    `json:"card"`
	Customer      *customerInput  `json:"customer"`
	Shipping      json.RawMessage `json:"shipping"`
	Items         []itemRequest   `json:"items"`
	Pix           *expiresRequest `json:"pix"`
	Boleto        *expiresRequest `json:"boleto"`
	PostbackURL   string          `json:"postbackUrl"`
	Metadata      json.RawMessage `json:"metadata"`
	Traceable     bool            `json:"traceable"`
	IP            string          `json:"ip"`
	ExternalRef   string          `json:"externalRef"`

	amount int64
}

type cardRequest struct {
	Number          string `json:"number"`
	HolderName      string `json:"holderName"`
	ExpirationMonth int    `json:"expirationMonth"`
	ExpirationYear  int    `json:"expirationYear"`
	CVV             string `json:"cvv"`
}

type itemRequest struct {
	Title       string `json:"title"`
	UnitPrice   int64  `json:"unitPrice"`
	Quantity    int    `json:"quantity"`
	Tangible    bool   `json:"tangible"`
	ExternalRef string `json:"externalRef"`
}

type expiresRequest struct {
	ExpiresInDays int `json:"expiresInDays"`
}

// validate checks the body as the API does and normalises the enums.
func (r *createTransactionRequest) validate() error {
	amount, err := r.Amount.Int64()
	if err != nil || amount <= 0 {
		return badRequest("amount", "O valor (amount) deve ser um inteiro maior que zero, em centavos.")
	}
	r.amount = amount

	r.PaymentMethod = strings.ToUpper(strings.TrimSpace(r.PaymentMethod))
	switch r.PaymentMethod {
	case "PIX", "BOLETO":
	case "CREDIT_CARD":
		if err := r.Card.validate(); err != nil {
			return err
		}
	default:
		return badRequest("paymentMethod", "Método de pagamento inválido. Use PIX, BOLETO ou CREDIT_CARD.")
	}

	if err := validateItemRequests(r.Items); err != nil {
		return err
	}

	if r.PostbackURL != "" && validate.CallbackURL(r.PostbackURL) != nil {
		return badRequest("postbackUrl", "A URL de postback (postbackUrl) é inválida.")
	}

	return r.Customer.validate()
}

func validateItemRequests(items []itemRequest) error {
	if len(items) == 0 {
		return badRequest("items", "Informe ao menos um item (items).")
	}

	for i, it := range items {
		field := fmt.Sprintf("items[%d]", i)
		switch {
		case strings.TrimSpace(it.Title) == "":
			return badRequest(field+".title", "O título do item é obrigatório.")
		case it.UnitPrice < 0:
			return badRequest(field+".unitPrice", "O preço unitário do item não pode ser negativo.")
		case it.Quantity < 1:
			return badRequest(field+".quantity", "A quantidade do item deve ser ao menos 1.")
		}
	}
	return nil
}

func (c *cardRequest) validate() error {
	if c == nil {
		return badRequest("card", "Os dados do cartão (card) são obrigatórios para CREDIT_CARD.")
	}

	digits := validate.Digits(c.Number)
	switch {
	case len(digits) < 12 || !luhn(digits):
		return badRequest("card.number", "Número do cartão inválido.")
	case len(c.CVV) < 3 || len(c.CVV) > 4:
		return badRequest("card.cvv", "CVV inválido.")
	case c.ExpirationMonth < 1 || c.ExpirationMonth > 12:
		return badRequest("card.expirationMonth", "Mês de validade do cartão inválido.")
	}
	return nil
}

func luhn(digits string) bool {
	sum, double := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// newTransaction stores a charge for a validated request. The caller holds
// the lock.
func (st *state) newTransaction(req *createTransactionRequest, body []byte, ip string) (*transaction, error) {
	cust, err := st.customerFor(req.Customer)
	if err != nil {
		return nil, err
	}

	now := st.now()
	tx := &transaction{
		ID: newID(), Amount: req.amount, CompanyID: CompanyID, Installments: req.Installments,
		PaymentMethod: req.PaymentMethod, Status: "WAITING_PAYMENT", Traceable: req.Traceable,
		CreatedAt: timestamp(now), UpdatedAt: timestamp(now), created: now,
		IP: ptr(ip), Customer: cust, Shipping: req.Shipping, Fee: feeFor(req.PaymentMethod, req.amount),
		Payload: json.RawMessage(fmt.Sprintf(`{"data":%s}`, body)),
	}

	tx.SecureID = newID()
	tx.SecureURL = "https://checkout.bynettest.invalid/pay/" + tx.SecureID
	tx.PostbackURL = optional(req.PostbackURL)
	tx.ExternalRef = optional(req.ExternalRef)
	tx.Metadata = metadataString(req.Metadata)
	if req.IP != "" {
		tx.IP = ptr(req.IP)
	}

	for _, it := range req.Items {
		tx.Items = append(tx.Items, item{Title: it.Title, UnitPrice: it.UnitPrice, Quantity: it.Quantity,
			Tangible: it.Tangible, ExternalRef: optional(it.ExternalRef)})
	}

	st.attachPaymentMethod(tx, req, now)
	st.bookTransaction(tx, "WAITING_PAYMENT", 0, now)
	st.transactions = append(st.transactions, tx)
	return tx, nil
}

// attachPaymentMethod fills the PIX, boleto or card part. A card charge is
// settled at once: paid, or refused on RefusedCardNumber.
func (st *state) attachPaymentMethod(tx *transaction, req *createTransactionRequest, now time.Time) {
	switch tx.PaymentMethod {
	case "PIX":
		days := 1
		if req.Pix != nil && req.Pix.ExpiresInDays > 0 {
			days = req.Pix.ExpiresInDays
		}
		tx.Pix = &pixInfo{QRCode: pixCode(tx.Amount, tx.ID),
			URL:            "https://pix.bynettest.invalid/qr/" + tx.ID,
			ExpirationDate: timestamp(now.AddDate(0, 0, days))}
	case "BOLETO":
		days := 3
		if req.Boleto != nil && req.Boleto.ExpiresInDays > 0 {
			days = req.Boleto.ExpiresInDays
		}
		line := boletoLine(tx.Amount)
		tx.Boleto = &boletoInfo{URL: "https://boleto.bynettest.invalid/" + tx.ID, Barcode: validate.Digits(line),
			DigitableLine: line, Instructions: "Não receber após o vencimento.", ExpirationDate: date(now.AddDate(0, 0, days))}
	case "CREDIT_CARD":
		st.chargeCard(tx, req.Card, now)
	}
}

func (st *state) chargeCard(tx *transaction, card *cardRequest, now time.Time) {
	digits := validate.Digits(card.Number)
	tx.Card = &cardInfo{ID: newID(), Brand: cardBrand(digits), HolderName: card.HolderName,
		LastDigits: digits[len(digits)-4:], ExpirationMonth: card.ExpirationMonth,
		ExpirationYear: card.ExpirationYear, CreatedAt: timestamp(now)}
	if tx.Installments == nil {
		tx.Installments = ptr(1)
	}

	if digits == RefusedCardNumber {
		tx.Status = "REFUSED"
		tx.RefusedReason = &refusal{Message: "Transação recusada pelo emissor do cartão."}
		return
	}
	markPaid(tx, now)
}

func cardBrand(digits string) string {
	switch {
	case strings.HasPrefix(digits, "4"):
		return "visa"
	case strings.HasPrefix(digits, "5"):
		return "mastercard"
	case strings.HasPrefix(digits, "3"):
		return "amex"
	}
	return "elo"
}

// boletoLine returns a digitable line of the right length with the amount
// in its last ten digits. It is not a payable boleto.
func boletoLine(amount int64) string {
	return fmt.Sprintf("23790.00009 00000.000000 00000.000000 1 0000%010d", amount)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// metadataString stores metadata as the API does: a string holding JSON.
func metadataString(raw json.RawMessage) *string {
	trimmed := strings.TrimSpace(string(raw))
	if trimmed == "" || trimmed == "null" {
		return nil
	}

	var text string
	if json.Unmarshal(raw, &text) == nil {
		return &text
	}
	return &trimmed
}
