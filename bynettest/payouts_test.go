package bynettest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet/bynettest"
)

func cashoutBody(amount int64, postbackURL string) object {
	return object{"amount": amount, "pixKey": validCPF, "pixType": "CPF", "beneficiaryName": "Ana Souza",
		"beneficiaryDocument": validCPF, "description": "Saque de teste", "postbackUrl": postbackURL}
}

func TestBalanceFromPaidCharges(t *testing.T) {
	srv, client := newSandbox(t)

	paidCharge(t, srv, client, 10000)
	available, waiting, reserved := srv.Balance()

	// PIX fee of the sandbox: R$ 1,00 + 0.99% of 10000 = 199.
	assert.Equal(t, int64(9801), available)
	assert.Zero(t, waiting)
	assert.Zero(t, reserved)

	summary := do(t, client, http.MethodGet, "/api/user/balance-history/summary", nil)
	assert.Equal(t, float64(9801), summary["available"])
}

func TestCashoutDrawsOnBalance(t *testing.T) {
	srv, client := newSandbox(t)
	hook := newReceiver(t)
	paidCharge(t, srv, client, 10000)

	co := do(t, client, http.MethodPost, "/api/user/cashout", cashoutBody(5000, hook.URL))
	assert.Equal(t, "PENDING", co["status"])
	assert.Equal(t, float64(50), co["fee"])
	available, _, _ := srv.Balance()
	assert.Equal(t, int64(9801-5050), available)

	apiErr := doErr(t, client, http.MethodPost, "/api/user/cashout", cashoutBody(5000, hook.URL))
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Equal(t, "Saldo insuficiente.", apiErr.Message)
	require.NotNil(t, apiErr.RefusedReason)

	id := co["id"].(string)
	require.NoError(t, srv.CompletePayout(id))
	got := do(t, client, http.MethodGet, "/api/user/cashout/"+id, nil)
	assert.Equal(t, "PAID", got["status"])
	assert.NotEmpty(t, got["endToEndId"])
	assert.Error(t, srv.CompletePayout(id), "already settled")

	srv.Flush()
	var postback struct {
		ObjectID string         `json:"objectId"`
		Data     map[string]any `json:"data"`
	}
	require.NoError(t, json.Unmarshal(hook.received()[0], &postback))
	assert.Equal(t, id, postback.ObjectID)
	assert.Equal(t, "paid", postback.Data["status"])
	assert.Equal(t, "cashout", postback.Data["type"])
}

func TestFailedPayoutGivesMoneyBack(t *testing.T) {
	srv, client := newSandbox(t)
	srv.Credit(10000, "")

	co := do(t, client, http.MethodPost, "/api/user/cashout", cashoutBody(4000, "http://127.0.0.1:1/hook"))
	require.NoError(t, srv.FailPayout(co["id"].(string), "Chave PIX não encontrada."))

	got := do(t, client, http.MethodGet, "/api/user/cashout/"+co["id"].(string), nil)
	assert.Equal(t, "FAILED", got["status"])
	assert.Equal(t, "Chave PIX não encontrada.", got["error"])
	available, _, _ := srv.Balance()
	assert.Equal(t, int64(10000), available)
}

func TestCashoutValidation(t *testing.T) {
	srv, client := newSandbox(t)
	srv.Credit(100000, "")
	cases := map[string]func(object){
		"zero amount":      func(b object) { b["amount"] = 0 },
		"bad CPF key":      func(b object) { b["pixKey"] = "12345678900" },
		"unknown key type": func(b object) { b["pixType"] = "IBAN" },
		"bad document":     func(b object) { b["beneficiaryDocument"] = "111" },
		"no postback URL":  func(b object) { delete(b, "postbackUrl") },
		"no description":   func(b object) { b["description"] = "" },
	}

	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			body := cashoutBody(1000, "https://shop.example.com/hook")
			change(body)

			apiErr := doErr(t, client, http.MethodPost, "/api/user/cashout", body)

			assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
			assert.NotNil(t, apiErr.RefusedReason)
		})
	}
}

func TestTransferNeedsBankAccount(t *testing.T) {
	srv, client := newSandbox(t)
	srv.Credit(10000, "")

	apiErr := doErr(t, client, http.MethodPost, "/api/user/transfers", object{"amount": 1000, "method": "PIX"})
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)

	do(t, client, http.MethodPost, "/api/user/banks", object{"bankCode": "260", "agency": "0001", "account": "1234567-8",
		"accountType": "checking", "holderName": "Loja Exemplo", "document": object{"number": validCNPJ},
		"pixKey": validCNPJ, "pixKeyType": "CNPJ"})

	created := do(t, client, http.MethodPost, "/api/user/transfers", object{"amount": 1000, "method": "BANK_TRANSFER"})
	rows := created["transfer"].([]any)
	require.Len(t, rows, 1)
	transfer := rows[0].(map[string]any)
	assert.Equal(t, "INPROCESS", transfer["status"])
	assert.Equal(t, "BANK_TRANSFER", transfer["type"])

	available, _, _ := srv.Balance()
	assert.Equal(t, int64(10000-1000-530), available)

	require.NoError(t, srv.CompletePayout(transfer["id"].(string)))
	page := do(t, client, http.MethodGet, "/api/user/transfers?status=PAID&status=FAILED", nil)
	assert.Equal(t, float64(1), page["total"])

	summary := do(t, client, http.MethodGet, "/api/user/transfers/summary", nil)
	assert.Equal(t, float64(1000), summary["amount"])
}

func TestFinancialReserveHoldsShare(t *testing.T) {
	srv := bynettest.NewServer(bynettest.WithFinancialReserve(1000, 30))
	t.Cleanup(srv.Close)
	client := srv.Client()

	paidCharge(t, srv, client, 10000)
	available, _, reserved := srv.Balance()

	assert.Equal(t, int64(980), reserved, "10% of the net 9801")
	assert.Equal(t, int64(9801-980), available)

	page := do(t, client, http.MethodGet, "/api/user/balance-history/financial-reserve", nil)
	rows := page["data"].([]any)
	require.Len(t, rows, 1)
	row := rows[0].(map[string]any)
	assert.Equal(t, "RESERVED", row["status"])
	assert.Equal(t, float64(980), row["inflows"])
	assert.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, row["releaseDate"])
}

func TestBalanceHistoryLists(t *testing.T) {
	srv, client := newSandbox(t)
	tx := paidCharge(t, srv, client, 10000)
	require.NoError(t, srv.Refund(tx.ID, 1000))

	page := do(t, client, http.MethodGet, "/api/user/balance-history?type=REFUND", nil)

	rows := page["data"].([]any)
	require.Len(t, rows, 1)
	assert.Equal(t, float64(-1000), rows[0].(map[string]any)["amount"])

	all := do(t, client, http.MethodGet, "/api/user/balance-history", nil)
	assert.Equal(t, float64(3), all["total"], "payment, fee and refund")
}
