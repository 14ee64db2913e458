package bynettest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

func TestPostbackOnPay(t *testing.T) {
	srv, client := newSandbox(t)
	hook := newReceiver(t)
	tx := payWithPostback(t, srv, client, hook.URL+"/postback")

	bodies := hook.received()
	require.Len(t, bodies, 1)
	var got struct {
		ObjectID string         `json:"objectId"`
		Data     map[string]any `json:"data"`
	}
	require.NoError(t, json.Unmarshal(bodies[0], &got))
	assert.Equal(t, tx.ID, got.ObjectID)
	assert.Equal(t, "paid", got.Data["status"])
	assert.Equal(t, "transaction", got.Data["type"])
	assert.Equal(t, tx.ID, got.Data["id"])
	assert.NotEmpty(t, got.Data["endToEndId"])
	assert.NotEmpty(t, got.Data["paidAt"])
	assert.Equal(t, float64(1000), got.Data["amount"])

	deliveries := srv.Deliveries()
	require.Len(t, deliveries, 1)
	assert.True(t, deliveries[0].Delivered)
	assert.Equal(t, 1, deliveries[0].Attempts)
	assert.Equal(t, "paid", deliveries[0].Status)
}

func TestPostbackMatchesDocumentedShape(t *testing.T) {
	fixture, err := os.ReadFile("testdata/postback-paid.json")
	require.NoError(t, err)
	var documented map[string]any
	require.NoError(t, json.Unmarshal(fixture, &documented))

	srv, client := newSandbox(t)
	hook := newReceiver(t)
	payWithPostback(t, srv, client, hook.URL)

	var sent map[string]any
	require.NoError(t, json.Unmarshal(hook.received()[0], &sent))
	for key := range documented {
		if key[0] != '_' {
			assert.Contains(t, sent, key)
		}
	}
	for key := range documented["data"].(map[string]any) {
		assert.Contains(t, sent["data"], key)
	}
}

func TestPostbackRetriesOn5xx(t *testing.T) {
	srv, client := newSandbox(t)
	hook := newReceiver(t, http.StatusInternalServerError, http.StatusBadGateway)
	payWithPostback(t, srv, client, hook.URL)

	assert.Len(t, hook.received(), 3)
	d := srv.Deliveries()[0]
	assert.True(t, d.Delivered)
	assert.Equal(t, 3, d.Attempts)
	assert.Equal(t, http.StatusOK, d.StatusCode)
}

func TestPostbackStopsOn4xx(t *testing.T) {
	srv, client := newSandbox(t)
	hook := newReceiver(t, http.StatusBadRequest)
	payWithPostback(t, srv, client, hook.URL)

	d := srv.Deliveries()[0]
	assert.False(t, d.Delivered)
	assert.Equal(t, 1, d.Attempts)
	assert.Equal(t, http.StatusBadRequest, d.StatusCode)
}

func TestPostbackGivesUpAfterRetries(t *testing.T) {
	srv, client := newSandbox(t)
	hook := newReceiver(t, 500, 500, 500, 500, 500)
	payWithPostback(t, srv, client, hook.URL)

	d := srv.Deliveries()[0]
	assert.False(t, d.Delivered)
	assert.Equal(t, 4, d.Attempts)
	assert.Contains(t, d.Error, "500")
}

func TestPostbackSkipsNonLoopback(t *testing.T) {
	srv, client := newSandbox(t)
	payWithPostback(t, srv, client, "https://shop.example.com/postback")

	d := srv.Deliveries()[0]
	assert.False(t, d.Delivered)
	assert.Zero(t, d.Attempts)
	assert.Contains(t, d.Error, "loopback")
}

func TestWebhookGetsEveryChange(t *testing.T) {
	srv, client := newSandbox(t)
	hook := newReceiver(t)
	do(t, client, http.MethodPost, "/api/user/webhook", object{"url": hook.URL + "/hooks", "type": "TRANSACTION"})

	tx := paidCharge(t, srv, client, 1000)
	require.NoError(t, srv.Refund(tx.ID, 0))
	srv.Flush()

	var statuses []string
	for _, d := range srv.Deliveries() {
		assert.Equal(t, hook.URL+"/hooks", d.URL)
		statuses = append(statuses, d.Status)
	}
	assert.Equal(t, []string{"paid", "refunded"}, statuses)
}

// payWithPostback creates a PIX charge that posts back to url, pays it and
// waits for the postbacks.
func payWithPostback(t *testing.T, srv *bynettest.Server, client *bynet.Client, url string) *bynet.Transaction {
	t.Helper()

	params := pixCharge(1000)
	params.PostbackURL = url
	tx, _, err := client.Transactions.Create(context.Background(), params)
	require.NoError(t, err)

	require.NoError(t, srv.Pay(tx.ID))
	srv.Flush()
	return tx
}
