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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if err := run(ctx, os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// run is the whole program, so a test can run it in-process.
func run(ctx context.Context, w io.Writer, args []string) error {
	flags := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	flags.SetOutput(w)
	live := flags.Bool("live", false, "use the real API with the key in BYNET_API_KEY instead of the sandbox")
	timeout := flags.Duration("timeout", 10*time.Minute, "how long to wait for the payment in -live mode")
	if err := flags.Parse(args); err != nil {
		return err
	}

	client, pay, closeFn, err := connect(*live)
	if err != nil {
		return err
	}
	defer closeFn()

	tx, _, err := client.Transactions.Create(ctx, newCharge())
	if err != nil {
		return fmt.Errorf("create charge: %w", err)
	}

	fmt.Fprintf(w, "charge id: %s\nstatus:    %s\nPIX code:  %s\n", tx.ID, tx.Status, tx.PixCode())

	if pay != nil {
		if err := pay(tx.ID); err != nil {
			return fmt.Errorf("pay on the sandbox: %w", err)
		}
		fmt.Fprintln(w, "paid the charge on the sandbox")
	} else {
		fmt.Fprintf(w, "waiting up to %s for the payment of the PIX code...\n", *timeout)
	}

	status, err := waitForPayment(ctx, client, tx.ID, *timeout)
	if err != nil {
		return err
	}

	fmt.Fprintln(w, status)
	return nil
}

// connect returns a client and, on the sandbox, a function that pays a
// charge. closeFn releases the sandbox.
func connect(live bool) (client *bynet.Client, pay func(id string) error, closeFn func(), err error) {
	if live {
		if os.Getenv(bynet.APIKeyEnv) == "" {
			return nil, nil, nil, errors.New("-live needs the API key in " + bynet.APIKeyEnv)
		}
		client, err = bynet.NewClient("")
		return client, nil, func() {}, err
	}

	srv := bynettest.NewServer()
	return srv.Client(), srv.Pay, srv.Close, nil
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

// waitForPayment polls the charge until it leaves WAITING_PAYMENT or the
// timeout passes, and returns its last status.
func waitForPayment(ctx context.Context, client *bynet.Client, id string, timeout time.Duration) (bynet.TransactionStatus, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	wait := 100 * time.Millisecond
	for {
		tx, _, err := client.Transactions.FindByID(ctx, id)
		if err != nil {
			return "", fmt.Errorf("read charge: %w", err)
		}

		if tx.Status != bynet.StatusWaitingPayment {
			return tx.Status, nil
		}

		select {
		case <-ctx.Done():
			return tx.Status, fmt.Errorf("charge %s still %s after %s", id, tx.Status, timeout)
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}
