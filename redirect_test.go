package bynet_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

// redirectServer answers every request under /api/ with status and a
// Location on the same host, and counts requests by method.
func redirectServer(t *testing.T, status int) (*bynet.Client, *atomic.Int32, *atomic.Int32) {
	t.Helper()

	var posts, gets atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			gets.Add(1)
		} else {
			posts.Add(1)
		}

		if r.URL.Path == "/api/moved" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"status":200,"message":"ok","data":{"id":"existing","status":"PAID","amount":1000},"error":null}`))
			return
		}
		http.Redirect(w, r, "/api/moved", status)
	}))
	t.Cleanup(srv.Close)

	client, err := bynet.NewClient(fakeKey, bynet.WithBaseURL(srv.URL), bynet.WithRetry(0, 0, 0))
	require.NoError(t, err)
	return client, &posts, &gets
}

func TestCreateDoesNotFollowRedirects(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client, posts, gets := redirectServer(t, status)

			tx, _, err := client.Transactions.Create(context.Background(), validCreateParams())

			var apiErr *bynet.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, status, apiErr.StatusCode)
			assert.Nil(t, tx)
			assert.Equal(t, int32(1), posts.Load(), "the create must be sent once")
			assert.Zero(t, gets.Load(), "a redirect must not turn the create into a GET")
		})
	}
}

func TestPutDoesNotFollowMethodChangingRedirect(t *testing.T) {
	client, puts, gets := redirectServer(t, http.StatusFound)

	err := client.Do(context.Background(), http.MethodPut, "/api/user/products/p1/status", map[string]string{"status": "ACTIVE"}, nil)

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusFound, apiErr.StatusCode)
	assert.Equal(t, int32(1), puts.Load())
	assert.Zero(t, gets.Load())
}

func TestGetFollowsSameHostRedirect(t *testing.T) {
	client, _, gets := redirectServer(t, http.StatusFound)

	tx, _, err := client.Transactions.FindByID(context.Background(), "old")

	require.NoError(t, err)
	assert.Equal(t, "existing", tx.ID)
	assert.Equal(t, int32(2), gets.Load())
}

func validCreateParams() *bynet.CreateTransactionParams {
	return &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Maria Silva",
			Email:    "maria@example.com",
			Document: bynet.Document{Number: validCPF},
		},
		Items:       []bynet.Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
		ExternalRef: "order-redirect",
	}
}
