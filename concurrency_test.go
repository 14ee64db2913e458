package bynet

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// routedServer serves the handful of endpoints that the concurrency test
// mixes, and fails every third read once with a 503 so that retries
// interleave with first attempts.
func routedServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var posts atomic.Int32
	var seen sync.Map

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/api/user/transactions":
			posts.Add(1)
			writeBody(w, http.StatusOK, "application/json", okBody)
		case strings.HasPrefix(id, "slow"):
			<-r.Context().Done()
		case strings.HasPrefix(id, "missing"):
			writeBody(w, http.StatusNotFound, "application/json", `{"status":404,"message":"Transação não encontrada"}`)
		case strings.HasPrefix(id, "flaky"):
			if _, retried := seen.LoadOrStore(r.URL.Path, true); !retried {
				writeBody(w, http.StatusServiceUnavailable, "application/json", `{"status":503}`)
				return
			}
			writeBody(w, http.StatusOK, "application/json", okBody)
		case r.URL.Path == "/api/user/customers":
			writeBody(w, http.StatusOK, "application/json",
				`{"data":{"data":[{"id":"cus_1","name":"Maria"}],"page":1,"pages":1,"total":1,"limit":10}}`)
		default:
			writeBody(w, http.StatusOK, "application/json", okBody)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &posts
}

func TestClientSharedByGoroutines(t *testing.T) {
	const workers = 64
	srv, posts := routedServer(t)
	var logs lockedBuffer
	transport := &http.Transport{MaxIdleConnsPerHost: workers}
	counter := &bodyCounter{base: transport}
	defer transport.CloseIdleConnections()

	c, err := NewClient(leakAPIKey, WithBaseURL(srv.URL),
		WithHTTPClient(&http.Client{Transport: counter}),
		WithRetry(2, time.Millisecond, 5*time.Millisecond),
		WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- mixedCall(ctx, c, i)
		}()
	}
	wg.Wait()
	close(errs)

	for err := range errs {
		assert.NoError(t, err)
	}
	assert.Equal(t, int32(workers/5+1), posts.Load(), "each create reaches the server once")
	assert.Equal(t, counter.opened.Load(), counter.closed.Load(), "response bodies opened vs closed")
	assertNoSecrets(t, "log", logs.String())
}

// mixedCall makes the call that worker i is assigned and checks its result.
func mixedCall(ctx context.Context, c *Client, i int) error {
	switch i % 5 {
	case 0:
		tx, _, err := c.Transactions.Create(ctx, leakCardCharge())
		if err != nil || tx.ID != "tx_1" {
			return fmt.Errorf("worker %d: create: %v", i, err)
		}
	case 1:
		_, _, err := c.Transactions.FindByID(ctx, fmt.Sprintf("missing%d", i))
		if !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("worker %d: expected ErrNotFound, got %v", i, err)
		}
	case 2:
		tx, resp, err := c.Transactions.FindByID(ctx, fmt.Sprintf("flaky%d", i))
		if err != nil || tx.ID != "tx_1" || resp.Attempts != 2 {
			return fmt.Errorf("worker %d: flaky read: %v (response %+v)", i, err, resp)
		}
	case 3:
		page, _, err := c.Customers.FindAll(ctx, &CustomerListParams{ListOptions{Page: 1}})
		if err != nil || len(page.Data) != 1 {
			return fmt.Errorf("worker %d: customers: %v", i, err)
		}
	default:
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		_, _, err := c.Transactions.FindByID(short, fmt.Sprintf("slow%d", i))
		if !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("worker %d: expected the deadline, got %v", i, err)
		}
	}
	return nil
}
