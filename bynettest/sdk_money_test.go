package bynettest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

func TestSDKTransactionReports(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	tx := paidCharge(t, srv, client, 10000)

	delivered, _, err := client.Transactions.UpdateDeliveryStatus(ctx, tx.ID, &bynet.UpdateDeliveryParams{Status: "DELIVERED", TrackingCode: "BR123456789"})
	require.NoError(t, err)
	require.NotNil(t, delivered.Delivery)
	assert.Equal(t, "BR123456789", delivered.Delivery.TrackingCode)

	summary, _, err := client.Transactions.SummaryAll(ctx, &bynet.TransactionSummaryParams{Status: []bynet.TransactionStatus{bynet.StatusPaid}})
	require.NoError(t, err)
	var totals struct{ Count, Amount int64 }
	require.NoError(t, json.Unmarshal(summary.Raw, &totals))
	assert.Equal(t, int64(1), totals.Count)
	assert.Equal(t, int64(10000), totals.Amount)

	fee, _, err := client.Transactions.Fee(ctx, &bynet.FeeParams{Amount: 10000, PaymentMethod: bynet.PaymentMethodPix})
	require.NoError(t, err)
	assert.Equal(t, int64(199), fee.EstimatedFee)
	assert.Equal(t, int64(9801), fee.NetAmount)

	body, _, err := client.Transactions.ExportExcel(ctx, &bynet.ExportTransactionsParams{Status: []bynet.TransactionStatus{bynet.StatusPaid}})
	require.NoError(t, err)
	data, err := io.ReadAll(body)
	require.NoError(t, body.Close())
	require.NoError(t, err)
	_, err = zip.NewReader(bytes.NewReader(data), int64(len(data)))
	assert.NoError(t, err, "the export is an .xlsx (zip) file")
	assert.Contains(t, string(unzipSheet(t, data)), tx.ID)
}

func unzipSheet(t *testing.T, data []byte) []byte {
	t.Helper()

	archive, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	require.NoError(t, err)
	f, err := archive.Open("xl/worksheets/sheet1.xml")
	require.NoError(t, err)
	defer f.Close()

	sheet, err := io.ReadAll(f)
	require.NoError(t, err)
	return sheet
}

func TestSDKCashout(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	srv.Credit(10000, "")
	params := &bynet.CreateCashoutParams{Amount: 2500, PixType: bynet.PixKeyEmail, PixKey: "ana@example.com",
		BeneficiaryName: "Ana Souza", BeneficiaryDocument: validCPF, Description: "Saque",
		PostbackURL: "https://shop.example.com/hook"}

	cashout, _, err := client.Cashout.Create(ctx, params)
	require.NoError(t, err)
	assert.Equal(t, bynet.CashoutPending, cashout.Status)
	assert.Equal(t, int64(50), cashout.Fee)

	require.NoError(t, srv.CompletePayout(cashout.ID))
	found, _, err := client.Cashout.FindByID(ctx, cashout.ID)
	require.NoError(t, err)
	assert.Equal(t, bynet.CashoutStatus("PAID"), found.Status)
	assert.NotEmpty(t, found.EndToEndID)

	page, _, err := client.Cashout.FindAll(ctx, &bynet.CashoutListParams{Status: []bynet.CashoutStatus{"PAID"}})
	require.NoError(t, err)
	assert.Equal(t, 1, page.Total)

	params.Amount = 10000
	_, _, err = client.Cashout.Create(ctx, params)
	assert.ErrorIs(t, err, bynet.ErrBadRequest, "more than the balance")
}

func TestSDKTransfers(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	srv.Credit(10000, "")
	_, _, err := client.Bank.Create(ctx, &bynet.CreateBankAccountParams{BankCode: "260", Agency: "0001", Account: "1234-5",
		HolderName: "Loja Exemplo", Document: &bynet.Document{Number: validCNPJ}, PixKey: validCNPJ, PixKeyType: "CNPJ"})
	require.NoError(t, err)

	created, _, err := client.Transfers.Create(ctx, &bynet.CreateTransferParams{Amount: 3000, Method: bynet.TransferPix})
	require.NoError(t, err)
	require.Len(t, created, 1)
	transfer := created[0]
	assert.Equal(t, bynet.TransferInProcess, transfer.Status)
	assert.Equal(t, validCNPJ, transfer.PixKey)

	updated, _, err := client.Transfers.Update(ctx, transfer.ID, &bynet.UpdateTransferParams{Extra: map[string]any{"description": "Repasse semanal"}})
	require.NoError(t, err)
	assert.Equal(t, "Repasse semanal", updated.Description)

	require.NoError(t, srv.FailPayout(transfer.ID, "Conta de destino encerrada."))
	found, _, err := client.Transfers.FindByID(ctx, transfer.ID)
	require.NoError(t, err)
	assert.Equal(t, bynet.TransferFailed, found.Status)
	assert.Equal(t, "Conta de destino encerrada.", found.Error)

	page, _, err := client.Transfers.FindAll(ctx, &bynet.TransferListParams{Status: []bynet.TransferStatus{bynet.TransferFailed}})
	require.NoError(t, err)
	assert.Equal(t, 1, page.Total)

	summary, _, err := client.Transfers.Summary(ctx)
	require.NoError(t, err)
	assert.Contains(t, string(summary.Raw), `"FAILED"`)

	available, _, _ := srv.Balance()
	assert.Equal(t, int64(10000), available, "a failed transfer gives the money back")
}

func TestSDKBalance(t *testing.T) {
	srv := bynettest.NewServer(bynettest.WithFinancialReserve(500, 15))
	t.Cleanup(srv.Close)
	client := srv.Client()
	ctx := context.Background()
	paidCharge(t, srv, client, 10000)

	history, _, err := client.Balance.Find(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 4, history.Total, "payment, fee, reserve hold and reserve release")

	summary, _, err := client.Balance.Summary(ctx, nil)
	require.NoError(t, err)
	var b struct{ Available, Reserved int64 }
	require.NoError(t, json.Unmarshal(summary.Raw, &b))
	assert.Equal(t, int64(490), b.Reserved, "5% of the net 9801")
	assert.Equal(t, int64(9801-490), b.Available)

	reserve, _, err := client.Balance.FindFinancialReserve(ctx, nil)
	require.NoError(t, err)
	require.Len(t, reserve.Data, 1)
	assert.Equal(t, bynet.ReserveReserved, reserve.Data[0].Status)
	assert.Equal(t, int64(490), reserve.Data[0].Inflows)
	assert.False(t, reserve.Data[0].ReleaseDate.IsZero())
}

func TestSDKWebhooks(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()

	hook, _, err := client.Webhooks.Create(ctx, &bynet.WebhookParams{URL: "https://shop.example.com/hook", Type: bynet.WebhookTransaction})
	require.NoError(t, err)
	assert.Equal(t, bynettest.CompanyID, hook.SellerID)

	updated, _, err := client.Webhooks.Update(ctx, hook.ID, &bynet.WebhookParams{URL: "https://shop.example.com/v2"})
	require.NoError(t, err)
	assert.Equal(t, "https://shop.example.com/v2", updated.URL)

	found, _, err := client.Webhooks.FindByID(ctx, hook.ID)
	require.NoError(t, err)
	assert.Equal(t, bynet.WebhookTransaction, found.Type)

	page, _, err := client.Webhooks.FindAll(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, page.Total)

	_, err = client.Webhooks.Delete(ctx, hook.ID)
	require.NoError(t, err)
	_, _, err = client.Webhooks.FindByID(ctx, hook.ID)
	assert.ErrorIs(t, err, bynet.ErrNotFound)
}
