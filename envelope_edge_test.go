package bynet_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

func TestEmptyErrorValuesMeanSuccess(t *testing.T) {
	for _, errValue := range []string{`null`, `false`, `0`, `""`, `[]`, `{}`} {
		t.Run(errValue, func(t *testing.T) {
			client, mock := mockedClient(t)
			body := `{"status":200,"message":"ok","data":{"id":"tx1","status":"PAID"},"error":` + errValue + `}`
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(200, body))

			tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")

			require.NoError(t, err)
			assert.Equal(t, bynet.StatusPaid, tx.Status)
		})
	}
}

func TestNonEmptyErrorValuesMeanFailure(t *testing.T) {
	for _, errValue := range []string{`true`, `1`, `"falhou"`, `["falhou"]`, `{"message":"falhou"}`} {
		t.Run(errValue, func(t *testing.T) {
			client, mock := mockedClient(t)
			body := `{"status":200,"message":"ok","data":{"id":"tx1"},"error":` + errValue + `}`
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(200, body))

			_, _, err := client.Transactions.FindByID(context.Background(), "tx1")

			assert.ErrorIs(t, err, bynet.ErrBadRequest)
		})
	}
}

func TestUpdateWithNullDataSucceeds(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPut, mockBase+"/api/user/transactions/tx1",
		jsonResponder(200, `{"status":200,"message":"Atualizado com sucesso","data":null,"error":null}`))

	var out map[string]any
	err := client.Do(context.Background(), http.MethodPut, "/api/user/transactions/tx1", map[string]any{"a": 1}, &out)

	require.NoError(t, err)
	assert.Nil(t, out)
}

func TestReadWithNullDataFails(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
		jsonResponder(200, `{"status":200,"message":"ok","data":null,"error":null}`))

	_, _, err := client.Transactions.FindByID(context.Background(), "tx1")

	var decodeErr *bynet.DecodeError
	assert.ErrorAs(t, err, &decodeErr)
}

func TestIteratorUsesTotalWithoutPagesOrLimit(t *testing.T) {
	client, mock := mockedClient(t)
	calls := 0
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/customers", func(r *http.Request) (*http.Response, error) {
		calls++
		page := r.URL.Query().Get("page")
		body := fmt.Sprintf(`{"status":200,"message":"ok","data":{"data":[{"id":"c%s-1"},{"id":"c%s-2"}],"total":5},"error":null}`, page, page)
		if page == "3" {
			body = `{"status":200,"message":"ok","data":{"data":[{"id":"c3-1"}],"total":5},"error":null}`
		}
		return jsonResponder(200, body)(r)
	})

	var ids []string
	for customer, err := range client.Customers.FindAllIter(context.Background(), nil) {
		require.NoError(t, err)
		ids = append(ids, customer.ID)
	}

	assert.Len(t, ids, 5)
	assert.Equal(t, 3, calls)
}

func TestTransactionsFindAllDateFilters(t *testing.T) {
	client, mock := mockedClient(t)
	var query string
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions", func(r *http.Request) (*http.Response, error) {
		query = r.URL.RawQuery
		return jsonResponder(200, `{"status":200,"message":"ok","data":{"data":[],"page":1,"pages":1,"limit":10,"total":0},"error":null}`)(r)
	})

	_, _, err := client.Transactions.FindAll(context.Background(), &bynet.TransactionListParams{StartDate: "2026-11-01", EndDate: "2026-11-30"})

	require.NoError(t, err)
	assert.Equal(t, "endDate=2026-11-30&startDate=2026-11-01", query)
}

func TestTransactionsFindAllRejectsBadDate(t *testing.T) {
	client, mock := mockedClient(t)

	_, _, err := client.Transactions.FindAll(context.Background(), &bynet.TransactionListParams{StartDate: "01/11/2026"})

	require.ErrorIs(t, err, bynet.ErrInvalidParams)
	assert.Contains(t, err.Error(), "startDate")
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestRefusedErrorMasksEchoedKey(t *testing.T) {
	client, mock := mockedClient(t)
	body := `{"status":200,"message":"ok","data":{"id":"tx1","status":"REFUSED","amount":1000,"refusedReason":"chave ` + fakeKey + ` recusada"},"error":null}`
	mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions", jsonResponder(200, body))

	tx, _, err := client.Transactions.Create(context.Background(), validCreateParams())

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, bynet.ErrRefused)
	assert.NotContains(t, apiErr.RefusedReason.Message, fakeKey)
	assert.NotContains(t, string(apiErr.RefusedReason.Raw), fakeKey)
	assert.Equal(t, bynet.StatusRefused, tx.Status)
}
