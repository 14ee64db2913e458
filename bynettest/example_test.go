package bynettest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

func ExampleNewServer() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tx, _, err := client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{Name: "Ana Souza", Email: "ana@example.com",
			Document: bynet.Document{Number: "390.533.447-05"}},
		Items: []bynet.Item{{Title: "Assinatura", UnitPrice: 1000, Quantity: 1}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(tx.Status, bynettest.CheckPixCode(tx.PixCode()) == nil)

	if err := srv.Pay(tx.ID); err != nil {
		panic(err)
	}
	paid, _, err := client.Transactions.FindByID(ctx, tx.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(paid.Status)
	// Output:
	// WAITING_PAYMENT true
	// PAID
}

func ExampleServer_FailNext() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()

	srv.FailNext(2, http.StatusServiceUnavailable)
	_, resp, err := client.Customers.FindAll(context.Background(), nil)

	fmt.Println(err, resp.Attempts)
	// Output: <nil> 3
}

// This example is compiled but not run: in a real test, t is the test's
// *testing.T.
func ExampleNewMockClient() {
	var t *testing.T
	client, mock := bynettest.NewMockClient(t)
	tx := bynettest.NewTransaction(1990, bynet.StatusPaid)
	id := tx["id"].(string)
	mock.RegisterResponder(http.MethodGet, bynettest.MockURL("/api/user/transactions/"+id),
		bynettest.TransactionResponder(tx))
	mock.RegisterResponder(http.MethodGet, bynettest.MockURL("/api/user/transactions/missing"),
		bynettest.ErrorResponder(http.StatusNotFound, "Transação não encontrada."))

	paid, _, err := client.Transactions.FindByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(paid.Status)

	_, _, err = client.Transactions.FindByID(context.Background(), "missing")
	fmt.Println(errors.Is(err, bynet.ErrNotFound))
}
