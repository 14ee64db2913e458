package bynet

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// retryOnce answers 503 to the first request and the product example to the
// next, recording the image part of each request it read.
func retryOnce(t *testing.T, readBody bool, images *[]string) httpmock.Responder {
	fixture := readFixture(t, "product-update-status.json")
	calls := 0
	return func(r *http.Request) (*http.Response, error) {
		calls++
		if readBody {
			got := capture(t, r)
			for _, part := range parseForm(t, got.header.Get("Content-Type"), got.body) {
				if part.name == "images" {
					*images = append(*images, part.content)
				}
			}
		}

		if calls == 1 {
			return httpmock.NewStringResponse(http.StatusServiceUnavailable, `{"message":"tente novamente"}`), nil
		}
		return httpmock.NewBytesResponse(http.StatusOK, fixture), nil
	}
}

func TestMultipartRetryRewindsSeekableFile(t *testing.T) {
	c, mock := newMockedClient(t)
	var images []string
	mock.RegisterResponder(http.MethodPut, mockBaseURL+"/api/user/products/p1", retryOnce(t, true, &images))

	file := bytes.NewReader([]byte("header-image-bytes"))
	_, _ = file.Seek(7, io.SeekStart)
	_, _, err := c.Products.Update(context.Background(), "p1", &UpdateProductParams{Images: []File{{Name: "a.png", Reader: file}}})

	require.NoError(t, err)
	assert.Equal(t, []string{"image-bytes", "image-bytes"}, images)
	assert.Equal(t, 2, mock.GetTotalCallCount())
}

func TestMultipartRetryNonSeekableFileFails(t *testing.T) {
	c, mock := newMockedClient(t)
	var images []string
	mock.RegisterResponder(http.MethodPut, mockBaseURL+"/api/user/products/p1", retryOnce(t, true, &images))

	file := &onceReader{r: strings.NewReader("stream-only")}
	_, _, err := c.Products.Update(context.Background(), "p1", &UpdateProductParams{Images: []File{{Name: "a.png", Reader: file}}})

	require.ErrorIs(t, err, ErrBodyNotRewindable)
	assert.Contains(t, err.Error(), `part "images"`)
	assert.Equal(t, []string{"stream-only"}, images)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestMultipartRetryNonSeekableUnreadFile(t *testing.T) {
	c, mock := newMockedClient(t)
	mock.RegisterResponder(http.MethodPut, mockBaseURL+"/api/user/products/p1", retryOnce(t, false, nil))

	file := &onceReader{r: strings.NewReader("stream-only")}
	_, _, err := c.Products.Update(context.Background(), "p1", &UpdateProductParams{Images: []File{{Name: "a.png", Reader: file}}})

	require.NoError(t, err)
	assert.Zero(t, file.bytesRead(), "a request that was never read consumed the file")
	assert.Equal(t, 2, mock.GetTotalCallCount())
}

func TestMultipartProbeConsumesNothing(t *testing.T) {
	c, mock := newMockedClient(t)
	var images []string
	mock.RegisterResponder(http.MethodPost, mockBaseURL+"/api/user/products", func(r *http.Request) (*http.Response, error) {
		got := capture(t, r)
		for _, part := range parseForm(t, got.header.Get("Content-Type"), got.body) {
			if part.name == "images" {
				images = append(images, part.content)
			}
		}
		return httpmock.NewBytesResponse(http.StatusOK, readFixture(t, "product-update-status.json")), nil
	})

	file := &onceReader{r: strings.NewReader("only-once")}
	_, _, err := c.Products.Create(context.Background(), &CreateProductParams{Title: "x", Images: []File{{Name: "a.png", Reader: file}}})

	require.NoError(t, err)
	assert.Equal(t, []string{"only-once"}, images)
	assert.Equal(t, len("only-once"), file.bytesRead())
}

// settledGoroutines waits until the goroutine count drops to at most want,
// and returns the last count.
func settledGoroutines(want int) int {
	n := runtime.NumGoroutine()
	for i := 0; i < 100 && n > want; i++ {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// bigStream is a non-seekable reader large enough to fill the pipe and the
// socket buffers, so that its writer blocks while the server reads nothing.
func bigStream() io.Reader {
	return &onceReader{r: io.LimitReader(zeroReader{}, 32<<20)}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestMultipartNoLeakWhenBodyHalfRead(t *testing.T) {
	before := runtime.NumGoroutine()
	c, mock := newMockedClient(t)
	mock.RegisterResponder(http.MethodPost, mockBaseURL+"/api/user/products", func(r *http.Request) (*http.Response, error) {
		_, _ = io.ReadFull(r.Body, make([]byte, 1024))
		return httpmock.NewStringResponse(http.StatusBadRequest, `{"message":"arquivo grande demais"}`), nil
	})

	_, _, err := c.Products.Create(context.Background(), &CreateProductParams{Title: "x", Images: []File{{Name: "big.bin", Reader: bigStream()}}})

	require.ErrorIs(t, err, ErrBadRequest)
	assert.LessOrEqual(t, settledGoroutines(before), before)
}

func TestMultipartNoLeakOnLoopbackServer(t *testing.T) {
	// release lets the blocked handler return, since a server that has not
	// read the body does not notice that the client went away.
	release := make(chan struct{})
	cases := map[string]struct {
		handler http.HandlerFunc
		timeout time.Duration
		wantErr error
	}{
		"early 503": {
			handler: func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Connection", "close")
				w.WriteHeader(http.StatusServiceUnavailable)
			},
			timeout: 5 * time.Second,
			wantErr: ErrServer,
		},
		"cancelled": {
			handler: func(_ http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-release:
				}
			},
			timeout: 100 * time.Millisecond,
			wantErr: context.DeadlineExceeded,
		},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			srv := httptest.NewServer(tc.handler)
			transport := &http.Transport{}
			c, err := NewClient("sk_test_fake", WithBaseURL(srv.URL),
				WithHTTPClient(&http.Client{Transport: transport}), WithRetry(0, time.Millisecond, time.Millisecond))
			require.NoError(t, err)

			ctx, cancel := context.WithTimeout(context.Background(), tc.timeout)
			defer cancel()
			_, _, err = c.Products.Update(ctx, "p1", &UpdateProductParams{Images: []File{{Name: "big.bin", Reader: bigStream()}}})

			require.ErrorIs(t, err, tc.wantErr)
			if name == "cancelled" {
				close(release)
			}
			transport.CloseIdleConnections()
			srv.CloseClientConnections()
			srv.Close()
			assert.LessOrEqual(t, settledGoroutines(before), before)
		})
	}
}
