// Webhook-receiver serves a postback URL with bynet.PostbackHandler, creates
// a PIX charge whose postbackUrl points at it, pays the charge and prints the
// postback once the API has confirmed it.
//
// It runs against the bynettest sandbox, with no API key and no network:
//
//	go run ./examples/webhook-receiver
//
// The receiver uses both authenticity defences: a random secret in the
// postback URL, and re-fetching every postback from the API. It also sends
// two forged postbacks to show that the handler rejects them.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

// postbackPath is the URL path of the postback handler.
const postbackPath = "/bynet/postback"

// waitTimeout bounds the wait for the sandbox's postback.
const waitTimeout = 10 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if err := run(ctx, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "webhook-receiver:", err)
		os.Exit(1)
	}
}

// run is the whole program, so a test can run it in-process. Results go to
// out and the handler's log lines to logs.
func run(ctx context.Context, out, logs io.Writer) error {
	sandbox := bynettest.NewServer()
	defer sandbox.Close()
	client := sandbox.Client()

	secret, err := randomSecret()
	if err != nil {
		return err
	}

	received := make(chan *bynet.Postback, 16)
	receiverURL, stopReceiver, err := startReceiver(client, secret, received, logs)
	if err != nil {
		return err
	}
	defer stopReceiver()
	fmt.Fprintf(out, "receiver:  %s\n", receiverURL)

	tx, _, err := client.Transactions.Create(ctx, newCharge(receiverURL+"?token="+secret))
	if err != nil {
		return fmt.Errorf("create charge: %w", err)
	}
	fmt.Fprintf(out, "charge:    %s %s %s\n", tx.ID, tx.Status, formatBRL(tx.Amount))

	if err := sandbox.Pay(tx.ID); err != nil {
		return fmt.Errorf("pay on the sandbox: %w", err)
	}
	fmt.Fprintln(out, "paid the charge on the sandbox")

	p, err := waitForStatus(ctx, received, tx.ID, bynet.StatusPaid)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "verified:  %s %s %s, end-to-end id %s, paid at %s\n",
		p.Kind, p.ObjectID, formatBRL(p.Amount), p.EndToEndID, p.PaidAt.UTC().Format(time.RFC3339))

	sendForgeries(ctx, out, receiverURL, secret, tx.ID)
	fmt.Fprintln(out, p.Status)
	return nil
}

// startReceiver serves the postback handler on a loopback port and returns
// the postback URL without its query. Accepted postbacks go to received.
func startReceiver(client *bynet.Client, secret string, received chan<- *bynet.Postback, logs io.Writer) (string, func(), error) {
	handler, err := bynet.NewPostbackHandler(
		func(_ context.Context, p *bynet.Postback) error {
			select {
			case received <- p:
				return nil
			default:
				return errors.New("the queue of received postbacks is full")
			}
		},
		bynet.WithPostbackSecret("token", secret),
		bynet.WithPostbackVerify(client),
		bynet.WithPostbackLogger(slog.New(slog.NewTextHandler(logs, nil))),
	)
	if err != nil {
		return "", nil, err
	}

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen for postbacks: %w", err)
	}

	mux := http.NewServeMux()
	mux.Handle(postbackPath, handler)
	server := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go server.Serve(listener)

	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		server.Shutdown(ctx)
	}
	return "http://" + listener.Addr().String() + postbackPath, stop, nil
}

// waitForStatus returns the first verified postback about id with status,
// skipping any other.
func waitForStatus(ctx context.Context, received <-chan *bynet.Postback, id string, status bynet.TransactionStatus) (*bynet.Postback, error) {
	timeout := time.After(waitTimeout)
	for {
		select {
		case p := <-received:
			if p.ObjectID == id && p.Status == status && p.Verified {
				return p, nil
			}
		case <-timeout:
			return nil, fmt.Errorf("no verified %s postback for charge %s within %s", status, id, waitTimeout)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// sendForgeries posts two forged postbacks for the charge and prints the
// status the handler responds with: one without the secret and one with
// the secret but an amount that the API contradicts.
func sendForgeries(ctx context.Context, out io.Writer, receiverURL, secret, id string) {
	forged := fmt.Sprintf(`{"objectId":%q,"data":{"status":"paid","amount":1,"type":"transaction"}}`, id)

	for _, attempt := range []struct{ label, url string }{
		{"forged postback without the secret", receiverURL},
		{"forged postback with a changed amount", receiverURL + "?token=" + secret},
	} {
		fmt.Fprintf(out, "%s: %s\n", attempt.label, postStatus(ctx, attempt.url, forged))
	}
}

func postStatus(ctx context.Context, target, body string) string {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		return err.Error()
	}
	req.Header.Set("Content-Type", "application/json")

	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err.Error()
	}
	resp.Body.Close()
	return resp.Status
}

func newCharge(postbackURL string) *bynet.CreateTransactionParams {
	return &bynet.CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Ana Beatriz Souza",
			Email:    "ana.souza@example.com",
			Document: bynet.Document{Number: "390.533.447-05", Type: bynet.DocumentCPF},
		},
		Items:       []bynet.Item{{Title: "Assinatura mensal", UnitPrice: 1000, Quantity: 1}},
		PostbackURL: postbackURL,
		ExternalRef: fmt.Sprintf("webhook-receiver-%d", time.Now().UnixNano()),
	}
}

// randomSecret returns 32 random hex characters for the postback URL.
func randomSecret() (string, error) {
	buf := make([]byte, 16)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("generate the postback secret: %w", err)
	}
	return hex.EncodeToString(buf), nil
}

// formatBRL formats centavos as reais, such as "R$ 10,00".
func formatBRL(centavos int64) string {
	sign := ""
	if centavos < 0 {
		sign, centavos = "-", -centavos
	}
	return fmt.Sprintf("%sR$ %d,%02d", sign, centavos/100, centavos%100)
}
