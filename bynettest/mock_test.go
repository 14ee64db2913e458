package bynettest_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

func TestMockClientTransaction(t *testing.T) {
	t.Parallel()
	client, mock := bynettest.NewMockClient(t)
	tx := bynettest.NewTransaction(1990, bynet.StatusPaid)
	id := tx["id"].(string)
	mock.RegisterResponder(http.MethodGet, bynettest.MockURL("/api/user/transactions/"+id), bynettest.TransactionResponder(tx))

	got, resp, err := client.Transactions.FindByID(context.Background(), id)

	require.NoError(t, err)
	assert.Equal(t, "Transação encontrada com sucesso.", resp.Message)
	assert.Equal(t, bynet.StatusPaid, got.Status)
	assert.Equal(t, int64(1990), got.Amount)
	assert.False(t, got.PaidAt.IsZero())
	assert.NotEmpty(t, got.EndToEndID)
	assert.NoError(t, bynettest.CheckPixCode(got.PixCode()))
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestMockClientFixtureEdits(t *testing.T) {
	t.Parallel()
	client, mock := bynettest.NewMockClient(t)
	tx := bynettest.NewTransaction(500, "waiting_payment")
	tx["status"] = "refused"
	tx["refusedReason"] = bynettest.Object{"message": "Saldo insuficiente no banco do pagador."}
	mock.RegisterResponder(http.MethodPost, bynettest.MockURL("/api/user/transactions"), bynettest.CreatedTransactionResponder(tx))

	got, _, err := client.Transactions.Create(context.Background(), pixCharge(500))

	require.ErrorIs(t, err, bynet.ErrRefused)
	assert.Equal(t, bynet.StatusRefused, got.Status)
}

func TestMockClientErrors(t *testing.T) {
	t.Parallel()
	client, mock := bynettest.NewMockClient(t)
	mock.RegisterResponder(http.MethodGet, bynettest.MockURL("/api/user/transactions/missing"),
		bynettest.ErrorResponder(http.StatusNotFound, "Transação não encontrada."))
	mock.RegisterResponder(http.MethodPost, bynettest.MockURL("/api/user/transactions"),
		bynettest.ValidationErrorResponder("customer.document.number", "CPF inválido."))

	_, _, err := client.Transactions.FindByID(context.Background(), "missing")
	assert.ErrorIs(t, err, bynet.ErrNotFound)

	_, _, err = client.Transactions.Create(context.Background(), pixCharge(500))
	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, []string{"CPF inválido."}, apiErr.RefusedReason.Errors["customer.document.number"])
}

func TestMockClientRetriesWithoutWaiting(t *testing.T) {
	t.Parallel()
	client, mock := bynettest.NewMockClient(t)
	mock.RegisterResponder(http.MethodGet, bynettest.MockURL("/api/user/customers"),
		bynettest.ErrorResponder(http.StatusServiceUnavailable, "Serviço temporariamente indisponível.").Then(bynettest.PageResponder("Clientes encontrados com sucesso.", nil, 1, 10, 0)))

	page, resp, err := client.Customers.FindAll(context.Background(), nil)

	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
	assert.Empty(t, page.Data)
}

func TestMockClientPages(t *testing.T) {
	t.Parallel()
	client, mock := bynettest.NewMockClient(t)
	rows := []bynettest.Object{
		bynettest.NewTransaction(100, bynet.StatusPaid),
		bynettest.NewTransaction(200, bynet.StatusWaitingPayment),
		bynettest.NewTransaction(300, bynet.StatusRefunded),
	}
	mock.RegisterResponderWithQuery(http.MethodGet, bynettest.MockURL("/api/user/transactions"), "limit=2&page=1",
		bynettest.PageResponder("Transações encontradas com sucesso.", rows[:2], 1, 2, 3))
	mock.RegisterResponderWithQuery(http.MethodGet, bynettest.MockURL("/api/user/transactions"), "limit=2&page=2",
		bynettest.PageResponder("Transações encontradas com sucesso.", rows[2:], 2, 2, 3))

	var amounts []int64
	params := &bynet.TransactionListParams{ListOptions: bynet.ListOptions{Limit: 2}}
	for tx, err := range client.Transactions.FindAllIter(context.Background(), params) {
		require.NoError(t, err)
		amounts = append(amounts, tx.Amount)
	}

	assert.Equal(t, []int64{100, 200, 300}, amounts)
}
