package bench

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/bynet-go/bynet"
)

// pixCreateBody reads the minimal PIX create request of testdata.
func pixCreateBody(tb testing.TB) []byte {
	tb.Helper()
	body, err := os.ReadFile("testdata/tx-create-pix-request-minimal.json")
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

// BenchmarkCreatePix creates one PIX charge per operation from the same
// params: the raw client encodes its hand-written struct, bynet-go
// validates and encodes CreateTransactionParams. Both decode the created
// transaction.
func BenchmarkCreatePix(b *testing.B) {
	ctx := context.Background()
	body := pixCreateBody(b)

	b.Run("sdk=raw", func(b *testing.B) {
		var params rawCreateParams
		if err := json.Unmarshal(body, &params); err != nil {
			b.Fatal(err)
		}

		c := newRawClient()
		defer c.close()
		b.ReportAllocs()
		for b.Loop() {
			encoded, err := json.Marshal(&params)
			if err != nil {
				b.Fatal(err)
			}

			var out rawEnvelope[rawTransaction]
			if err := c.call(ctx, http.MethodPost, "/api/user/transactions", encoded, &out); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("sdk=bynet", func(b *testing.B) {
		var params bynet.CreateTransactionParams
		if err := json.Unmarshal(body, &params); err != nil {
			b.Fatal(err)
		}

		c := newBynet(b, "")
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := c.Transactions.Create(ctx, &params); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkListPage fetches and decodes one page of 100 transactions per
// operation.
func BenchmarkListPage(b *testing.B) {
	ctx := context.Background()

	b.Run("sdk=raw", func(b *testing.B) {
		c := newRawClient()
		defer c.close()
		b.ReportAllocs()
		for b.Loop() {
			var out rawEnvelope[rawPage]
			if err := c.call(ctx, http.MethodGet, "/api/user/transactions?page=1&limit=100", nil, &out); err != nil {
				b.Fatal(err)
			}
			if len(out.Data.Data) != listPageSize {
				b.Fatalf("got %d rows, want %d", len(out.Data.Data), listPageSize)
			}
		}
	})

	b.Run("sdk=bynet", func(b *testing.B) {
		c := newBynet(b, "")
		params := &bynet.TransactionListParams{ListOptions: bynet.ListOptions{Page: 1, Limit: listPageSize}}
		b.ReportAllocs()
		for b.Loop() {
			page, _, err := c.Transactions.FindAll(ctx, params)
			if err != nil {
				b.Fatal(err)
			}
			if len(page.Data) != listPageSize {
				b.Fatalf("got %d rows, want %d", len(page.Data), listPageSize)
			}
		}
	})
}
