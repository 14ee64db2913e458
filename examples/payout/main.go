// Payout withdraws money by PIX: it checks the account balance, creates a
// cashout to a PIX key and polls the cashout until it is paid or fails.
//
// By default it runs against the bynettest sandbox, with no API key and no
// network. It first funds the sandbox with a paid charge, receives the
// cashout's postback on a local server, and completes the cashout on the
// sandbox itself:
//
//	go run ./examples/payout
//
// With -live it uses the real API with the key in BYNET_API_KEY and moves
// real money, so it needs every detail of the destination on the command
// line:
//
//	BYNET_API_KEY=... go run ./examples/payout -live -amount 500 \
//	    -pix-type EMAIL -pix-key ana@example.com -name "Ana Souza" \
//	    -document 39053344705 -postback-url https://shop.example.com/postbacks/bynet
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/examples/internal/exampleenv"
)

func main() {
	exampleenv.Main("payout", run)
}

// destination is the cashout's recipient and amount, read from the command line.
type destination struct {
	amount                     int64
	pixType, pixKey            string
	name, document, postbackTo string
}

func (d *destination) register(fs *flag.FlagSet) {
	fs.Int64Var(&d.amount, "amount", 5000, "amount to withdraw, in centavos (5000 is R$ 50,00)")
	fs.StringVar(&d.pixType, "pix-type", "CPF", "type of the PIX key: CPF, CNPJ, EMAIL, PHONE or RANDOM")
	fs.StringVar(&d.pixKey, "pix-key", "", "PIX key that receives the money (required with -live)")
	fs.StringVar(&d.name, "name", "", "full name of the key's holder (required with -live)")
	fs.StringVar(&d.document, "document", "", "CPF or CNPJ of the key's holder (required with -live)")
	fs.StringVar(&d.postbackTo, "postback-url", "", "https URL that receives the cashout's postbacks (required with -live)")
}

// run is the whole program, so a test can run it in-process.
func run(ctx context.Context, w io.Writer, args []string) error {
	var dest destination
	env, err := exampleenv.Setup("payout", w, args, dest.register)
	if err != nil {
		return err
	}
	defer env.Close()

	var postbacks <-chan string
	if env.Sandbox != nil {
		received, stop, err := prepareSandbox(ctx, w, env, &dest)
		if err != nil {
			return err
		}
		defer stop()
		postbacks = received
	} else if dest.pixKey == "" || dest.name == "" || dest.document == "" || dest.postbackTo == "" {
		return errors.New("-live moves real money: pass -pix-key, -name, -document and -postback-url")
	}

	if err := printBalance(ctx, w, env.Client); err != nil {
		return err
	}

	cashout, _, err := env.Client.Cashout.Create(ctx, &bynet.CreateCashoutParams{
		Amount: dest.amount, PixType: bynet.PixKeyType(dest.pixType), PixKey: dest.pixKey,
		BeneficiaryName: dest.name, BeneficiaryDocument: dest.document,
		Description: "Saque de exemplo do bynet-go", PostbackURL: dest.postbackTo,
	})
	if err != nil {
		return fmt.Errorf("create cashout: %w", err)
	}
	fmt.Fprintf(w, "cashout %s: %s, R$ %s plus a fee of R$ %s\n", cashout.ID, cashout.Status, exampleenv.Reais(cashout.Amount), exampleenv.Reais(cashout.Fee))

	if env.Sandbox != nil {
		if err := env.Sandbox.CompletePayout(cashout.ID); err != nil {
			return fmt.Errorf("complete cashout on the sandbox: %w", err)
		}
	}

	final, err := exampleenv.Poll(ctx, env.Timeout, func(ctx context.Context) (*bynet.Cashout, bool, error) {
		got, _, err := env.Client.Cashout.FindByID(ctx, cashout.ID)
		if err != nil {
			return nil, false, fmt.Errorf("read cashout: %w", err)
		}
		return got, got.Status != bynet.CashoutPending, nil
	})
	if err != nil {
		return fmt.Errorf("cashout %s: %w", cashout.ID, err)
	}

	fmt.Fprintf(w, "cashout %s: %s (end-to-end id %s)\n", final.ID, final.Status, final.EndToEndID)
	if env.Sandbox != nil {
		env.Sandbox.Flush()
		for len(postbacks) > 0 {
			fmt.Fprintln(w, <-postbacks)
		}
	}
	return printBalance(ctx, w, env.Client)
}

// prepareSandbox funds the sandbox with a paid R$ 100,00 charge, fills in
// a test destination and starts a local server that receives the cashout's
// postbacks and reports each on the returned channel. stop shuts that
// server down.
func prepareSandbox(ctx context.Context, w io.Writer, env *exampleenv.Env, dest *destination) (received <-chan string, stop func(), err error) {
	charge, _, err := env.Client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
		Amount: 10000, PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{Name: "Loja Exemplo", Email: "vendas@loja-exemplo.test",
			Document: bynet.Document{Number: "11222333000181"}},
		Items: []bynet.Item{{Title: "Pedido 1001", UnitPrice: 10000, Quantity: 1}},
	})
	if err != nil {
		return nil, nil, fmt.Errorf("fund the sandbox: %w", err)
	}
	if err := env.Sandbox.Pay(charge.ID); err != nil {
		return nil, nil, fmt.Errorf("fund the sandbox: %w", err)
	}
	fmt.Fprintln(w, "funded the sandbox with a paid charge of R$ 100,00")

	postbacks := make(chan string, 16)
	receiver := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		var postback struct {
			ObjectID string `json:"objectId"`
			Data     struct {
				Status string `json:"status"`
			} `json:"data"`
		}
		_ = json.NewDecoder(r.Body).Decode(&postback)
		postbacks <- fmt.Sprintf("postback received: cashout %s is %s", postback.ObjectID, postback.Data.Status)
	}))

	dest.pixType, dest.pixKey, dest.name = "EMAIL", "ana.souza@example.com", "Ana Beatriz Souza"
	dest.document, dest.postbackTo = "39053344705", receiver.URL+"/postbacks/bynet"
	return postbacks, receiver.Close, nil
}

// printBalance prints the balance summary as the server sends it, since
// the reference documents none of its fields.
func printBalance(ctx context.Context, w io.Writer, client *bynet.Client) error {
	summary, _, err := client.Balance.Summary(ctx, nil)
	if err != nil {
		return fmt.Errorf("read balance: %w", err)
	}

	var known struct {
		Available *int64 `json:"available"`
	}
	if json.Unmarshal(summary.Raw, &known) == nil && known.Available != nil {
		fmt.Fprintf(w, "available balance: R$ %s\n", exampleenv.Reais(*known.Available))
		return nil
	}
	fmt.Fprintf(w, "balance summary: %s\n", summary.Raw)
	return nil
}
