package bynettest_test

import (
	"context"
	"iter"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

// count drains an iterator, failing the test on its first error.
func count[T any](t *testing.T, seq iter.Seq2[T, error]) int {
	t.Helper()

	n := 0
	for _, err := range seq {
		require.NoError(t, err)
		n++
	}
	return n
}

func TestSDKIteratorsWalkEveryPage(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	page := bynet.ListOptions{Limit: 2}

	for i := range 3 {
		tx := paidCharge(t, srv, client, int64(1000*(i+1)))
		if i == 0 {
			summary, _, err := client.Transactions.SummaryByID(ctx, tx.ID)
			require.NoError(t, err)
			assert.Equal(t, bynet.StatusPaid, summary.Status)
			assert.Equal(t, int64(1000), summary.Amount)
		}
	}
	for range 3 {
		_, _, err := client.Products.Create(ctx, &bynet.CreateProductParams{Title: "Ebook", UnitPrice: 990})
		require.NoError(t, err)
		_, _, err = client.Webhooks.Create(ctx, &bynet.WebhookParams{URL: "https://shop.example.com/hook", Type: bynet.WebhookTransaction})
		require.NoError(t, err)
		_, _, err = client.Checkout.CreateLayout(ctx, &bynet.CreateLayoutParams{PrimaryColor: "#000000"})
		require.NoError(t, err)
		_, _, err = client.Bank.Create(ctx, &bynet.CreateBankAccountParams{BankCode: "001", Agency: "1", Account: "2",
			HolderName: "Loja", Document: &bynet.Document{Number: validCNPJ}})
		require.NoError(t, err)
		_, _, err = client.Cashout.Create(ctx, &bynet.CreateCashoutParams{Amount: 100, PixType: bynet.PixKeyCPF, PixKey: validCPF,
			BeneficiaryName: "Ana", BeneficiaryDocument: validCPF, Description: "Saque", PostbackURL: "https://shop.example.com/hook"})
		require.NoError(t, err)
		_, _, err = client.Transfers.Create(ctx, &bynet.CreateTransferParams{Amount: 100, Method: bynet.TransferPix})
		require.NoError(t, err)
	}

	assert.Equal(t, 3, count(t, client.Transactions.FindAllIter(ctx, &bynet.TransactionListParams{ListOptions: page})))
	assert.Equal(t, 1, count(t, client.Customers.FindAllIter(ctx, &bynet.CustomerListParams{ListOptions: page})))
	assert.Equal(t, 3, count(t, client.Products.FindAllIter(ctx, &bynet.ProductListParams{ListOptions: page})))
	assert.Equal(t, 3, count(t, client.Webhooks.FindAllIter(ctx, &bynet.WebhookListParams{ListOptions: page})))
	assert.Equal(t, 4, count(t, client.Checkout.FindLayoutsIter(ctx, &bynet.LayoutListParams{ListOptions: page})), "3 and the default")
	assert.Equal(t, 3, count(t, client.Bank.FindAllIter(ctx, &bynet.BankListParams{ListOptions: page})))
	assert.Equal(t, 3, count(t, client.Cashout.FindAllIter(ctx, &bynet.CashoutListParams{ListOptions: page})))
	assert.Equal(t, 3, count(t, client.Transfers.FindAllIter(ctx, &bynet.TransferListParams{ListOptions: page})))
	// 3 charges with a fee each, then 3 cashouts and 3 transfers with a fee each (PIX transfers have none).
	assert.Equal(t, 6+6+3, count(t, client.Balance.FindIter(ctx, &bynet.BalanceHistoryParams{ListOptions: page})))
	assert.Equal(t, 0, count(t, client.Balance.FindFinancialReserveIter(ctx, &bynet.FinancialReserveParams{ListOptions: page})))
}
