package bynettest_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

func TestFailNextRetriedOnRead(t *testing.T) {
	srv, client := newSandbox(t)
	srv.FailNext(2, http.StatusServiceUnavailable)

	_, resp, err := client.Customers.FindAll(context.Background(), nil)

	require.NoError(t, err)
	assert.Equal(t, 3, resp.Attempts)
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, http.StatusServiceUnavailable, reqs[0].Status)
	assert.Equal(t, http.StatusOK, reqs[2].Status)
}

func TestFailNextOnCreateIsOutcomeUnknown(t *testing.T) {
	srv, client := newSandbox(t)
	srv.FailNext(1, http.StatusInternalServerError)

	_, _, err := client.Transactions.Create(context.Background(), pixCharge(1000))

	require.ErrorIs(t, err, bynet.ErrOutcomeUnknown)
	assert.Len(t, srv.Requests(), 1, "a create is not resent after a 500")
	page, _, err := client.Transactions.FindAll(context.Background(), nil)
	require.NoError(t, err)
	assert.Zero(t, page.Total, "the failed request changed nothing")
}

func TestFailNextAnswersEnvelope(t *testing.T) {
	srv, _ := newSandbox(t)
	srv.FailNext(1, http.StatusTooManyRequests)

	resp := send(t, srv, http.MethodGet, "/api/user/transactions", "", nil)

	assert.Equal(t, http.StatusTooManyRequests, resp.status)
	assert.JSONEq(t, `{"status":429,"message":"Muitas requisições. Tente novamente em instantes.","data":null,
		"error":{"message":"Muitas requisições. Tente novamente em instantes."}}`, string(resp.body))
}

func TestDropNextRetriedOnRead(t *testing.T) {
	srv, client := newSandbox(t)
	srv.DropNext(1)

	_, resp, err := client.Customers.FindAll(context.Background(), nil)

	require.NoError(t, err)
	assert.Equal(t, 2, resp.Attempts)
}

func TestDroppedCreateIsOutcomeUnknown(t *testing.T) {
	srv, client := newSandbox(t)
	srv.DropNext(1)

	_, _, err := client.Transactions.Create(context.Background(), pixCharge(1000))

	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown)
}

func TestLatencyTimesOut(t *testing.T) {
	srv, _ := newSandbox(t)
	srv.SetLatency(200 * time.Millisecond)
	client := srv.Client(bynet.WithTimeout(20*time.Millisecond), bynet.WithRetry(0, 0, 0))

	_, _, err := client.Customers.FindAll(context.Background(), nil)
	require.Error(t, err)

	srv.SetLatency(0)
	_, _, err = client.Customers.FindAll(context.Background(), nil)
	assert.NoError(t, err)
}
