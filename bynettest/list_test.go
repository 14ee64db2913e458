package bynettest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

func TestTransactionListPaginates(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	for i := range 25 {
		tx, _, err := client.Transactions.Create(ctx, pixCharge(int64(100+i)))
		require.NoError(t, err)
		if i%5 == 0 {
			require.NoError(t, srv.Pay(tx.ID))
		}
	}

	page, _, err := client.Transactions.FindAll(ctx, &bynet.TransactionListParams{ListOptions: bynet.ListOptions{Page: 3, Limit: 10}})
	require.NoError(t, err)
	assert.Equal(t, 3, page.Page)
	assert.Equal(t, 3, page.Pages)
	assert.Equal(t, 10, page.Limit)
	assert.Equal(t, 25, page.Total)
	assert.Len(t, page.Data, 5)

	count := 0
	for _, err := range client.Transactions.FindAllIter(ctx, &bynet.TransactionListParams{ListOptions: bynet.ListOptions{Limit: 7}}) {
		require.NoError(t, err)
		count++
	}
	assert.Equal(t, 25, count)

	paid, _, err := client.Transactions.FindAll(ctx, &bynet.TransactionListParams{Status: []bynet.TransactionStatus{bynet.StatusPaid}})
	require.NoError(t, err)
	assert.Equal(t, 5, paid.Total)
	for _, tx := range paid.Data {
		assert.Equal(t, bynet.StatusPaid, tx.Status)
	}
}

func TestTransactionListFilters(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()
	first := pixCharge(1000)
	first.ExternalRef = "pedido-1"
	_, _, err := client.Transactions.Create(ctx, first)
	require.NoError(t, err)
	second := pixCharge(2000)
	second.Customer = &bynet.CustomerParams{Name: "Bruno Lima", Email: "bruno@example.com", Document: bynet.Document{Number: validCNPJ}}
	_, _, err = client.Transactions.Create(ctx, second)
	require.NoError(t, err)

	cases := []struct {
		name   string
		params bynet.TransactionListParams
		want   int
	}{
		{"external ref", bynet.TransactionListParams{ExternalRef: "pedido-1"}, 1},
		{"customer name", bynet.TransactionListParams{Name: "bruno"}, 1},
		{"formatted document", bynet.TransactionListParams{DocumentNumber: "390.533.447-05"}, 1},
		{"email", bynet.TransactionListParams{Email: "ANA@example.com"}, 1},
		{"method", bynet.TransactionListParams{PaymentMethods: []bynet.PaymentMethod{bynet.PaymentMethodBoleto}}, 0},
		{"no filter", bynet.TransactionListParams{}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			page, _, err := client.Transactions.FindAll(ctx, &tc.params)
			require.NoError(t, err)
			assert.Equal(t, tc.want, page.Total)
		})
	}
}

func TestListRejectsBadPageParams(t *testing.T) {
	_, client := newSandbox(t)

	apiErr := doErr(t, client, http.MethodGet, "/api/user/transactions?limit=abc", nil)

	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "limit")
}

func TestListDateRange(t *testing.T) {
	srv, client := newSandbox(t)
	paidCharge(t, srv, client, 1000)

	inside := do(t, client, http.MethodGet, "/api/user/transactions?startDate=2000-01-01", nil)
	outside := do(t, client, http.MethodGet, "/api/user/transactions?endDate=2000-01-01", nil)

	assert.Equal(t, float64(1), inside["total"])
	assert.Equal(t, float64(0), outside["total"])
}

func TestExportIsWorkbook(t *testing.T) {
	srv, client := newSandbox(t)
	tx := paidCharge(t, srv, client, 1000)
	_, _, err := client.Transactions.Create(context.Background(), pixCharge(2000))
	require.NoError(t, err)

	resp := send(t, srv, http.MethodPost, "/api/user/transactions/export", "application/json", []byte(`{"status":["PAID"]}`))

	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", resp.contentType)
	archive, err := zip.NewReader(bytes.NewReader(resp.body), int64(len(resp.body)))
	require.NoError(t, err)

	var sheet string
	for _, f := range archive.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			r, err := f.Open()
			require.NoError(t, err)
			data, _ := io.ReadAll(r)
			sheet = string(data)
		}
	}
	assert.Contains(t, sheet, tx.ID)
	assert.Equal(t, 2, strings.Count(sheet, "<row "), "the header and the one paid charge")
}
