package bynettest_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

// validCPF and validCNPJ pass the check-digit rules. They are made up for tests.
const (
	validCPF  = "39053344705"
	validCNPJ = "11222333000181"
)

func pixCharge(amount int64) *bynet.CreateTransactionParams {
	return &bynet.CreateTransactionParams{
		Amount:        amount,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{Name: "Ana Souza", Email: "ana@example.com",
			Document: bynet.Document{Number: validCPF}},
		Items: []bynet.Item{{Title: "Curso", UnitPrice: amount, Quantity: 1}},
	}
}

func newSandbox(t *testing.T) (*bynettest.Server, *bynet.Client) {
	t.Helper()
	srv := bynettest.NewServer()
	t.Cleanup(srv.Close)
	return srv, srv.Client()
}

func TestServerListensOnLoopback(t *testing.T) {
	srv, _ := newSandbox(t)

	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
	assert.Equal(t, bynettest.DefaultAPIKey, srv.APIKey)
}

func TestCreatePixCharge(t *testing.T) {
	_, client := newSandbox(t)

	tx, resp, err := client.Transactions.Create(context.Background(), pixCharge(1000))
	require.NoError(t, err)

	assert.Equal(t, "Transação criada com sucesso.", resp.Message)
	assert.Equal(t, bynet.StatusWaitingPayment, tx.Status)
	assert.Equal(t, int64(1000), tx.Amount)
	assert.Equal(t, bynet.PaymentMethodPix, tx.PaymentMethod)
	assert.Equal(t, bynettest.CompanyID, tx.CompanyID)
	assert.True(t, tx.PaidAt.IsZero())
	require.NotNil(t, tx.Customer)
	assert.Equal(t, validCPF, tx.Customer.Document.Number)
	assert.Len(t, tx.Items, 1)

	code := tx.PixCode()
	assert.True(t, strings.HasPrefix(code, "000201"), code)
	assert.Contains(t, code, "br.gov.bcb.pix")
	assert.Contains(t, code, "5303986")
	assert.Contains(t, code, "540510.00")
	assert.Contains(t, code, "5802BR")
	assert.NoError(t, bynettest.CheckPixCode(code))
}

func TestPayMarksChargePaid(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	tx, _, err := client.Transactions.Create(ctx, pixCharge(2500))
	require.NoError(t, err)

	require.NoError(t, srv.Pay(tx.ID))

	got, resp, err := client.Transactions.FindByID(ctx, tx.ID)
	require.NoError(t, err)
	assert.Equal(t, "Transação encontrada com sucesso.", resp.Message)
	assert.Equal(t, bynet.StatusPaid, got.Status)
	assert.False(t, got.PaidAt.IsZero())
	assert.Len(t, got.EndToEndID, 32)
	assert.True(t, strings.HasPrefix(got.EndToEndID, "E"))
	assert.False(t, got.ReleaseDate.IsZero())

	assert.Error(t, srv.Pay(tx.ID), "a paid charge cannot be paid again")
	assert.Error(t, srv.Pay("no-such-id"))
}

func TestUnknownTransactionIsNotFound(t *testing.T) {
	_, client := newSandbox(t)

	_, _, err := client.Transactions.FindByID(context.Background(), "3f1e2d4c-0000-4000-8000-000000000000")

	require.ErrorIs(t, err, bynet.ErrNotFound)
	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Transação não encontrada.", apiErr.Message)
}

func TestWrongKeyIsUnauthorized(t *testing.T) {
	srv, _ := newSandbox(t)
	client, err := bynet.NewClient("sk_test_wrong", bynet.WithBaseURL(srv.URL))
	require.NoError(t, err)

	_, _, err = client.Transactions.FindAll(context.Background(), nil)

	require.ErrorIs(t, err, bynet.ErrUnauthorized)
	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Não autorizado.", apiErr.Message)
}

func TestMissingKeyIsUnauthorized(t *testing.T) {
	srv, _ := newSandbox(t)

	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/api/user/transactions", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)

	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.JSONEq(t, `{"status":401,"message":"Não autorizado.","data":null,"error":{"message":"Não autorizado."}}`, string(body))
}

func TestSandboxLogsUserAgent(t *testing.T) {
	srv, client := newSandbox(t)

	_, _, err := client.Customers.FindAll(context.Background(), nil)
	require.NoError(t, err)

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, bynet.DefaultUserAgent, reqs[0].UserAgent)
	assert.Equal(t, "/api/user/customers", reqs[0].Path)
	assert.Equal(t, http.StatusOK, reqs[0].Status)
}

// rawCreate posts body as it is, past the SDK's own validation, to see the
// sandbox's response to invalid input.
func rawCreate(t *testing.T, client *bynet.Client, body map[string]any) *bynet.APIError {
	t.Helper()
	err := client.Do(context.Background(), http.MethodPost, "/api/user/transactions", body, nil)

	var apiErr *bynet.APIError
	require.True(t, errors.As(err, &apiErr), "expected an *APIError, got %v", err)
	return apiErr
}

func TestCreateRejectsInvalidBodies(t *testing.T) {
	_, client := newSandbox(t)
	valid := func() map[string]any {
		return map[string]any{
			"amount": 1000, "paymentMethod": "pix",
			"customer": map[string]any{"name": "Ana", "email": "ana@example.com",
				"document": map[string]any{"number": validCPF, "type": "cpf"}},
			"items": []any{map[string]any{"title": "Curso", "unitPrice": 1000, "quantity": 1}},
		}
	}

	cases := []struct {
		name    string
		change  func(map[string]any)
		field   string
		message string
	}{
		{"bad CPF", func(b map[string]any) {
			b["customer"].(map[string]any)["document"] = map[string]any{"number": "12345678900", "type": "cpf"}
		}, "customer.document.number", "CPF inválido."},
		{"zero amount", func(b map[string]any) { b["amount"] = 0 }, "amount", ""},
		{"negative amount", func(b map[string]any) { b["amount"] = -5 }, "amount", ""},
		{"missing items", func(b map[string]any) { delete(b, "items") }, "items", ""},
		{"missing customer", func(b map[string]any) { delete(b, "customer") }, "customer", ""},
		{"unknown method", func(b map[string]any) { b["paymentMethod"] = "cheque" }, "paymentMethod", ""},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			body := valid()
			tc.change(body)

			apiErr := rawCreate(t, client, body)

			assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
			require.NotNil(t, apiErr.RefusedReason)
			assert.Contains(t, apiErr.RefusedReason.Errors, tc.field)
			if tc.message != "" {
				assert.Equal(t, tc.message, apiErr.Message)
			}
		})
	}
}

func TestCustomersComeFromTransactions(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()

	first, _, err := client.Transactions.Create(ctx, pixCharge(1000))
	require.NoError(t, err)
	second, _, err := client.Transactions.Create(ctx, pixCharge(2000))
	require.NoError(t, err)

	assert.Equal(t, first.Customer.ID, second.Customer.ID, "same document, same customer")

	page, _, err := client.Customers.FindAll(ctx, nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, 1, page.Total)

	found, _, err := client.Customers.FindByID(ctx, first.Customer.ID)
	require.NoError(t, err)
	assert.Equal(t, "Ana Souza", found.Name)

	_, _, err = client.Customers.FindByID(ctx, "00000000-0000-4000-8000-000000000000")
	assert.ErrorIs(t, err, bynet.ErrNotFound)
}

func TestCNPJCustomerAccepted(t *testing.T) {
	_, client := newSandbox(t)
	params := pixCharge(1000)
	params.Customer.Document = bynet.Document{Number: validCNPJ}

	tx, _, err := client.Transactions.Create(context.Background(), params)

	require.NoError(t, err)
	assert.Equal(t, bynet.DocumentCNPJ, tx.Customer.Document.Type)
}

func TestOversizedBodyRejected(t *testing.T) {
	srv, _ := newSandbox(t)

	resp := send(t, srv, http.MethodPost, "/api/user/transactions", "application/json", make([]byte, 10<<20+1))

	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.status)
}

func TestUnknownRouteIsNotFound(t *testing.T) {
	srv, _ := newSandbox(t)

	resp := send(t, srv, http.MethodGet, "/api/user/nothing-here", "", nil)

	assert.Equal(t, http.StatusNotFound, resp.status)
	assert.Contains(t, string(resp.body), "Rota não encontrada.")
}
