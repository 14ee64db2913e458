package bynettest

import (
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// bankAccount is a registered payout destination.
type bankAccount struct {
	ID          string    `json:"id"`
	BankCode    string    `json:"bankCode"`
	BankName    string    `json:"bankName"`
	Agency      string    `json:"agency"`
	Account     string    `json:"account"`
	AccountType string    `json:"accountType"`
	HolderName  string    `json:"holderName"`
	Document    document  `json:"document"`
	PixKey      *string   `json:"pixKey"`
	PixKeyType  *string   `json:"pixKeyType"`
	Status      string    `json:"status"`
	SellerID    string    `json:"sellerId"`
	CreatedAt   timestamp `json:"createdAt"`
	UpdatedAt   timestamp `json:"updatedAt"`

	created time.Time
}

// bank is one entry of the sandbox's bank list (Bank / Find pre bank).
type bank struct {
	Code string `json:"code"`
	Name string `json:"name"`
	ISPB string `json:"ispb"`
}

// banks are a few Brazilian banks with their COMPE codes and ISPB numbers.
var banks = []bank{
	{"001", "Banco do Brasil S.A.", "00000000"},
	{"033", "Banco Santander (Brasil) S.A.", "90400888"},
	{"077", "Banco Inter S.A.", "00416968"},
	{"104", "Caixa Econômica Federal", "00360305"},
	{"237", "Banco Bradesco S.A.", "60746948"},
	{"260", "Nu Pagamentos S.A.", "18236120"},
	{"341", "Itaú Unibanco S.A.", "60701190"},
}

type bankAccountRequest struct {
	BankCode    string   `json:"bankCode"`
	Agency      string   `json:"agency"`
	Account     string   `json:"account"`
	AccountType string   `json:"accountType"`
	HolderName  string   `json:"holderName"`
	Document    document `json:"document"`
	PixKey      string   `json:"pixKey"`
	PixKeyType  string   `json:"pixKeyType"`
}

func (s *Server) bankRoutes(mux mux) {
	mux.handle("POST /api/user/banks", s.createBankAccount)
	mux.handle("GET /api/user/banks", s.listBankAccounts)
	mux.handle("GET /api/user/banks/pre-bank", s.preBank)
	mux.handle("GET /api/user/banks/{id}", s.getBankAccount)
}

// validate checks the account: a holder, a valid document, and either a
// bank account (known bank code, agency, account) or a PIX key.
func (r *bankAccountRequest) validate() (string, error) {
	if strings.TrimSpace(r.HolderName) == "" {
		return "", badRequest("holderName", "O nome do titular (holderName) é obrigatório.")
	}

	if err := checkDocument("document.number", r.Document.Number); err != nil {
		return "", err
	}

	if r.PixKey != "" && r.BankCode == "" {
		return "", nil
	}

	name := ""
	for _, b := range banks {
		if b.Code == r.BankCode {
			name = b.Name
		}
	}

	switch {
	case name == "":
		return "", badRequest("bankCode", "Código de banco (bankCode) inválido.")
	case validate.Digits(r.Agency) == "":
		return "", badRequest("agency", "A agência (agency) é obrigatória.")
	case validate.Digits(r.Account) == "":
		return "", badRequest("account", "A conta (account) é obrigatória.")
	}
	return name, nil
}

// checkDocument accepts a CPF or CNPJ with valid check digits.
func checkDocument(field, number string) error {
	if validate.CPF(number) || validate.CNPJ(number) {
		return nil
	}
	return badRequest(field, "Documento inválido: informe um CPF ou CNPJ válido.")
}

func documentOf(number string) document {
	digits := validate.Digits(number)
	if len(digits) == 14 {
		return document{Number: digits, Type: "CNPJ"}
	}
	return document{Number: digits, Type: "CPF"}
}

func (s *Server) createBankAccount(c *call) (string, any, error) {
	var req bankAccountRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	bankName, err := req.validate()
	if err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	now := st.now()
	account := &bankAccount{ID: newID(), BankCode: req.BankCode, BankName: bankName, Agency: req.Agency,
		Account: req.Account, AccountType: strings.ToUpper(req.AccountType), HolderName: req.HolderName,
		Document: documentOf(req.Document.Number), PixKey: optional(req.PixKey),
		PixKeyType: optional(strings.ToUpper(req.PixKeyType)), Status: "ACTIVE", SellerID: CompanyID,
		CreatedAt: timestamp(now), UpdatedAt: timestamp(now), created: now}
	st.banks = append(st.banks, account)
	return "Conta bancária criada com sucesso.", snapshot(account), nil
}

func (s *Server) listBankAccounts(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	page, err := paginate(st.banks, c.r.URL.Query(), func(b *bankAccount) time.Time { return b.created })
	if err != nil {
		return "", nil, err
	}
	return "Contas bancárias encontradas com sucesso.", snapshot(page), nil
}

func (s *Server) getBankAccount(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	id := c.r.PathValue("id")
	account := findRecord(st.banks, func(b *bankAccount) bool { return b.ID == id })
	if account == nil {
		return "", nil, notFound("Conta bancária não encontrada.")
	}
	return "Conta bancária encontrada com sucesso.", snapshot(account), nil
}

// preBank returns the banks an account can be registered at.
// NOTE: the API does not document this endpoint's data; the sandbox
// returns its bank list.
func (s *Server) preBank(*call) (string, any, error) {
	return "Bancos encontrados com sucesso.", banks, nil
}

// payoutAccount returns the newest registered account, the destination of
// transfers. The caller holds the lock.
func (st *state) payoutAccount() (*bankAccount, error) {
	if len(st.banks) == 0 {
		return nil, badRequest("bank", "Nenhuma conta bancária cadastrada para receber a transferência.")
	}
	return st.banks[len(st.banks)-1], nil
}
