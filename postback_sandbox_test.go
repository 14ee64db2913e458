package bynet_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

// sandboxReceiver serves a verifying PostbackHandler for the sandbox and
// returns its postback URL, secret included, and the accepted postbacks.
func sandboxReceiver(t *testing.T, client *bynet.Client) (string, <-chan *bynet.Postback) {
	t.Helper()
	received := make(chan *bynet.Postback, 16)
	h, err := bynet.NewPostbackHandler(func(_ context.Context, p *bynet.Postback) error {
		received <- p
		return nil
	}, bynet.WithPostbackSecret("token", "sandbox-secret-0123456789"), bynet.WithPostbackVerify(client))
	require.NoError(t, err)

	receiver := httptest.NewServer(h)
	t.Cleanup(receiver.Close)
	return receiver.URL + "/pb?token=sandbox-secret-0123456789", received
}

func nextPostback(t *testing.T, received <-chan *bynet.Postback) *bynet.Postback {
	t.Helper()
	select {
	case p := <-received:
		return p
	case <-time.After(10 * time.Second):
		t.Fatal("no postback within 10s")
		return nil
	}
}

func TestSandboxPostbacksOfCharge(t *testing.T) {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	postbackURL, received := sandboxReceiver(t, client)

	tx, _, err := client.Transactions.Create(context.Background(), &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer:      &bynet.CustomerParams{Name: "Maria Silva", Email: "maria@example.com", Document: bynet.Document{Number: "39053344705"}},
		Items:         []bynet.Item{{Title: "Assinatura", UnitPrice: 1000, Quantity: 1}},
		PostbackURL:   postbackURL,
	})
	require.NoError(t, err)

	require.NoError(t, srv.Pay(tx.ID))
	paid := nextPostback(t, received)
	assert.True(t, paid.Verified)
	assert.Equal(t, tx.ID, paid.ObjectID)
	assert.Equal(t, bynet.PostbackTransaction, paid.Kind)
	assert.Equal(t, bynet.StatusPaid, paid.Status)
	assert.Equal(t, int64(1000), paid.Amount)
	assert.NotEmpty(t, paid.EndToEndID)
	assert.False(t, paid.PaidAt.IsZero())

	require.NoError(t, srv.Refund(tx.ID, 0))
	refunded := nextPostback(t, received)
	assert.True(t, refunded.Verified)
	assert.Equal(t, bynet.StatusRefunded, refunded.Status)
	assert.True(t, refunded.Status.IsReversed())
	assert.Equal(t, int64(1000), refunded.RefundedAmount)

	srv.Flush()
	for _, d := range srv.Deliveries() {
		assert.True(t, d.Delivered, "delivery of %s %s: %d %s", d.Type, d.Status, d.StatusCode, d.Error)
	}
}

func TestSandboxPostbackOfCashout(t *testing.T) {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	postbackURL, received := sandboxReceiver(t, client)
	srv.Credit(10000, "Saldo de teste")

	// client.Do sends the documented body, so this test checks the postback
	// path alone, whatever Cashout.Create validates.
	var cashout struct{ ID string }
	body := map[string]any{"amount": 500, "pixKey": "ana@example.com", "pixType": "EMAIL",
		"beneficiaryName": "Ana Souza", "beneficiaryDocument": "39053344705",
		"description": "Saque de teste", "postbackUrl": postbackURL}
	require.NoError(t, client.Do(context.Background(), "POST", "/api/user/cashout", body, &cashout))

	require.NoError(t, srv.CompletePayout(cashout.ID))
	p := nextPostback(t, received)
	assert.True(t, p.Verified)
	assert.Equal(t, bynet.PostbackCashout, p.Kind)
	assert.Equal(t, cashout.ID, p.ObjectID)
	assert.Equal(t, bynet.StatusPaid, p.Status)
	assert.Equal(t, int64(500), p.Amount)
	assert.Nil(t, p.Transaction)
}
