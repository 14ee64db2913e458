package bynettest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

func TestLifecycleStatuses(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	status := func(id string) bynet.TransactionStatus {
		tx, _, err := client.Transactions.FindByID(ctx, id)
		require.NoError(t, err)
		return tx.Status
	}

	refused, _, err := client.Transactions.Create(ctx, pixCharge(1000))
	require.NoError(t, err)
	require.NoError(t, srv.Refuse(refused.ID, ""))
	assert.Equal(t, bynet.StatusRefused, status(refused.ID))

	canceled, _, err := client.Transactions.Create(ctx, pixCharge(1000))
	require.NoError(t, err)
	require.NoError(t, srv.Cancel(canceled.ID))
	assert.Equal(t, bynet.StatusCanceled, status(canceled.ID))
	assert.Error(t, srv.Pay(canceled.ID), "a canceled charge cannot be paid")

	disputed := paidCharge(t, srv, client, 1000)
	require.NoError(t, srv.Chargeback(disputed.ID))
	assert.Equal(t, bynet.StatusChargedback, status(disputed.ID))

	assert.Error(t, srv.Refund(refused.ID, 0), "only paid charges are refunded")
	assert.Error(t, srv.Chargeback(canceled.ID))
}

func TestPartialThenFullRefund(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	tx := paidCharge(t, srv, client, 1000)

	require.NoError(t, srv.Refund(tx.ID, 300))
	got, _, err := client.Transactions.FindByID(ctx, tx.ID)
	require.NoError(t, err)
	assert.Equal(t, bynet.StatusPaid, got.Status)
	assert.Equal(t, int64(300), got.RefundedAmount)
	require.Len(t, got.Refunds, 1)

	assert.Error(t, srv.Refund(tx.ID, 800), "more than what is left")
	require.NoError(t, srv.Refund(tx.ID, 0))
	got, _, err = client.Transactions.FindByID(ctx, tx.ID)
	require.NoError(t, err)
	assert.Equal(t, bynet.StatusRefunded, got.Status)
	assert.Equal(t, int64(1000), got.RefundedAmount)
	assert.Len(t, got.Refunds, 2)
}

func TestCardChargesSettleAtOnce(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()
	card := func(number string) *bynet.CreateTransactionParams {
		p := pixCharge(5000)
		p.PaymentMethod = bynet.PaymentMethodCreditCard
		p.Card = &bynet.CardParams{Number: number, HolderName: "ANA SOUZA", ExpirationMonth: 12, ExpirationYear: 2030, CVV: "123"}
		return p
	}

	paid, _, err := client.Transactions.Create(ctx, card("4111111111111111"))
	require.NoError(t, err)
	assert.Equal(t, bynet.StatusPaid, paid.Status)
	require.NotNil(t, paid.Card)
	assert.Equal(t, "1111", paid.Card.LastDigits)

	refused, _, err := client.Transactions.Create(ctx, card(bynettest.RefusedCardNumber))
	require.ErrorIs(t, err, bynet.ErrRefused)
	require.NotNil(t, refused)
	assert.Equal(t, bynet.StatusRefused, refused.Status)
}

func TestBoletoCharge(t *testing.T) {
	_, client := newSandbox(t)
	params := pixCharge(15000)
	params.PaymentMethod = bynet.PaymentMethodBoleto
	params.Pix = nil

	tx, _, err := client.Transactions.Create(context.Background(), params)

	require.NoError(t, err)
	require.NotNil(t, tx.Boleto)
	assert.Len(t, tx.Boleto.Barcode, 47)
	assert.False(t, tx.Boleto.ExpirationDate.IsZero())
	assert.Empty(t, tx.PixCode())
}

func TestAutoSettlePaysCharge(t *testing.T) {
	srv := bynettest.NewServer(bynettest.WithAutoSettle(10 * time.Millisecond))
	t.Cleanup(srv.Close)
	client := srv.Client()
	ctx := context.Background()

	tx, _, err := client.Transactions.Create(ctx, pixCharge(1000))
	require.NoError(t, err)

	assert.Eventually(t, func() bool {
		got, _, err := client.Transactions.FindByID(ctx, tx.ID)
		return err == nil && got.Status == bynet.StatusPaid
	}, 5*time.Second, 10*time.Millisecond)
}

func TestClockFixesTimestamps(t *testing.T) {
	fixed := time.Date(2026, 7, 1, 12, 30, 0, 0, time.UTC)
	srv := bynettest.NewServer(bynettest.WithClock(func() time.Time { return fixed }))
	t.Cleanup(srv.Close)
	client := srv.Client()

	tx := paidCharge(t, srv, client, 1000)
	got, _, err := client.Transactions.FindByID(context.Background(), tx.ID)

	require.NoError(t, err)
	assert.True(t, got.CreatedAt.Equal(fixed))
	assert.True(t, got.PaidAt.Equal(fixed))
	assert.Contains(t, got.EndToEndID, "202607011230")
}
