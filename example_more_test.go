package bynet_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

// These examples show the client's options, its errors and its list
// iterators, against the bynettest sandbox like those in example_test.go.

// NewClient takes the API key and options. Leave WithBaseURL out to reach
// the production API. An empty key is read from BYNET_API_KEY.
func ExampleNewClient() {
	srv := bynettest.NewServer(bynettest.WithAPIKey("sk_test_fake"))
	defer srv.Close()

	client, err := bynet.NewClient("sk_test_fake",
		bynet.WithBaseURL(srv.URL),
		bynet.WithTimeout(10*time.Second), // bounds each attempt
		bynet.WithRetry(2, 10*time.Millisecond, time.Second),
	)
	if err != nil {
		log.Fatal(err)
	}

	// Reads are retried: after one 503 the second attempt succeeds.
	srv.FailNext(1, http.StatusServiceUnavailable)
	company, resp, err := client.Company.GetAllData(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(company.Name, resp.StatusCode, resp.Attempts)

	// Options are checked at once: plain http is accepted for loopback
	// hosts only, so the API key never crosses a network in clear text.
	_, err = bynet.NewClient("sk_test_fake", bynet.WithBaseURL("http://api.example.com"))
	fmt.Println(err)
	// Output:
	// Loja Exemplo Bynettest Ltda 200 2
	// bynet: invalid base URL "http://api.example.com": must use https (http is accepted only for loopback hosts)
}

// Errors from the API match sentinels by HTTP status with errors.Is, and
// errors.As reaches the *APIError for the details.
func Example_errors() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	_, _, err := client.Transactions.FindByID(ctx, "3f1e9a52-0000-4000-8000-000000000000")
	fmt.Println("not found:", errors.Is(err, bynet.ErrNotFound))

	var apiErr *bynet.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}

	wrongKey, err := bynet.NewClient("sk_test_wrong", bynet.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	_, _, err = wrongKey.Company.GetAllData(ctx)
	fmt.Println("unauthorized:", errors.Is(err, bynet.ErrUnauthorized))
	// Output:
	// not found: true
	// 404 Transação não encontrada.
	// unauthorized: true
}

// A card charge that the issuer refuses is still created: Create returns
// the charge, with status REFUSED, together with an *APIError that matches
// ErrRefused and carries the reason.
func Example_refused() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tx, _, err := client.Transactions.Create(context.Background(), &bynet.CreateTransactionParams{
		Amount:        5000,
		PaymentMethod: bynet.PaymentMethodCreditCard,
		Card: &bynet.CardParams{
			Number:          bynettest.RefusedCardNumber,
			HolderName:      "MARIA SILVA",
			ExpirationMonth: 12,
			ExpirationYear:  2030,
			CVV:             "123",
		},
		Customer: &bynet.CustomerParams{
			Name:     "Maria Silva",
			Email:    "maria@example.com",
			Document: bynet.Document{Number: "390.533.447-05"},
		},
		Items: []bynet.Item{{Title: "Tênis", UnitPrice: 5000, Quantity: 1}},
	})

	var apiErr *bynet.APIError
	switch {
	case errors.Is(err, bynet.ErrRefused) && errors.As(err, &apiErr):
		fmt.Println(tx.Status, apiErr.RefusedReason)
	case err != nil:
		log.Fatal(err)
	}
	// Output:
	// REFUSED Transação recusada pelo emissor do cartão.
}

// Parameters are checked before anything is sent. A *ValidationError names
// the field, and its message masks the document number.
func ExampleValidationError() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()

	_, _, err := client.Transactions.Create(context.Background(), &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Maria Silva",
			Document: bynet.Document{Number: "123.456.789-00"}, // wrong check digits
		},
		Items: []bynet.Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
	})
	fmt.Println("invalid params:", errors.Is(err, bynet.ErrInvalidParams))

	var invalid *bynet.ValidationError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field)
		fmt.Println(invalid)
	}
	fmt.Println("requests sent:", len(srv.Requests()))
	// Output:
	// invalid params: true
	// customer.document.number
	// bynet: invalid customer.document.number: *********00 is not a valid CPF; expected 11 digits with correct check digits
	// requests sent: 0
}

// The SDK does not resend a request that moves money once the server may
// have acted on it. When the outcome is unknown, such as after a 500, look
// the object up by your ExternalRef before you try again, or you may
// charge twice.
func ExampleOutcomeUnknownError() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	params := &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Maria Silva",
			Email:    "maria@example.com",
			Document: bynet.Document{Number: "390.533.447-05"},
		},
		Items:       []bynet.Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
		ExternalRef: "pedido-2002",
	}

	srv.FailNext(1, http.StatusInternalServerError)
	_, resp, err := client.Transactions.Create(ctx, params)
	fmt.Println("outcome unknown:", errors.Is(err, bynet.ErrOutcomeUnknown), "attempts:", resp.Attempts)

	var unknown *bynet.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		log.Fatal(err)
	}
	fmt.Println("look up:", unknown.ExternalRef)

	found, _, err := client.Transactions.FindAll(ctx, &bynet.TransactionListParams{ExternalRef: unknown.ExternalRef})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("found:", found.Total)

	// The sandbox failed the request before acting on it, so nothing was
	// created and sending it again is safe.
	if found.Total == 0 {
		tx, _, err := client.Transactions.Create(ctx, params)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("created:", tx.Status)
	}
	// Output:
	// outcome unknown: true attempts: 1
	// look up: pedido-2002
	// found: 0
	// created: WAITING_PAYMENT
}

// FindAllIter fetches the pages one by one as the loop needs them, so a
// loop over 25 charges with Limit 10 makes three requests.
func ExampleTransactionsService_FindAllIter() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for i := range 25 {
		if _, _, err := client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
			Amount:        int64(1000 + i),
			PaymentMethod: bynet.PaymentMethodPix,
			Customer: &bynet.CustomerParams{
				Name:     "Maria Silva",
				Email:    "maria@example.com",
				Document: bynet.Document{Number: "390.533.447-05"},
			},
			Items: []bynet.Item{{Title: "Camiseta", UnitPrice: int64(1000 + i), Quantity: 1}},
		}); err != nil {
			log.Fatal(err)
		}
	}

	before := len(srv.Requests())
	params := &bynet.TransactionListParams{ListOptions: bynet.ListOptions{Limit: 10}}
	count, total := 0, int64(0)
	for tx, err := range client.Transactions.FindAllIter(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		count++
		total += tx.Amount
	}
	fmt.Println(count, "charges, R$", total/100, "in total, pages fetched:", len(srv.Requests())-before)
	// Output:
	// 25 charges, R$ 253 in total, pages fetched: 3
}

// Breaking out of the loop stops the iterator: no further page is fetched.
func ExampleTransactionsService_FindAllIter_break() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for range 25 {
		if _, _, err := client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
			Amount:        1000,
			PaymentMethod: bynet.PaymentMethodPix,
			Customer: &bynet.CustomerParams{
				Name:     "Maria Silva",
				Email:    "maria@example.com",
				Document: bynet.Document{Number: "390.533.447-05"},
			},
			Items: []bynet.Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
		}); err != nil {
			log.Fatal(err)
		}
	}

	before := len(srv.Requests())
	params := &bynet.TransactionListParams{ListOptions: bynet.ListOptions{Limit: 10}}
	seen := 0
	for _, err := range client.Transactions.FindAllIter(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		seen++
		if seen == 12 {
			break
		}
	}
	fmt.Println(seen, "charges read, pages fetched:", len(srv.Requests())-before)
	// Output:
	// 12 charges read, pages fetched: 2
}
