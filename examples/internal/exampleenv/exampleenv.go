// Package exampleenv holds what the runnable examples share: the choice
// between the bynettest sandbox and the real API, the -live and -timeout
// flags, polling, and the main function.
package exampleenv

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

// Main runs an example's run function with a context that ends on
// Ctrl-C, and exits with status 1 when it fails.
func Main(name string, run func(ctx context.Context, w io.Writer, args []string) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	if err := run(ctx, os.Stdout, os.Args[1:]); err != nil {
		stop()
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
}

// Flags are the options every example takes.
type Flags struct {
	// Live selects the real API, with the key in BYNET_API_KEY.
	Live bool
	// Timeout bounds the wait for a payment or payout in live mode.
	Timeout time.Duration
}

// Register adds -live and -timeout to fs.
func (f *Flags) Register(fs *flag.FlagSet) {
	fs.BoolVar(&f.Live, "live", false, "use the real API with the key in BYNET_API_KEY instead of the sandbox")
	fs.DurationVar(&f.Timeout, "timeout", 10*time.Minute, "how long to wait for a payment or payout in -live mode")
}

// Env is the environment of an example: a client and, unless live, the sandbox.
type Env struct {
	Flags
	Client *bynet.Client
	// Sandbox is the sandbox the client talks to, or nil in live mode.
	Sandbox *bynettest.Server
}

// Setup parses the example's arguments (the common flags, plus the ones
// that register adds when it is non-nil) and opens its environment. Usage
// and flag errors go to w.
func Setup(name string, w io.Writer, args []string, register func(*flag.FlagSet)) (*Env, error) {
	var opts Flags
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(w)
	opts.Register(flags)
	if register != nil {
		register(flags)
	}
	if err := flags.Parse(args); err != nil {
		return nil, err
	}

	env, err := Open(opts.Live)
	if err != nil {
		return nil, err
	}
	env.Flags = opts
	return env, nil
}

// PayOnSandbox pays the charge id on the sandbox. In live mode it only
// prints that the example now waits for a real payment.
func (e *Env) PayOnSandbox(w io.Writer, id string) error {
	if e.Sandbox == nil {
		fmt.Fprintf(w, "waiting up to %s for the payment of the PIX code...\n", e.Timeout)
		return nil
	}

	if err := e.Sandbox.Pay(id); err != nil {
		return fmt.Errorf("pay on the sandbox: %w", err)
	}
	fmt.Fprintln(w, "paid the PIX code on the sandbox")
	return nil
}

// Open returns a client for the real API when live is set, and for a new
// sandbox otherwise. Live mode needs BYNET_API_KEY.
func Open(live bool) (*Env, error) {
	if !live {
		srv := bynettest.NewServer()
		return &Env{Client: srv.Client(), Sandbox: srv}, nil
	}

	if os.Getenv(bynet.APIKeyEnv) == "" {
		return nil, errors.New("-live needs the API key in " + bynet.APIKeyEnv)
	}

	client, err := bynet.NewClient("")
	if err != nil {
		return nil, err
	}
	return &Env{Client: client}, nil
}

// Close stops the sandbox, if any.
func (e *Env) Close() {
	if e.Sandbox != nil {
		e.Sandbox.Close()
	}
}

// Poll calls check until it reports done, with waits that double from
// 100ms up to 5s, and gives up after timeout. It returns check's last
// value.
func Poll[T any](ctx context.Context, timeout time.Duration, check func(context.Context) (T, bool, error)) (T, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	wait := 100 * time.Millisecond
	for {
		value, done, err := check(ctx)
		if err != nil || done {
			return value, err
		}

		select {
		case <-ctx.Done():
			return value, fmt.Errorf("still waiting after %s", timeout)
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

// Reais formats centavos as a Brazilian amount without the currency
// sign, such as 1234 as "12,34".
func Reais(centavos int64) string {
	sign := ""
	if centavos < 0 {
		sign, centavos = "-", -centavos
	}
	return fmt.Sprintf("%s%d,%02d", sign, centavos/100, centavos%100)
}
