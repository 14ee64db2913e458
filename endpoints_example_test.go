package bynet_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

// A cashout moves money. When a failure happens after the request may have
// reached the server, the SDK does not resend it and returns an error that
// matches ErrOutcomeUnknown.
func ExampleCashoutService_Create() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	srv.Credit(10000, "Vendas do mês")

	cashout, _, err := client.Cashout.Create(context.Background(), &bynet.CreateCashoutParams{
		Amount:              500, // R$ 5,00
		PixKey:              "maria@example.com",
		PixType:             bynet.PixKeyEmail,
		BeneficiaryName:     "Maria Silva",
		BeneficiaryDocument: "529.982.247-25",
		Description:         "Saque de R$ 5,00",
		PostbackURL:         "https://shop.example.com/bynet/postback", // the sandbox posts only to loopback hosts
		ExternalRef:         "saque-0001",
	})
	switch {
	case errors.Is(err, bynet.ErrOutcomeUnknown):
		log.Printf("cashout saque-0001 may have been created; look it up before trying again: %v", err)
		return
	case err != nil:
		log.Fatal(err)
	}

	fmt.Println(cashout.Amount, cashout.Status)
	// Output:
	// 500 PENDING
}

// FindAllIter walks every page; break out of the loop to stop early.
func ExampleTransfersService_FindAllIter() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	if _, _, err := client.Bank.Create(ctx, &bynet.CreateBankAccountParams{
		HolderName: "Loja Exemplo Ltda",
		Document:   &bynet.Document{Number: "11.222.333/0001-81"},
		PixKey:     "financeiro@loja-exemplo.test",
		PixKeyType: "EMAIL",
	}); err != nil {
		log.Fatal(err)
	}
	srv.Credit(10000, "Vendas do mês")
	for _, amount := range []int64{1000, 2000, 3000} {
		if _, _, err := client.Transfers.Create(ctx, &bynet.CreateTransferParams{Amount: amount, Method: bynet.TransferPix}); err != nil {
			log.Fatal(err)
		}
	}

	var count int
	var total int64
	params := &bynet.TransferListParams{ListOptions: bynet.ListOptions{Limit: 2}}
	for transfer, err := range client.Transfers.FindAllIter(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		count++
		total += transfer.Amount
	}

	fmt.Println(count, "transfers,", total, "centavos")
	// Output:
	// 3 transfers, 6000 centavos
}

// The export streams as it arrives, whatever its size; the context, not
// WithTimeout, bounds how long the download may take. Copy it to a file in
// real code; here it goes to io.Discard.
func ExampleTransactionsService_ExportExcel() {
	srv := bynettest.NewServer()
	defer srv.Close()
	client := srv.Client()

	body, _, err := client.Transactions.ExportExcel(context.Background(), &bynet.ExportTransactionsParams{
		Status: []bynet.TransactionStatus{bynet.StatusPaid},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer body.Close()

	written, err := io.Copy(io.Discard, body)
	if err != nil {
		log.Fatal(err)
	}

	fmt.Println("received a spreadsheet:", written > 0)
	// Output:
	// received a spreadsheet: true
}
