package bynettest

import (
	"net/mail"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// cashoutFee is the sandbox's fee per cashout, in centavos.
const cashoutFee = 50

// cashout is a PIX withdrawal to a key given in the request.
type cashout struct {
	ID                  string    `json:"id"`
	Amount              int64     `json:"amount"`
	Fee                 int64     `json:"fee"`
	PixKey              string    `json:"pixKey"`
	PixType             string    `json:"pixType"`
	BeneficiaryName     string    `json:"beneficiaryName"`
	BeneficiaryDocument string    `json:"beneficiaryDocument"`
	CreditorName        *string   `json:"creditorName"`
	CreditorDocument    *string   `json:"creditorDocument"`
	EndToEndID          *string   `json:"endToEndId"`
	ReceiptURL          *string   `json:"receiptUrl"`
	Description         string    `json:"description"`
	PostbackURL         string    `json:"postbackUrl"`
	ExternalRef         *string   `json:"externalRef"`
	Error               *string   `json:"error"`
	Status              string    `json:"status"`
	SellerID            string    `json:"sellerId"`
	GatewayProviderID   string    `json:"gatewayProviderId"`
	GatewayID           string    `json:"gatewayId"`
	CreatedAt           timestamp `json:"createdAt"`
	UpdatedAt           timestamp `json:"updatedAt"`

	created time.Time
}

type cashoutRequest struct {
	Amount              int64  `json:"amount"`
	PixKey              string `json:"pixKey"`
	PixType             string `json:"pixType"`
	BeneficiaryName     string `json:"beneficiaryName"`
	BeneficiaryDocument string `json:"beneficiaryDocument"`
	Description         string `json:"description"`
	PostbackURL         string `json:"postbackUrl"`
	ExternalRef         string `json:"externalRef"`
}

func (s *Server) cashoutRoutes(mux mux) {
	mux.handle("POST /api/user/cashout", s.createCashout)
	mux.handle("GET /api/user/cashout", s.listCashouts)
	mux.handle("GET /api/user/cashout/{id}", s.getCashout)
}

// validate checks the body as the API's field table describes it: every
// field is required and the key must fit its type.
func (r *cashoutRequest) validate() error {
	r.PixType = strings.ToUpper(strings.TrimSpace(r.PixType))
	switch {
	case r.Amount <= 0:
		return badRequest("amount", "O valor (amount) deve ser um inteiro maior que zero, em centavos.")
	case !validPixKey(r.PixType, r.PixKey):
		return badRequest("pixKey", "Chave PIX (pixKey) inválida para o tipo informado (pixType).")
	case strings.TrimSpace(r.BeneficiaryName) == "":
		return badRequest("beneficiaryName", "O nome do beneficiário (beneficiaryName) é obrigatório.")
	case strings.TrimSpace(r.Description) == "":
		return badRequest("description", "A descrição (description) é obrigatória.")
	case r.PostbackURL == "" || validate.CallbackURL(r.PostbackURL) != nil:
		return badRequest("postbackUrl", "A URL de postback (postbackUrl) é obrigatória e deve ser válida.")
	}
	return checkDocument("beneficiaryDocument", r.BeneficiaryDocument)
}

// validPixKey reports whether key is a PIX key of the type: CPF, CNPJ,
// EMAIL, PHONE (10 to 13 digits, "+" allowed) or RANDOM (a UUID).
func validPixKey(kind, key string) bool {
	switch kind {
	case "CPF":
		return validate.CPF(key)
	case "CNPJ":
		return validate.CNPJ(key)
	case "EMAIL":
		_, err := mail.ParseAddress(key)
		return err == nil
	case "PHONE":
		digits := validate.Digits(strings.TrimPrefix(key, "+"))
		return len(digits) >= 10 && len(digits) <= 13 && strings.Trim(digits, "0123456789") == ""
	case "RANDOM":
		return len(key) == 36 && strings.Count(key, "-") == 4
	}
	return false
}

func (s *Server) createCashout(c *call) (string, any, error) {
	var req cashoutRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	if err := req.validate(); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	now := st.now()
	co := &cashout{ID: newID(), Amount: req.Amount, Fee: cashoutFee, PixKey: req.PixKey, PixType: req.PixType,
		BeneficiaryName: req.BeneficiaryName, BeneficiaryDocument: req.BeneficiaryDocument,
		Description: req.Description, PostbackURL: req.PostbackURL, ExternalRef: optional(req.ExternalRef),
		Status: "PENDING", SellerID: CompanyID, GatewayProviderID: GatewayID, GatewayID: GatewayID,
		CreatedAt: timestamp(now), UpdatedAt: timestamp(now), created: now}

	if err := st.withdraw("CASHOUT", co.ID, co.Amount, co.Fee); err != nil {
		st.mu.Unlock()
		return "", nil, err
	}
	st.cashouts = append(st.cashouts, co)
	data := snapshot(co)
	st.mu.Unlock()

	s.settleLater(func() { _ = s.CompletePayout(co.ID) })
	return "Cashout criado com sucesso.", data, nil
}

func (s *Server) listCashouts(c *call) (string, any, error) {
	q := c.r.URL.Query()
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	var rows []*cashout
	for _, co := range st.cashouts {
		if matchPayout(q, co.ID, co.Status, validate.Digits(co.BeneficiaryDocument)) {
			rows = append(rows, co)
		}
	}

	page, err := paginate(rows, q, func(co *cashout) time.Time { return co.created })
	if err != nil {
		return "", nil, err
	}
	return "Cashouts encontrados com sucesso.", snapshot(page), nil
}

func (s *Server) getCashout(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	id := c.r.PathValue("id")
	co := findRecord(st.cashouts, func(co *cashout) bool { return co.ID == id })
	if co == nil {
		return "", nil, notFound("Cashout não encontrado.")
	}
	return "Cashout encontrado com sucesso.", snapshot(co), nil
}
