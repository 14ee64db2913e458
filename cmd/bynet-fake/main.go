// Command bynet-fake runs the bynettest sandbox of the Bynet API as a
// standalone server, for services in other languages and manual curl
// sessions:
//
//	go run ./cmd/bynet-fake
//	curl -H 'x-api-key: sk_test_bynettest_fake_key' -H 'User-Agent: AtivoB2B/1.0' \
//	     http://127.0.0.1:8787/api/user/transactions
//
// It listens on a loopback address and refuses any other unless
// -allow-non-loopback is given. State lives in memory and is lost on exit.
// Besides the API's endpoints it serves the sandbox's control endpoints
// (same key): POST /_sandbox/transactions/{id}/pay (or refuse, cancel,
// refund, chargeback), POST /_sandbox/payouts/{id}/complete (or fail),
// POST /_sandbox/balance/credit and GET /_sandbox/deliveries.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/bynet-go/bynet/bynettest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if err := run(ctx, os.Stdout, os.Args[1:], nil); err != nil {
		fmt.Fprintln(os.Stderr, "bynet-fake:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends. ready, when non-nil, gets the base URL once
// the server listens.
func run(ctx context.Context, w io.Writer, args []string, ready func(url string)) error {
	flags := flag.NewFlagSet("bynet-fake", flag.ContinueOnError)
	flags.SetOutput(w)
	addr := flags.String("addr", "127.0.0.1:8787", "host:port to listen on; must be a loopback address")
	allowNonLoopback := flags.Bool("allow-non-loopback", false, "allow listening on a non-loopback address (exposes the fake to the network)")
	apiKey := flags.String("api-key", bynettest.DefaultAPIKey, "the only x-api-key value the fake accepts")
	autoSettle := flags.Duration("auto-settle", 0, "pay PIX and boleto charges and complete payouts this long after creation; 0 turns it off")
	quiet := flags.Bool("quiet", false, "do not log each request")
	if err := flags.Parse(args); err != nil {
		return err
	}

	if err := checkAddr(*addr, *allowNonLoopback); err != nil {
		return err
	}

	var lc net.ListenConfig
	listener, err := lc.Listen(ctx, "tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}

	if err := checkAddr(listener.Addr().String(), *allowNonLoopback); err != nil {
		listener.Close()
		return err
	}

	logger := slog.New(slog.NewTextHandler(w, nil))
	opts := []bynettest.ServerOption{bynettest.WithListener(listener), bynettest.WithAPIKey(*apiKey),
		bynettest.WithAutoSettle(*autoSettle)}
	if !*quiet {
		opts = append(opts, bynettest.WithLogger(logger))
	}

	srv := bynettest.NewServer(opts...)
	fmt.Fprintf(w, "bynet-fake listening\nbase URL: %s\nAPI key:  %s\n", srv.URL, srv.APIKey)
	if ready != nil {
		ready(srv.URL)
	}

	<-ctx.Done()
	logger.Info("bynet-fake: stopping")
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		return errors.New("timed out after 10s waiting for requests in flight")
	}
	return nil
}

// checkAddr rejects a listen address whose host is not a loopback address,
// unless allowed. An empty host means every interface, so it is rejected
// too. "localhost" passes here, and run checks the address it resolved to
// once it listens.
func checkAddr(addr string, allowNonLoopback bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -addr %q: %w", addr, err)
	}

	if allowNonLoopback || host == "localhost" {
		return nil
	}

	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing to listen on %q: not a loopback address; use 127.0.0.1 or ::1, or pass -allow-non-loopback", addr)
	}
	return nil
}
