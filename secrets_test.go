package bynet

import (
	"regexp"
	"strings"
	"testing"
)

// Recognisable fake secrets that tests send through the SDK and then look
// for in every log line and error string.
const (
	leakAPIKey = "sk_test_LEAKCHECK_4d1e8b7f"
	// leakCard is a Luhn-valid test card number.
	leakCard          = "4111111111111111"
	leakCardSpaced    = "4111 1111 1111 1111"
	leakCVV           = "9351"
	leakCPF           = "52998224725"
	leakCPFFormatted  = "529.982.247-25"
	leakCNPJ          = "11222333000181"
	leakCNPJFormatted = "11.222.333/0001-81"
)

// leakCVVPattern finds the CVV as a number of its own, not inside a longer
// number, a duration or a port.
var leakCVVPattern = regexp.MustCompile(`(^|[^0-9:.])` + leakCVV + `([^0-9]|$)`)

// leakCardCharge is a card charge that carries every fake secret.
func leakCardCharge() *CreateTransactionParams {
	return &CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: PaymentMethodCreditCard,
		ExternalRef:   "order-42",
		Items:         []Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
		Customer: &CustomerParams{
			Name:     "Maria da Silva",
			Email:    "maria@example.com",
			Document: Document{Number: leakCPFFormatted},
		},
		Card: &CardParams{
			Number:          leakCardSpaced,
			HolderName:      "MARIA DA SILVA",
			ExpirationMonth: 12,
			ExpirationYear:  2030,
			CVV:             leakCVV,
		},
	}
}

// assertNoSecrets fails when text holds the API key, the card number, the
// CVV or an unmasked CPF or CNPJ.
func assertNoSecrets(t *testing.T, what, text string) {
	t.Helper()
	for _, secret := range []string{leakAPIKey, "LEAKCHECK", leakCard, leakCardSpaced, leakCPF, leakCPFFormatted, leakCNPJ, leakCNPJFormatted} {
		if strings.Contains(text, secret) {
			t.Errorf("%s contains the secret %q:\n%s", what, secret, excerpt(text, secret))
		}
	}

	if loc := leakCVVPattern.FindStringIndex(text); loc != nil {
		t.Errorf("%s contains the CVV:\n%s", what, excerpt(text, text[loc[0]:loc[1]]))
	}
}

// excerpt returns the line of text that contains needle.
func excerpt(text, needle string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, needle) {
			return line
		}
	}
	return text
}
