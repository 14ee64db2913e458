package bynet_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/bynet-go/bynet"
)

func TestParamsLogWithoutSecrets(t *testing.T) {
	params := validCreateParams()
	params.PaymentMethod = bynet.PaymentMethodCreditCard
	params.Card = &bynet.CardParams{Number: "4111111111111111", HolderName: "MARIA SILVA", ExpirationMonth: 12, ExpirationYear: 2030, CVV: "987"}

	var out bytes.Buffer
	for _, handler := range []slog.Handler{slog.NewJSONHandler(&out, nil), slog.NewTextHandler(&out, nil)} {
		logger := slog.New(handler)
		logger.Info("creating charge", "params", params)
		logger.Info("customer", "customer", params.Customer, "document", params.Customer.Document)
	}

	logged := out.String()
	assert.NotContains(t, logged, "4111111111111111")
	assert.NotContains(t, logged, "987")
	assert.NotContains(t, logged, validCPF)
	assert.Contains(t, logged, "order-redirect")
	assert.Contains(t, logged, "*********25")
}

func TestDocumentPrintsMasked(t *testing.T) {
	doc := bynet.Document{Number: validCPF, Type: bynet.DocumentCPF}

	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		printed := fmt.Sprintf(verb, doc)

		assert.NotContains(t, printed, validCPF, verb)
		assert.Contains(t, printed, "25", verb)
	}
}

func TestCreateRejectsExpiredCard(t *testing.T) {
	client, mock := mockedClient(t)
	params := validCreateParams()
	params.PaymentMethod = bynet.PaymentMethodCreditCard
	params.Card = &bynet.CardParams{Number: "4111111111111111", HolderName: "MARIA SILVA", ExpirationMonth: 1, ExpirationYear: 2001, CVV: "987"}

	_, _, err := client.Transactions.Create(context.Background(), params)

	assert.ErrorIs(t, err, bynet.ErrInvalidParams)
	assert.Contains(t, err.Error(), "expired")
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestCreateRejectsAmountInExtra(t *testing.T) {
	client, mock := mockedClient(t)
	params := validCreateParams()
	params.Extra = map[string]any{"amount": -5}

	_, _, err := client.Transactions.Create(context.Background(), params)

	assert.ErrorIs(t, err, bynet.ErrInvalidParams)
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestNewClientRejectsPaddedKey(t *testing.T) {
	_, err := bynet.NewClient(" sk_test_fake ")

	assert.ErrorContains(t, err, "leading or trailing spaces")
}
