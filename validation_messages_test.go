package bynet

import (
	"context"
	"errors"
	"net/http"
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
	// gap names the missing part of a message that lives in a file this
	// suite does not own; the case is skipped with that reason.
	gap string
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
	const transactionsGap = "transactions.go: the message does not say what is expected"
	return []messageCase{
		{name: "nil params", field: "params", problem: "is nil", gap: transactionsGap,
			call: func(c *Client) error { _, _, err := c.Transactions.Create(context.Background(), nil); return err }},
		{name: "zero amount", field: "amount", problem: "0 is not positive", expected: "expected the total in centavos",
			call: charge(func(p *CreateTransactionParams) { p.Amount = 0 })},
		{name: "negative amount", field: "amount", problem: "-5 is not positive", expected: "such as 1000 for R$ 10,00",
			call: charge(func(p *CreateTransactionParams) { p.Amount = -5 })},
		{name: "empty payment method", field: "paymentMethod", problem: "is empty", expected: "expected PIX, BOLETO or CREDIT_CARD",
			call: charge(func(p *CreateTransactionParams) { p.PaymentMethod = " " })},
		{name: "zero installments", field: "installments", problem: "0 is less than 1", gap: transactionsGap,
			call: charge(func(p *CreateTransactionParams) { zero := 0; p.Installments = &zero })},
		{name: "negative shipping fee", field: "shipping.fee", problem: "-1 is negative", expected: "expected centavos, 0 or more",
			call: charge(func(p *CreateTransactionParams) { p.Shipping = &Shipping{Fee: -1} })},
		{name: "no items", field: "items", problem: "is empty", expected: "expected at least one item",
			call: charge(func(p *CreateTransactionParams) { p.Items = nil })},
		{name: "item without title", field: "items[0].title", problem: "is empty", gap: transactionsGap,
			call: charge(func(p *CreateTransactionParams) { p.Items[0].Title = "" })},
		{name: "negative unit price", field: "items[0].unitPrice", problem: "-5 is negative", expected: "expected centavos, 0 or more",
			call: charge(func(p *CreateTransactionParams) { p.Items[0].UnitPrice = -5 })},
		{name: "zero quantity", field: "items[1].quantity", problem: "0 is less than 1", gap: transactionsGap,
			call: charge(func(p *CreateTransactionParams) { p.Items = append(p.Items, Item{Title: "Boné", Quantity: 0}) })},
		{name: "no customer", field: "customer", problem: "is missing", expected: "needs the buyer's name, e-mail and document",
			call: charge(func(p *CreateTransactionParams) { p.Customer = nil })},
		{name: "customer without name", field: "customer.name", problem: "is empty", gap: transactionsGap,
			call: charge(func(p *CreateTransactionParams) { p.Customer.Name = "" })},
		{name: "bad e-mail", field: "customer.email", problem: `"maria" is not an e-mail address`, gap: transactionsGap,
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
		{name: "document of wrong length", field: "customer.document.type", problem: "the number **********12 has 12 characters",
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
		{name: "bad card number", field: "card.number", problem: "****1112 is not a valid card number", gap: transactionsGap,
			call: cardCharge(func(card *CardParams) { card.Number = leakCard[:15] + "2" })},
		{name: "short CVV", field: "card.cvv", expected: "expected 3 or 4 digits",
			gap:  "transactions.go: the message does not say what is wrong with the CVV",
			call: cardCharge(func(card *CardParams) { card.CVV = "12" })},
		{name: "month 13", field: "card.expirationMonth", problem: "13 is not a month", expected: "expected 1 to 12",
			call: cardCharge(func(card *CardParams) { card.ExpirationMonth = 13 })},
		{name: "negative year", field: "card.expirationYear", problem: "-1 is negative", gap: transactionsGap,
			call: cardCharge(func(card *CardParams) { card.ExpirationYear = -1 })},
		{name: "card without holder", field: "card.holderName", problem: "is empty", gap: transactionsGap,
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
		{name: "reserved id", field: "id", problem: `"summary" is a reserved path segment`, gap: transactionsGap,
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

func TestValidationMessages(t *testing.T) {
	c, err := NewClient(leakAPIKey, WithHTTPClient(&http.Client{Transport: noNetwork{t: t}}))
	require.NoError(t, err)

	for _, tc := range validationMessageCases() {
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
			if tc.gap != "" {
				t.Skipf("%s: %v", tc.gap, err)
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
