// Quickstart creates a PIX charge of R$ 10,00, prints its "copia e cola"
// code and waits until it is paid.
//
// By default it runs against the bynettest sandbox, with no API key and no
// network, and pays the charge on the sandbox itself:
//
//	go run ./examples/quickstart
//
// With -live it charges on the real API with the key in BYNET_API_KEY and
// waits for someone to pay the code (up to -timeout):
//
//	BYNET_API_KEY=... go run ./examples/quickstart -live
package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/examples/internal/exampleenv"
)

func main() {
	exampleenv.Main("quickstart", run)
}

// run is the whole program, so a test can run it in-process.
func run(ctx context.Context, w io.Writer, args []string) error {
	env, err := exampleenv.Setup("quickstart", w, args, nil)
	if err != nil {
		return err
	}
	defer env.Close()

	tx, _, err := env.Client.Transactions.Create(ctx, newCharge())
	if err != nil {
		return fmt.Errorf("create charge: %w", err)
	}
	fmt.Fprintf(w, "charge id: %s\nstatus:    %s\nPIX code:  %s\n", tx.ID, tx.Status, tx.PixCode())

	if err := env.PayOnSandbox(w, tx.ID); err != nil {
		return err
	}

	status, err := exampleenv.Poll(ctx, env.Timeout, func(ctx context.Context) (bynet.TransactionStatus, bool, error) {
		got, _, err := env.Client.Transactions.FindByID(ctx, tx.ID)
		if err != nil {
			return "", false, fmt.Errorf("read charge: %w", err)
		}
		return got.Status, got.Status != bynet.StatusWaitingPayment, nil
	})
	if err != nil {
		return fmt.Errorf("charge %s is %s: %w", tx.ID, status, err)
	}

	fmt.Fprintln(w, status)
	return nil
}

func newCharge() *bynet.CreateTransactionParams {
	return &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Ana Beatriz Souza",
			Email:    "ana.souza@example.com",
			Phone:    "11987654321",
			Document: bynet.Document{Number: "390.533.447-05", Type: bynet.DocumentCPF},
		},
		Items: []bynet.Item{
			{Title: "Assinatura mensal", UnitPrice: 1000, Quantity: 1},
		},
		Pix:         &bynet.PixParams{ExpiresInDays: 1},
		ExternalRef: fmt.Sprintf("quickstart-%d", time.Now().UnixNano()),
	}
}
