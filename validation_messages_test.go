package bynet

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noNetwork fails the test when a request that validation should have
// stopped reaches the transport.
type noNetwork struct{ t *testing.T }

func (n noNetwork) RoundTrip(req *http.Request) (*http.Response, error) {
	n.t.Errorf("validation let %s %s reach the network", req.Method, req.URL.Path)
	return nil, errors.New("no network in this test")
}

// messageCase is one rejected input and the three parts its message must
// have: the field, the problem with the value, and what is expected.
type messageCase struct {
	name     string
	call     func(c *Client) error
	field    string
	problem  string
	expected string
}

// charge returns a valid PIX charge changed by edit.
func charge(edit func(p *CreateTransactionParams)) func(c *Client) error {
	return func(c *Client) error {
		p := &CreateTransactionParams{
			Amount:        1000,
			PaymentMethod: PaymentMethodPix,
			Items:         []Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
			Customer:      &CustomerParams{Name: "Maria", Email: "maria@example.com", Document: Document{Number: leakCPF}},
		}
		edit(p)
		_, _, err := c.Transactions.Create(context.Background(), p)
		return err
	}
}

// cardCharge returns a valid card charge whose card is changed by edit.
func cardCharge(edit func(card *CardParams)) func(c *Client) error {
	return charge(func(p *CreateTransactionParams) {
		p.PaymentMethod = PaymentMethodCreditCard
		p.Card = &CardParams{Number: leakCard, HolderName: "MARIA", ExpirationMonth: 12, ExpirationYear: 2030, CVV: "123"}
		edit(p.Card)
	})
}

func findByID(id string) func(c *Client) error {
	return func(c *Client) error {
		_, _, err := c.Transactions.FindByID(context.Background(), id)
		return err
	}
}

func doPath(path string) func(c *Client) error {
	return func(c *Client) error {
		return c.Do(context.Background(), http.MethodGet, path, nil, nil)
	}
}

func validationMessageCases() []messageCase {
	return []messageCase{
		{name: "nil params", field: "params", problem: "is nil", expected: `expected a pointer to the params struct`,
			call: func(c *Client) error { _, _, err := c.Transactions.Create(context.Background(), nil); return err }},
		{name: "zero amount", field: "amount", problem: "0 is not positive", expected: "expected the total in centavos",
			call: charge(func(p *CreateTransactionParams) { p.Amount = 0 })},
		{name: "negative amount", field: "amount", problem: "-5 is not positive", expected: "such as 1000 for R$ 10,00",
			call: charge(func(p *CreateTransactionParams) { p.Amount = -5 })},
		{name: "empty payment method", field: "paymentMethod", problem: "is empty", expected: "expected PIX, BOLETO or CREDIT_CARD",
			call: charge(func(p *CreateTransactionParams) { p.PaymentMethod = " " })},
		{name: "zero installments", field: "installments", problem: "0 is less than 1", expected: `expected 1 or more installments`,
			call: charge(func(p *CreateTransactionParams) { zero := 0; p.Installments = &zero })},
		{name: "negative shipping fee", field: "shipping.fee", problem: "-1 is negative", expected: "expected centavos, 0 or more",
			call: charge(func(p *CreateTransactionParams) { p.Shipping = &Shipping{Fee: -1} })},
		{name: "no items", field: "items", problem: "is empty", expected: "expected at least one item",
			call: charge(func(p *CreateTransactionParams) { p.Items = nil })},
		{name: "item without title", field: "items[0].title", problem: "is empty", expected: `expected the name of the item`,
			call: charge(func(p *CreateTransactionParams) { p.Items[0].Title = "" })},
		{name: "negative unit price", field: "items[0].unitPrice", problem: "-5 is negative", expected: "expected centavos, 0 or more",
			call: charge(func(p *CreateTransactionParams) { p.Items[0].UnitPrice = -5 })},
		{name: "zero quantity", field: "items[1].quantity", problem: "0 is less than 1", expected: `expected 1 or more units`,
			call: charge(func(p *CreateTransactionParams) { p.Items = append(p.Items, Item{Title: "Boné", Quantity: 0}) })},
		{name: "no customer", field: "customer", problem: "is missing", expected: "needs the buyer's name, e-mail and document",
			call: charge(func(p *CreateTransactionParams) { p.Customer = nil })},
		{name: "customer without name", field: "customer.name", problem: "is empty", expected: `expected the buyer's full name`,
			call: charge(func(p *CreateTransactionParams) { p.Customer.Name = "" })},
		{name: "bad e-mail", field: "customer.email", problem: `"maria" is not an e-mail address`, expected: `expected an address such as maria@example.com`,
			call: charge(func(p *CreateTransactionParams) { p.Customer.Email = "maria" })},
		{name: "empty document", field: "customer.document.number", problem: "is empty",
			expected: "expected a CPF (11 digits) or CNPJ (14 characters)",
			call:     charge(func(p *CreateTransactionParams) { p.Customer.Document.Number = "" })},
		{name: "bad CPF", field: "customer.document.number", problem: "*********26 is not a valid CPF",
			expected: "expected 11 digits with correct check digits",
			call:     charge(func(p *CreateTransactionParams) { p.Customer.Document.Number = "529.982.247-26" })},
		{name: "bad CNPJ", field: "customer.document.number", problem: "************82 is not a valid CNPJ",
			expected: "expected 14 characters with correct check digits",
			call:     charge(func(p *CreateTransactionParams) { p.Customer.Document.Number = "11.222.333/0001-82" })},
		{name: "document of wrong length", field: "customer.document.number", problem: "**********12 has 12 characters",
			expected: "expected a CPF (11 digits) or CNPJ (14 characters)",
			call:     charge(func(p *CreateTransactionParams) { p.Customer.Document.Number = "123456789012" })},
		{name: "unknown document type", field: "customer.document.type", problem: `"RG" is not a document type`,
			expected: "expected CPF or CNPJ",
			call:     charge(func(p *CreateTransactionParams) { p.Customer.Document.Type = "RG" })},
		{name: "postback over http", field: "postbackUrl", problem: `"http://example.com/hook"`,
			expected: "must use https",
			call:     charge(func(p *CreateTransactionParams) { p.PostbackURL = "http://example.com/hook" })},
		{name: "relative postback", field: "postbackUrl", problem: "is not an absolute URL",
			expected: "expected an https URL such as https://example.com/postback",
			call:     charge(func(p *CreateTransactionParams) { p.PostbackURL = "/hook" })},
		{name: "postback with scheme ftp", field: "postbackUrl", problem: `has scheme "ftp"`, expected: "expected https",
			call: charge(func(p *CreateTransactionParams) { p.PostbackURL = "ftp://example.com/hook" })},
		{name: "postback with credentials", field: "postbackUrl", problem: "user credentials",
			expected: "must not carry",
			call:     charge(func(p *CreateTransactionParams) { p.PostbackURL = "https://u:p@example.com/hook" })},
		{name: "card charge without card", field: "card", problem: "is missing", expected: "a CREDIT_CARD charge needs a card",
			call: charge(func(p *CreateTransactionParams) { p.PaymentMethod = "credit_card" })},
		{name: "bad card number", field: "card.number", problem: "****1112 is not a valid card number", expected: `expected 12 to 19 digits that pass the Luhn check`,
			call: cardCharge(func(card *CardParams) { card.Number = leakCard[:15] + "2" })},
		{name: "short CVV", field: "card.cvv", problem: "has the wrong length", expected: "expected 3 or 4 digits",
			call: cardCharge(func(card *CardParams) { card.CVV = "12" })},
		{name: "month 13", field: "card.expirationMonth", problem: "13 is not a month", expected: "expected 1 to 12",
			call: cardCharge(func(card *CardParams) { card.ExpirationMonth = 13 })},
		{name: "negative year", field: "card.expirationYear", problem: "-1 is negative", expected: `expected a year such as 2030`,
			call: cardCharge(func(card *CardParams) { card.ExpirationYear = -1 })},
		{name: "card without holder", field: "card.holderName", problem: "is empty", expected: `expected the name printed on the card`,
			call: cardCharge(func(card *CardParams) { card.HolderName = " " })},
		{name: "empty id", field: "id", problem: "is empty", expected: "expected one path segment",
			call: findByID("")},
		{name: "id with slash", field: "id", problem: `contains one of / \ ? # % (got "a/b")`, expected: "expected one path segment",
			call: findByID("a/b")},
		{name: "id with dot segment", field: "id", problem: `contains a dot segment (got "..")`, expected: "expected one path segment",
			call: findByID("..")},
		{name: "id with spaces", field: "id", problem: "has leading or trailing spaces", expected: "expected one path segment",
			call: findByID(" tx_1")},
		{name: "id with control character", field: "id", problem: "contains a control or invalid character",
			expected: "expected one path segment", call: findByID("tx\x00")},
		{name: "reserved id", field: "id", problem: `"summary" is a reserved path segment`, expected: `expected the id that Create returned`,
			call: findByID("summary")},
		{name: "relative path", field: "path", problem: `"api/user/x" does not start with "/"`,
			expected: `expected a path such as "/api/user/transactions"`, call: doPath("api/user/x")},
		{name: "scheme-relative path", field: "path", problem: `"//evil.test/x" starts with "//"`,
			expected: "expected a path on the API host", call: doPath("//evil.test/x")},
		{name: "dot segments", field: "path", problem: `"/api/../x" contains ".."`,
			expected: "expected a path without", call: doPath("/api/../x")},
		{name: "control character in path", field: "path", problem: "contains a control character",
			expected: "expected printable characters", call: doPath("/api/x\n")},
		{name: "malformed query", field: "path", problem: "has a malformed query string",
			expected: `expected percent-encoded key=value pairs joined by "&"`, call: doPath("/api/x?a=%zz")},
	}
}

// serviceMessageCases covers the validation messages of the services other
// than transactions.
func serviceMessageCases() []messageCase {
	ctx := context.Background()
	image := File{Name: "camiseta.png", Reader: strings.NewReader("png")}
	return []messageCase{
		{name: "bank nil params", field: "params", problem: "is nil", expected: `expected a pointer to the params struct`,
			call: func(c *Client) error { _, _, err := c.Bank.Create(ctx, nil); return err }},
		{name: "bank empty params", field: "params", problem: "is empty", expected: "expected the account's fields",
			call: func(c *Client) error { _, _, err := c.Bank.Create(ctx, &CreateBankAccountParams{}); return err }},
		{name: "bank bad document", field: "document.number", problem: "*********26 is not a valid CPF",
			expected: "expected 11 digits with correct check digits",
			call: func(c *Client) error {
				_, _, err := c.Bank.Create(ctx, &CreateBankAccountParams{Document: &Document{Number: "529.982.247-26"}})
				return err
			}},
		{name: "bank reserved id", field: "id", problem: `"pre-bank" is a reserved path segment`, expected: `expected the id that Create returned`,
			call: func(c *Client) error { _, _, err := c.Bank.FindByID(ctx, "pre-bank"); return err }},
		{name: "layout colour", field: "primaryColor", problem: `"blue" is not a hex colour`, expected: `expected "#RRGGBB"`,
			call: func(c *Client) error {
				_, _, err := c.Checkout.CreateLayout(ctx, &CreateLayoutParams{PrimaryColor: "blue"})
				return err
			}},
		{name: "layout nil params", field: "params", problem: "is nil", expected: `expected a pointer to the params struct`,
			call: func(c *Client) error { _, _, err := c.Checkout.CreateLayout(ctx, nil); return err }},
		{name: "layout settings colour", field: "primaryColor", problem: `"#12" is not a hex colour`, expected: `such as "#009FE3"`,
			call: func(c *Client) error {
				_, _, err := c.Checkout.UpdateLayoutSettings(ctx, "lay_1", &UpdateLayoutSettingsParams{PrimaryColor: "#12"})
				return err
			}},
		{name: "layout status", field: "status", problem: "is empty", expected: "expected ACTIVE or INACTIVE",
			call: func(c *Client) error { _, _, err := c.Checkout.UpdateLayoutStatus(ctx, "lay_1", " "); return err }},
		{name: "payment hostname", field: "hostname", problem: `"shop.example.com/x" is not a host name`,
			expected: `expected a domain such as "shop.example.com"`,
			call: func(c *Client) error {
				p := leakCardPayment()
				p.Hostname = "shop.example.com/x"
				_, _, err := c.Checkout.CreatePayment(ctx, "chk_1", p)
				return err
			}},
		{name: "payment without name", field: "fullName", problem: "is empty", expected: "expected the buyer's full name",
			call: func(c *Client) error {
				p := leakCardPayment()
				p.FullName = ""
				_, _, err := c.Checkout.CreatePayment(ctx, "chk_1", p)
				return err
			}},
		{name: "payment negative installments", field: "installments", problem: "-1 is negative", expected: `expected 0 (the default) or more`,
			call: func(c *Client) error {
				p := leakCardPayment()
				p.Installments = -1
				_, _, err := c.Checkout.CreatePayment(ctx, "chk_1", p)
				return err
			}},
		{name: "payment without card", field: "card", problem: "is missing", expected: "a CREDIT_CARD payment needs a card",
			call: func(c *Client) error {
				p := leakCardPayment()
				p.Card = nil
				_, _, err := c.Checkout.CreatePayment(ctx, "chk_1", p)
				return err
			}},
		{name: "company bad e-mail", field: "email", problem: `"maria" is not an e-mail address`, expected: `expected an address such as maria@example.com`,
			call: func(c *Client) error {
				_, _, err := c.Company.Update(ctx, "s_1", &UpdateCompanyParams{Email: "maria"})
				return err
			}},
		{name: "company other info", field: "extra", problem: "is empty", expected: "expected the fields to change",
			call: func(c *Client) error { _, _, err := c.Company.UpdateOtherInfo(ctx, "s_1", nil); return err }},
		{name: "company no files", field: "files", problem: "is empty", expected: "expected at least one document file",
			call: func(c *Client) error {
				_, _, err := c.Company.UpdateDocuments(ctx, "s_1", &CompanyDocumentsParams{})
				return err
			}},
		{name: "company file part name", field: "files[0].field", problem: "is empty", expected: "expected the multipart part name",
			call: func(c *Client) error {
				_, _, err := c.Company.UpdateDocuments(ctx, "s_1", &CompanyDocumentsParams{Files: []FilePart{{File: image}}})
				return err
			}},
		{name: "file without reader", field: "files[0].reader", problem: "is nil", expected: "expected the file content as an io.Reader",
			call: func(c *Client) error {
				files := []FilePart{{Field: "contrato", File: File{Name: "a.pdf"}}}
				_, _, err := c.Company.UpdateDocuments(ctx, "s_1", &CompanyDocumentsParams{Files: files})
				return err
			}},
		{name: "file without name", field: "images[0].name", problem: "is empty", expected: `expected a file name such as "image.png"`,
			call: func(c *Client) error {
				params := &CreateProductParams{Title: "Camiseta", Images: []File{{Reader: strings.NewReader("png")}}}
				_, _, err := c.Products.Create(ctx, params)
				return err
			}},
		{name: "product without title", field: "title", problem: "is empty", expected: "expected the product name",
			call: func(c *Client) error { _, _, err := c.Products.Create(ctx, &CreateProductParams{}); return err }},
		{name: "product negative price", field: "unitPrice", problem: "-1 is negative", expected: "expected centavos, 0 or more",
			call: func(c *Client) error {
				_, _, err := c.Products.Create(ctx, &CreateProductParams{Title: "Camiseta", UnitPrice: -1})
				return err
			}},
		{name: "product negative installments", field: "maxInstallments", problem: "-2 is negative", expected: `expected 0 or more`,
			call: func(c *Client) error {
				_, _, err := c.Products.Create(ctx, &CreateProductParams{Title: "Camiseta", MaxInstallments: -2})
				return err
			}},
		{name: "product access link", field: "accessLink", problem: `(got "ftp://shop.example.com")`, expected: "expected https",
			call: func(c *Client) error {
				_, _, err := c.Products.Create(ctx, &CreateProductParams{Title: "Camiseta", AccessLink: "ftp://shop.example.com"})
				return err
			}},
		{name: "product status", field: "status", problem: "is empty", expected: "expected ACTIVE or INACTIVE",
			call: func(c *Client) error { _, _, err := c.Products.UpdateStatus(ctx, "prod_1", ""); return err }},
		{name: "transfer amount", field: "amount", problem: "0 is not positive", expected: "such as 500 for R$ 5,00",
			call: func(c *Client) error {
				_, _, err := c.Transfers.Create(ctx, &CreateTransferParams{Method: "PIX"})
				return err
			}},
		{name: "transfer method", field: "method", problem: "is empty", expected: "expected PIX or BANK_TRANSFER",
			call: func(c *Client) error {
				_, _, err := c.Transfers.Create(ctx, &CreateTransferParams{Amount: 500})
				return err
			}},
		{name: "transfer update", field: "params.Extra", problem: "is empty", expected: "put the fields to change in Extra",
			call: func(c *Client) error {
				_, _, err := c.Transfers.Update(ctx, "tr_1", &UpdateTransferParams{})
				return err
			}},
		{name: "transfer reserved id", field: "id", problem: `"summary" is a reserved path segment`, expected: `expected the id that Create returned`,
			call: func(c *Client) error { _, _, err := c.Transfers.FindByID(ctx, "summary"); return err }},
		{name: "cashout amount", field: "amount", problem: "-1 is not positive", expected: "expected centavos",
			call: func(c *Client) error {
				p := leakCashout()
				p.Amount = -1
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout beneficiary document", field: "beneficiaryDocument", problem: "*********26 is not a valid CPF or CNPJ",
			expected: "expected 11 or 14 characters with correct check digits",
			call: func(c *Client) error {
				p := leakCashout()
				p.BeneficiaryDocument = "529.982.247-26"
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout beneficiary name", field: "beneficiaryName", problem: "is empty", expected: "expected the recipient's full name",
			call: func(c *Client) error {
				p := leakCashout()
				p.BeneficiaryName = " "
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout description", field: "description", problem: "is empty", expected: "the API requires a description",
			call: func(c *Client) error {
				p := leakCashout()
				p.Description = ""
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout postback", field: "postbackUrl", problem: `(got "")`, expected: "expected an https URL",
			call: func(c *Client) error {
				p := leakCashout()
				p.PostbackURL = ""
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout CPF key", field: "pixKey", problem: "*********26 is not a valid CPF", expected: "expected 11 digits",
			call: func(c *Client) error {
				p := leakCashout()
				p.PixKey = "529.982.247-26"
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout key type", field: "pixType", problem: `"IBAN" is not a PIX key type`,
			expected: "expected CPF, CNPJ, EMAIL, PHONE or RANDOM",
			call: func(c *Client) error {
				p := leakCashout()
				p.PixType = "iban"
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout e-mail key", field: "pixKey", problem: `"***.***.***-25" is not an e-mail address`, expected: `expected an address such as maria@example.com`,
			call: func(c *Client) error {
				p := leakCashout()
				p.PixType = PixKeyEmail
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "cashout random key", field: "pixKey", problem: "is not a random key", expected: "expected a UUID",
			call: func(c *Client) error {
				p := leakCashout()
				p.PixType, p.PixKey = PixKeyRandom, "not-a-uuid"
				_, _, err := c.Cashout.Create(ctx, p)
				return err
			}},
		{name: "fee amount", field: "amount", problem: "0 is not positive", expected: "such as 1000 for R$ 10,00",
			call: func(c *Client) error { _, _, err := c.Transactions.Fee(ctx, &FeeParams{}); return err }},
		{name: "fee installments", field: "installments", problem: "0 is less than 1", expected: `expected 1 or more installments`,
			call: func(c *Client) error {
				zero := 0
				_, _, err := c.Transactions.Fee(ctx, &FeeParams{Amount: 1000, Installments: &zero})
				return err
			}},
		{name: "delivery status", field: "status", problem: "is empty", expected: `expected the delivery status, such as "delivered"`,
			call: func(c *Client) error {
				_, _, err := c.Transactions.UpdateDeliveryStatus(ctx, "tx_1", &UpdateDeliveryParams{})
				return err
			}},
		{name: "webhook type", field: "type", problem: "is empty", expected: "expected an event type such as TRANSACTION",
			call: func(c *Client) error {
				_, _, err := c.Webhooks.Create(ctx, &WebhookParams{URL: "https://shop.example.com/hook"})
				return err
			}},
		{name: "webhook url", field: "url", problem: "is empty", expected: "expected the https URL that receives postbacks",
			call: func(c *Client) error {
				_, _, err := c.Webhooks.Create(ctx, &WebhookParams{Type: "transaction"})
				return err
			}},
		{name: "webhook http url", field: "url", problem: `(got "http://shop.example.com/hook")`, expected: "must use https",
			call: func(c *Client) error {
				_, _, err := c.Webhooks.Create(ctx, &WebhookParams{Type: "transaction", URL: "http://shop.example.com/hook"})
				return err
			}},
		{name: "webhook empty update", field: "params", problem: "sets nothing", expected: "expected url, type or Extra fields",
			call: func(c *Client) error { _, _, err := c.Webhooks.Update(ctx, "wh_1", &WebhookParams{}); return err }},
		{name: "postback nil", field: "postback", problem: "is nil", expected: `expected the *Postback that ParsePostback returned`,
			call: func(c *Client) error { _, _, err := c.Webhooks.VerifyPostback(ctx, nil); return err }},
		{name: "postback kind", field: "kind", problem: `"subscription" cannot be verified`,
			expected: "expected transaction, refund, transfer or cashout",
			call: func(c *Client) error {
				_, _, err := c.Webhooks.VerifyPostback(ctx, &Postback{Kind: "subscription"})
				return err
			}},
		{name: "postback max bytes", field: "maxBytes", problem: "0 is not positive", expected: "expected a size in bytes",
			call: func(*Client) error { _, err := NewPostbackHandler(noopPostback, WithPostbackMaxBytes(0)); return err }},
		{name: "postback secret parameter", field: "secret parameter", problem: "is empty",
			expected: `expected a query parameter name such as "token"`,
			call: func(*Client) error {
				_, err := NewPostbackHandler(noopPostback, WithPostbackSecret("", "s3cr3t"))
				return err
			}},
		{name: "postback secret", field: "secret", problem: "is empty", expected: "expected a long random string",
			call: func(*Client) error {
				_, err := NewPostbackHandler(noopPostback, WithPostbackSecret("token", ""))
				return err
			}},
		{name: "postback verify client", field: "client", problem: "is nil", expected: "expected the *bynet.Client",
			call: func(*Client) error { _, err := NewPostbackHandler(noopPostback, WithPostbackVerify(nil)); return err }},
		{name: "postback handler func", field: "handle", problem: "is nil", expected: "expected the function that processes postbacks",
			call: func(*Client) error { _, err := NewPostbackHandler(nil); return err }},
	}
}

func noopPostback(context.Context, *Postback) error { return nil }

func TestValidationMessages(t *testing.T) {
	c, err := NewClient(leakAPIKey, WithHTTPClient(&http.Client{Transport: noNetwork{t: t}}))
	require.NoError(t, err)

	for _, tc := range append(validationMessageCases(), serviceMessageCases()...) {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call(c)

			var validationErr *ValidationError
			require.ErrorAs(t, err, &validationErr)
			assert.ErrorIs(t, err, ErrInvalidParams)
			assert.Equal(t, tc.field, validationErr.Field)
			assert.Contains(t, err.Error(), "invalid "+tc.field+": ")
			assertNoSecrets(t, "validation error", err.Error())
			if tc.problem != "" {
				assert.Contains(t, validationErr.Problem, tc.problem, "the problem with the value")
			}
			assert.Contains(t, validationErr.Problem, tc.expected, "what is expected")
		})
	}
}

func TestOptionMessages(t *testing.T) {
	t.Setenv(APIKeyEnv, "")
	cases := []struct {
		name   string
		option Option
		apiKey string
		parts  []string
	}{
		{name: "base URL scheme", option: WithBaseURL("ftp://example.com"),
			parts: []string{"base URL", `"ftp://example.com"`, `has scheme "ftp"`, "expected https"}},
		{name: "base URL over http", option: WithBaseURL("http://example.com"),
			parts: []string{"base URL", `"http://example.com"`, "must use https"}},
		{name: "base URL with query", option: WithBaseURL("https://example.com/?a=1"),
			parts: []string{"base URL", `"https://example.com/?a=1"`, "must not have a query or fragment"}},
		{name: "nil HTTP client", option: WithHTTPClient(nil),
			parts: []string{"WithHTTPClient", "client is nil", "expected an *http.Client"}},
		{name: "zero timeout", option: WithTimeout(0),
			parts: []string{"WithTimeout", "got 0s", "must be positive"}},
		{name: "negative retries", option: WithRetry(-1, 0, 0),
			parts: []string{"WithRetry", "maxRetries", "got -1", "must be 0 or more"}},
		{name: "negative min wait", option: WithRetry(1, -1, 0),
			parts: []string{"WithRetry", "minWait", "got -1ns", "must be 0 or more"}},
		{name: "max below min", option: WithRetry(1, 2, 1),
			parts: []string{"WithRetry", "maxWait (1ns)", "must be at least minWait (2ns)"}},
		{name: "user agent on two lines", option: WithUserAgent("a\nb"),
			parts: []string{"WithUserAgent", "must be non-empty and free of control characters"}},
		{name: "zero body limit", option: WithMaxResponseBytes(0),
			parts: []string{"WithMaxResponseBytes", "got 0", "must be positive"}},
		{name: "missing API key", apiKey: " ",
			parts: []string{"missing API key", "pass one to NewClient or set " + APIKeyEnv}},
		{name: "API key with line break", apiKey: "sk_test_fake\n",
			parts: []string{"invalid API key", "contains a line break"}},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			key := tc.apiKey
			if key == "" {
				key = "sk_test_fake"
			}
			var opts []Option
			if tc.option != nil {
				opts = append(opts, tc.option)
			}

			_, err := NewClient(key, opts...)

			require.Error(t, err)
			for _, part := range tc.parts {
				assert.Contains(t, err.Error(), part)
			}
		})
	}
}
