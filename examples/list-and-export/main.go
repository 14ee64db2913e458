// List-and-export walks every charge of a period, page by page, prints a
// line per charge and the totals, and streams the Excel export of the same
// period to a file.
//
// By default it runs against the bynettest sandbox, with no API key and no
// network, after creating a few charges there:
//
//	go run ./examples/list-and-export -out /tmp/transacoes.xlsx
//
// With -live it reads the account of the key in BYNET_API_KEY:
//
//	BYNET_API_KEY=... go run ./examples/list-and-export -live -from 2026-11-01 -to 2026-11-30
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/examples/internal/exampleenv"
)

func main() {
	exampleenv.Main("list-and-export", run)
}

// period is the span of creation dates to list, both days included.
type period struct {
	from, to string
	out      string
}

func (p *period) register(fs *flag.FlagSet) {
	today := time.Now().UTC()
	fs.StringVar(&p.from, "from", today.AddDate(0, 0, -30).Format(time.DateOnly), "first day of the period, YYYY-MM-DD (UTC)")
	fs.StringVar(&p.to, "to", today.Format(time.DateOnly), "last day of the period, YYYY-MM-DD (UTC)")
	fs.StringVar(&p.out, "out", "transacoes.xlsx", "file that receives the Excel export")
}

// bounds returns the period as [start, end): end is the day after "to".
func (p *period) bounds() (start, end time.Time, err error) {
	if start, err = time.Parse(time.DateOnly, p.from); err != nil {
		return start, end, fmt.Errorf("invalid -from %q: expected YYYY-MM-DD", p.from)
	}
	if end, err = time.Parse(time.DateOnly, p.to); err != nil {
		return start, end, fmt.Errorf("invalid -to %q: expected YYYY-MM-DD", p.to)
	}
	return start, end.AddDate(0, 0, 1), nil
}

// run is the whole program, so a test can run it in-process.
func run(ctx context.Context, w io.Writer, args []string) error {
	var p period
	env, err := exampleenv.Setup("list-and-export", w, args, p.register)
	if err != nil {
		return err
	}
	defer env.Close()

	start, end, err := p.bounds()
	if err != nil {
		return err
	}

	if env.Sandbox != nil {
		if err := seedSandbox(ctx, w, env); err != nil {
			return err
		}
	}

	if err := list(ctx, w, env.Client, start, end); err != nil {
		return err
	}
	return export(ctx, w, env.Client, p)
}

// list prints the charges created in [start, end). It asks the server to
// filter by date, and because the public reference does not confirm those
// filters, it also reads newest first, skips charges after the period and
// stops at the first one before it.
func list(ctx context.Context, w io.Writer, client *bynet.Client, start, end time.Time) error {
	params := &bynet.TransactionListParams{
		ListOptions: bynet.ListOptions{Limit: 50, OrderBy: "createdAt", OrderDirection: "desc"},
		StartDate:   start.Format(time.DateOnly),
		EndDate:     end.AddDate(0, 0, -1).Format(time.DateOnly),
	}

	var count int
	var paid int64
	for tx, err := range client.Transactions.FindAllIter(ctx, params) {
		if err != nil {
			return fmt.Errorf("list charges: %w", err)
		}
		if !tx.CreatedAt.Before(end) {
			continue
		}
		if tx.CreatedAt.Before(start) {
			break
		}

		count++
		if tx.Status == bynet.StatusPaid {
			paid += tx.Amount
		}
		fmt.Fprintf(w, "%s  %s  %-15s  R$ %10s\n", tx.CreatedAt.UTC().Format(time.DateTime), tx.ID, tx.Status, exampleenv.Reais(tx.Amount))
	}

	fmt.Fprintf(w, "%d charges, R$ %s paid\n", count, exampleenv.Reais(paid))
	return nil
}

// export streams the Excel export of the period to p.out, never holding
// the whole file in memory.
func export(ctx context.Context, w io.Writer, client *bynet.Client, p period) error {
	body, _, err := client.Transactions.ExportExcel(ctx, &bynet.ExportTransactionsParams{
		Extra: map[string]any{"startDate": p.from, "endDate": p.to},
	})
	if err != nil {
		return fmt.Errorf("export charges: %w", err)
	}
	defer body.Close()

	file, err := os.Create(p.out)
	if err != nil {
		return err
	}

	written, err := io.Copy(file, body)
	if closeErr := file.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", p.out, err)
	}

	fmt.Fprintf(w, "wrote %s (%d bytes)\n", p.out, written)
	return nil
}

// seedSandbox creates five charges on the sandbox and pays three.
func seedSandbox(ctx context.Context, w io.Writer, env *exampleenv.Env) error {
	for i, amount := range []int64{1990, 4990, 12900, 2500, 8990} {
		tx, _, err := env.Client.Transactions.Create(ctx, &bynet.CreateTransactionParams{
			Amount: amount, PaymentMethod: bynet.PaymentMethodPix,
			Customer: &bynet.CustomerParams{Name: "Ana Beatriz Souza", Email: "ana.souza@example.com",
				Document: bynet.Document{Number: "39053344705"}},
			Items:       []bynet.Item{{Title: fmt.Sprintf("Pedido %d", 1001+i), UnitPrice: amount, Quantity: 1}},
			ExternalRef: fmt.Sprintf("pedido-%d", 1001+i),
		})
		if err != nil {
			return fmt.Errorf("seed the sandbox: %w", err)
		}

		if i%2 == 0 {
			if err := env.Sandbox.Pay(tx.ID); err != nil {
				return fmt.Errorf("seed the sandbox: %w", err)
			}
		}
	}

	fmt.Fprintln(w, "created 5 charges on the sandbox and paid 3")
	return nil
}
