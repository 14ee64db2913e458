package bynet

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

func TestSmoke(t *testing.T) {
	mock := httpmock.NewMockTransport()
	c, err := NewClient("sk_test_fake", WithHTTPClient(&http.Client{Transport: mock}), WithRetry(3, time.Millisecond, 5*time.Millisecond), WithBaseURL("https://api.example.test"))
	if err != nil {
		t.Fatal(err)
	}
	mock.RegisterResponder("GET", "https://api.example.test/api/user/transactions/abc",
		httpmock.NewStringResponder(200, `{"status":200,"message":"ok","data":{"id":"abc","status":"paid","amount":"1000","releaseDate":"2025-07-14","pix":{"qrCode":"000201X"}},"error":null}`))
	tx, resp, err := c.Transactions.FindByID(context.Background(), "abc")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v %+v pix=%s", tx.Status, resp, tx.PixCode())
	if tx.Amount != 1000 || tx.Status != StatusPaid || tx.ReleaseDate.IsZero() {
		t.Fatal(tx)
	}
	n := 0
	mock.RegisterResponder("POST", "https://api.example.test/api/user/transactions", func(r *http.Request) (*http.Response, error) {
		n++
		return httpmock.NewStringResponse(503, `<html>bad</html>`), nil
	})
	_, _, err = c.Transactions.Create(context.Background(), &CreateTransactionParams{Amount: 1000, PaymentMethod: "pix", Items: []Item{{Title: "x", UnitPrice: 1000, Quantity: 1}}, Customer: &CustomerParams{Name: "Maria", Document: Document{Number: "123.456.789-09"}}})
	t.Log(err, n)
	if !errors.Is(err, ErrOutcomeUnknown) || n != 1 || !errors.Is(err, ErrServer) {
		t.Fatal(err)
	}
	m := 0
	mock.RegisterResponder("GET", "https://api.example.test/api/user/customers", func(r *http.Request) (*http.Response, error) {
		m++
		if m < 3 {
			resp := httpmock.NewStringResponse(503, `{"message":"x"}`)
			resp.Header.Set("Retry-After", "0")
			return resp, nil
		}
		return httpmock.NewStringResponse(200, `{"data":{"data":[{"id":"1","document":"12345678909"}],"page":"1","pages":"1","total":1,"limit":10}}`), nil
	})
	p, resp, err := c.Customers.FindAll(context.Background(), nil)
	t.Log(p, resp, err, m)
	if err != nil || m != 3 || p.Data[0].Document.Number != "12345678909" {
		t.Fatal(err)
	}
}
