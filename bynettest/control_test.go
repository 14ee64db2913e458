package bynettest_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestControlEndpoints(t *testing.T) {
	_, client := newSandbox(t)
	hook := newReceiver(t)
	params := pixCharge(1000)
	params.PostbackURL = hook.URL
	tx, _, err := client.Transactions.Create(context.Background(), params)
	require.NoError(t, err)

	paid := do(t, client, http.MethodPost, "/_sandbox/transactions/"+tx.ID+"/pay", nil)
	assert.Equal(t, "PAID", paid["status"])
	again := doErr(t, client, http.MethodPost, "/_sandbox/transactions/"+tx.ID+"/pay", nil)
	assert.Equal(t, http.StatusBadRequest, again.StatusCode)
	unknown := doErr(t, client, http.MethodPost, "/_sandbox/transactions/"+tx.ID+"/explode", nil)
	assert.Equal(t, http.StatusNotFound, unknown.StatusCode)

	refunded := do(t, client, http.MethodPost, "/_sandbox/transactions/"+tx.ID+"/refund", object{"amount": 400})
	assert.Equal(t, float64(400), refunded["refundedAmount"])

	balance := do(t, client, http.MethodPost, "/_sandbox/balance/credit", object{"amount": 5000})
	assert.Equal(t, float64(1000-109-400+5000), balance["available"])

	co := do(t, client, http.MethodPost, "/api/user/cashout", cashoutBody(1000, hook.URL))
	failed := do(t, client, http.MethodPost, "/_sandbox/payouts/"+co["id"].(string)+"/fail", object{"reason": "Conta encerrada."})
	assert.Equal(t, "FAILED", failed["status"])

	var deliveries []object
	require.NoError(t, client.Do(context.Background(), http.MethodGet, "/_sandbox/deliveries", nil, &deliveries))
	require.Len(t, deliveries, 3)
	assert.Equal(t, "paid", deliveries[0]["Status"])
	assert.Equal(t, "failed", deliveries[2]["Status"])
	body := deliveries[2]["Body"].(map[string]any)
	assert.Equal(t, co["id"], body["objectId"])
}
