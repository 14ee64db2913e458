package bynet_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http/httptest"
	"strings"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

// The examples in this file run against bynettest, the SDK's in-process
// sandbox of the API, so their output is checked by go test. Against the
// real API, build the client with bynet.NewClient instead of srv.Client.

// A PIX charge of R$ 10,00. The response carries the PIX "copia e cola"
// code to show the buyer. The charge waits for payment until the buyer
// pays, and then a postback or FindByID reports the new status.
func ExampleTransactionsService_Create() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tx, _, err := client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
		Amount:        1000, // centavos: R$ 10,00
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Maria Silva",
			Email:    "maria@example.com",
			Document: bynet.Document{Number: "390.533.447-05"},
		},
		Items:       []bynet.Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
		ExternalRef: "pedido-1001",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.Status, tx.Amount, tx.PaymentMethod)
	fmt.Println("PIX code starts with 000201:", strings.HasPrefix(tx.PixCode(), "000201"))

	// In the sandbox, Pay simulates the buyer paying the PIX code.
	if err := srv.Pay(tx.ID); err != nil {
		log.Fatal(err)
	}
	paid, _, err := client.Transactions.FindByID(ctx, tx.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(paid.Status, paid.Status.IsPaid(), paid.ExternalRef)
	// Output:
	// WAITING_PAYMENT 1000 PIX
	// PIX code starts with 000201: true
	// PAID true pedido-1001
}

// GetAllData needs no input: it returns the account of the API key, whose
// ID the other Company methods take.
func ExampleCompanyService_GetAllData() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	company, _, err := client.Company.GetAllData(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(company.Name, company.Status, company.Document.Type)

	same, _, err := client.Company.FindByID(ctx, company.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(same.ID == company.ID)
	// Output:
	// Loja Exemplo Bynettest Ltda ACTIVE CNPJ
	// true
}

// A product is sold through its payment link. UniqueProductLinkID is the
// id that Checkout.CreateOrder takes.
func ExampleProductsService_Create() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()

	product, _, err := client.Products.Create(context.Background(), &bynet.CreateProductParams{
		Title:          "Curso de Go",
		Description:    "Acesso vitalício às aulas gravadas.",
		ShippingType:   bynet.ShippingDigital,
		UnitPrice:      19990, // R$ 199,90
		AccessLink:     "https://cursos.example.com/go",
		PaymentMethods: &bynet.PaymentMethods{Pix: true, CreditCard: true},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(product.Title, product.UnitPrice, product.Status, product.ShippingType)
	fmt.Println("PIX:", product.PaymentMethods.Pix, "boleto:", product.PaymentMethods.Boleto)
	fmt.Println("has link id:", product.UniqueProductLinkID != "")
	// Output:
	// Curso de Go 19990 ACTIVE DIGITAL
	// PIX: true boleto: false
	// has link id: true
}

// A bank account registered with Bank.Create is where Transfers.Create
// sends money.
func ExampleBankService_Create() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	account, _, err := client.Bank.Create(ctx, &bynet.CreateBankAccountParams{
		BankCode:    "341",
		Agency:      "0001",
		Account:     "12345-6",
		AccountType: "checking",
		HolderName:  "Loja Exemplo Ltda",
		Document:    &bynet.Document{Number: "11.222.333/0001-81"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(account.BankName, account.Status, account.Document.Type)

	accounts, _, err := client.Bank.FindAll(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(accounts.Total, "account registered")
	// Output:
	// Itaú Unibanco S.A. ACTIVE CNPJ
	// 1 account registered
}

// A checkout sale in two steps: CreateOrder opens an order on a product's
// payment link, and CreatePayment sends the buyer's data and chosen method,
// which creates the charge.
func ExampleCheckoutService_CreatePayment() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	product, _, err := client.Products.Create(ctx, &bynet.CreateProductParams{
		Title:     "Ebook de receitas",
		UnitPrice: 2990,
	})
	if err != nil {
		log.Fatal(err)
	}

	order, _, err := client.Checkout.CreateOrder(ctx, product.UniqueProductLinkID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("order:", order.Status)

	payment, _, err := client.Checkout.CreatePayment(ctx, order.ID, &bynet.CreatePaymentParams{
		FullName:      "João Pereira",
		Document:      "123.456.789-09",
		Email:         "joao@example.com",
		Phone:         "11999999999",
		PaymentMethod: bynet.PaymentMethodPix,
		Installments:  1,
		ExternalRef:   "checkout-0001",
	})
	if err != nil {
		log.Fatal(err)
	}
	charge := payment.Payment()
	fmt.Println("payment:", charge.Status, strings.HasPrefix(charge.PixCode(), "000201"))
	// Output:
	// order: OPEN
	// payment: WAITING_PAYMENT true
}

// A transfer pays out from the available balance to the bank account
// registered last. It starts INPROCESS and completes later.
func ExampleTransfersService_Create() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// The sandbox starts with no bank account and no money.
	if _, _, err := client.Bank.Create(ctx, &bynet.CreateBankAccountParams{
		HolderName: "Loja Exemplo Ltda",
		Document:   &bynet.Document{Number: "11.222.333/0001-81"},
		PixKey:     "financeiro@loja-exemplo.test",
		PixKeyType: "EMAIL",
	}); err != nil {
		log.Fatal(err)
	}
	srv.Credit(10000, "Vendas do mês")

	transfers, _, err := client.Transfers.Create(ctx, &bynet.CreateTransferParams{
		Amount:      2500, // R$ 25,00
		Method:      bynet.TransferPix,
		ExternalRef: "repasse-0001",
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range transfers {
		fmt.Println(t.Amount, t.Type, t.Status, t.PixKey)
	}

	available, _, _ := srv.Balance()
	fmt.Println("available:", available)
	// Output:
	// 2500 PIX INPROCESS financeiro@loja-exemplo.test
	// available: 7500
}

// The API creates customers while it creates charges, so a charge's
// Customer.ID is the id to look the customer up with.
func ExampleCustomersService_FindByID() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tx, _, err := client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
		Amount:        1500,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Ana Souza",
			Email:    "ana@example.com",
			Document: bynet.Document{Number: "123.456.789-09"},
		},
		Items: []bynet.Item{{Title: "Caneca", UnitPrice: 1500, Quantity: 1}},
	})
	if err != nil {
		log.Fatal(err)
	}

	customer, _, err := client.Customers.FindByID(ctx, tx.Customer.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(customer.Name, customer.Email, customer.Document.Type)
	// Output:
	// Ana Souza ana@example.com CPF
}

// The API reference documents no field of a balance movement, so BalanceEntry
// types only the id and date. Decode Raw into your own type to read the
// rest.
func ExampleBalanceService_Find() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()

	srv.Credit(5000, "Aporte inicial")
	srv.Credit(-1200, "Ajuste de tarifa")

	page, _, err := client.Balance.Find(context.Background(), &bynet.BalanceHistoryParams{
		ListOptions: bynet.ListOptions{Limit: 50},
	})
	if err != nil {
		log.Fatal(err)
	}

	var sum int64
	for _, entry := range page.Data {
		var movement struct {
			Type   string `json:"type"`
			Amount int64  `json:"amount"` // centavos, negative when money leaves
		}
		if err := json.Unmarshal(entry.Raw, &movement); err != nil {
			log.Fatal(err)
		}
		sum += movement.Amount
	}
	fmt.Println(page.Total, "movements, sum", sum)
	// Output:
	// 2 movements, sum 3800
}

// A webhook receives the postbacks of every charge. Here the receiver is
// a NewPostbackHandler on a local test server, and in production it is
// your service's public https URL. The handler rejects a request whose URL lacks
// the secret registered with the webhook.
func ExampleWebhooksService_Create() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	handler, err := bynet.NewPostbackHandler(func(_ context.Context, p *bynet.Postback) error {
		fmt.Println("postback:", p.Kind, p.Status, p.Amount)
		return nil
	}, bynet.WithPostbackSecret("token", "a-long-random-secret"))
	if err != nil {
		log.Fatal(err)
	}
	receiver := httptest.NewServer(handler)
	defer receiver.Close()

	webhook, _, err := client.Webhooks.Create(ctx, &bynet.WebhookParams{
		URL:  receiver.URL + "/postbacks?token=a-long-random-secret",
		Type: bynet.WebhookTransaction,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("webhook:", webhook.Type)

	tx, _, err := client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Maria Silva",
			Email:    "maria@example.com",
			Document: bynet.Document{Number: "390.533.447-05"},
		},
		Items: []bynet.Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
	})
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.Pay(tx.ID); err != nil {
		log.Fatal(err)
	}
	srv.Flush() // waits until the sandbox has delivered the postback
	// Output:
	// webhook: TRANSACTION
	// postback: transaction PAID 1000
}
