package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet/bynettest"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServesOnLoopback(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	var out syncBuffer
	go func() {
		done <- run(ctx, &out, []string{"-addr", "127.0.0.1:0"}, func(url string) { urls <- url })
	}()

	var base string
	select {
	case base = <-urls:
	case err := <-done:
		t.Fatalf("server stopped early: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("server did not start within 5s")
	}
	assert.True(t, strings.HasPrefix(base, "http://127.0.0.1:"), base)

	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, base+"/api/user/sellers", nil)
	require.NoError(t, err)
	req.Header.Set("x-api-key", bynettest.DefaultAPIKey)
	req.Header.Set("User-Agent", "curl/8.0")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()

	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), `"status":200`)
	assert.Contains(t, string(body), bynettest.CompanyID)

	cancel()
	require.NoError(t, <-done)
	assert.Contains(t, out.String(), "base URL: "+base)
	assert.Contains(t, out.String(), "API key:  "+bynettest.DefaultAPIKey)
	assert.Contains(t, out.String(), "path=/api/user/sellers")
}

func TestRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.10:8787", "example.com:8787"} {
		err := run(context.Background(), io.Discard, []string{"-addr", addr}, nil)
		assert.ErrorContains(t, err, "loopback", addr)
	}
}

func TestCheckAddr(t *testing.T) {
	assert.NoError(t, checkAddr("127.0.0.1:8787", false))
	assert.NoError(t, checkAddr("[::1]:8787", false))
	assert.NoError(t, checkAddr("localhost:8787", false))
	assert.NoError(t, checkAddr("0.0.0.0:8787", true))
	assert.Error(t, checkAddr("8787", false))
}
