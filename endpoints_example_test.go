package bynet_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/bynet-go/bynet"
)

// A cashout moves money. When a failure happens after the request may have
// reached the server, the SDK does not resend it and returns an error that
// matches ErrOutcomeUnknown.
func ExampleCashoutService_Create() {
	client, err := bynet.NewClient("") // reads BYNET_API_KEY
	if err != nil {
		log.Fatal(err)
	}

	cashout, _, err := client.Cashout.Create(context.Background(), &bynet.CreateCashoutParams{
		Amount:              500, // R$ 5,00
		PixKey:              "maria@example.com",
		PixType:             bynet.PixKeyEmail,
		BeneficiaryName:     "Maria Silva",
		BeneficiaryDocument: "123.456.789-09",
		Description:         "Saque de R$ 5,00",
		PostbackURL:         "https://shop.example.com/postback",
		ExternalRef:         "saque-0001",
	})
	switch {
	case errors.Is(err, bynet.ErrOutcomeUnknown):
		log.Printf("cashout saque-0001 may have been created; look it up before trying again: %v", err)
		return
	case err != nil:
		log.Fatal(err)
	}

	fmt.Println(cashout.ID, cashout.Status)
}

// FindAllIter walks every page; break out of the loop to stop early.
func ExampleTransfersService_FindAllIter() {
	client, err := bynet.NewClient("")
	if err != nil {
		log.Fatal(err)
	}

	params := &bynet.TransferListParams{Status: []bynet.TransferStatus{bynet.TransferFailed}}
	for transfer, err := range client.Transfers.FindAllIter(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(transfer.ID, transfer.Amount, transfer.Error)
	}
}

// The export streams to the file as it arrives, whatever its size; the
// context, not WithTimeout, bounds how long the download may take.
func ExampleTransactionsService_ExportExcel() {
	client, err := bynet.NewClient("")
	if err != nil {
		log.Fatal(err)
	}

	body, _, err := client.Transactions.ExportExcel(context.Background(), &bynet.ExportTransactionsParams{
		Status: []bynet.TransactionStatus{bynet.StatusPaid},
	})
	if err != nil {
		log.Fatal(err)
	}
	defer body.Close()

	file, err := os.Create("transactions.xlsx")
	if err != nil {
		log.Fatal(err)
	}
	defer file.Close()

	if _, err := io.Copy(file, body); err != nil {
		log.Fatal(err)
	}
}
