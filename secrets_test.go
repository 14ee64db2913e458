package bynet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Recognisable fake secrets that tests send through the SDK and then look
// for in every log line and error string.
const (
	leakAPIKey = "sk_test_LEAKCHECK_4d1e8b7f"
	// leakCard is a Luhn-valid test card number.
	leakCard          = "4111111111111111"
	leakCardSpaced    = "4111 1111 1111 1111"
	leakCVV           = "9351"
	leakCPF           = "52998224725"
	leakCPFFormatted  = "529.982.247-25"
	leakCNPJ          = "11222333000181"
	leakCNPJFormatted = "11.222.333/0001-81"
)

// leakCVVPattern finds the CVV as a number of its own, not inside a longer
// number, a duration or a port.
var leakCVVPattern = regexp.MustCompile(`(^|[^0-9:.])` + leakCVV + `([^0-9]|$)`)

// leakCardCharge is a card charge that carries every fake secret.
func leakCardCharge() *CreateTransactionParams {
	return &CreateTransactionParams{
		Amount:        1000,
		PaymentMethod: PaymentMethodCreditCard,
		ExternalRef:   "order-42",
		Items:         []Item{{Title: "Camiseta", UnitPrice: 1000, Quantity: 1}},
		Customer: &CustomerParams{
			Name:     "Maria da Silva",
			Email:    "maria@example.com",
			Document: Document{Number: leakCPFFormatted},
		},
		Card: &CardParams{
			Number:          leakCardSpaced,
			HolderName:      "MARIA DA SILVA",
			ExpirationMonth: 12,
			ExpirationYear:  2030,
			CVV:             leakCVV,
		},
	}
}

// assertNoSecrets fails when text holds the API key, the card number, the
// CVV or an unmasked CPF or CNPJ.
func assertNoSecrets(t *testing.T, what, text string) {
	t.Helper()
	for _, secret := range []string{leakAPIKey, "LEAKCHECK", leakCard, leakCardSpaced, leakCPF, leakCPFFormatted, leakCNPJ, leakCNPJFormatted} {
		if strings.Contains(text, secret) {
			t.Errorf("%s contains the secret %q:\n%s", what, secret, excerpt(text, secret))
		}
	}

	if loc := leakCVVPattern.FindStringIndex(text); loc != nil {
		t.Errorf("%s contains the CVV:\n%s", what, excerpt(text, text[loc[0]:loc[1]]))
	}
}

// excerpt returns the line of text that contains needle.
func excerpt(text, needle string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, needle) {
			return line
		}
	}
	return text
}

// secretEcho is a server error message that repeats every secret, as a
// careless upstream might.
const secretEcho = "Cartão " + leakCard + " recusado (CVV " + leakCVV + ", chave " + leakAPIKey +
	", CPF " + leakCPFFormatted + ", CNPJ " + leakCNPJ + ")"

// leakServer responds per path: some routes succeed, others fail in ways
// whose bodies and messages repeat the request's secrets.
func leakServer(t *testing.T) *httptest.Server {
	t.Helper()
	reasons := fmt.Sprintf(`{"errors":{"card.number":["%s inválido"],"customer.document.number":["CPF %s inválido"]}}`,
		leakCard, leakCPF)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		route := r.URL.Query().Get("case")
		if _, ref, ok := strings.Cut(string(body), `"externalRef":"case=`); ok {
			route, _, _ = strings.Cut(ref, `"`)
		}

		switch route {
		case "400":
			writeBody(w, http.StatusBadRequest, "application/json", fmt.Sprintf(
				`{"status":400,"message":%q,"error":{"refusedReason":%q,"provider":"x","payload":%s}}`,
				secretEcho, reasons, echo(body)))
			return
		case "500":
			serveFault(w, r, fault500, body)
			return
		case "html":
			writeBody(w, http.StatusBadGateway, "text/html", "<html><pre>"+secretEcho+"</pre></html>")
			return
		case "garbled":
			writeBody(w, http.StatusOK, "application/json", `{"data":{"amount":"`+leakCard+`.5","echo":"`+secretEcho+`"`)
			return
		case "fraction":
			writeBody(w, http.StatusOK, "application/json", `{"data":{"id":"tx_9","amount":`+leakCard+`.5}}`)
			return
		case "refused":
			writeBody(w, http.StatusOK, "application/json", fmt.Sprintf(
				`{"status":200,"message":%q,"data":{"id":"tx_9","status":"refused","refusedReason":%q}}`, secretEcho, reasons))
			return
		case "reset":
			serveFault(w, r, faultReset, body)
			return
		}

		if r.Header.Get("x-api-key") != leakAPIKey {
			writeBody(w, http.StatusUnauthorized, "application/json", `{"status":401,"message":"Unauthorized"}`)
			return
		}
		serveFault(w, r, faultNone, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSecretsStayOutOfLogsAndErrors(t *testing.T) {
	srv := leakServer(t)
	var logs lockedBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	transport := &http.Transport{}
	defer transport.CloseIdleConnections()

	c, err := NewClient(leakAPIKey, WithBaseURL(srv.URL), WithLogger(logger),
		WithHTTPClient(&http.Client{Transport: transport}),
		WithRetry(1, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)

	ctx := context.Background()
	var errs []error
	for _, call := range leakSweep(c) {
		if err := call(ctx); err != nil {
			errs = append(errs, err)
		}
	}

	require.NotEmpty(t, errs)
	for _, err := range errs {
		assertNoSecrets(t, "error", err.Error())
		assertNoSecrets(t, "error", fmt.Sprintf("%+v", err))
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			assertNoSecrets(t, "APIError.Body", string(apiErr.Body))
		}
		var decodeErr *DecodeError
		if errors.As(err, &decodeErr) {
			assertNoSecrets(t, "DecodeError.Snippet", decodeErr.Snippet)
		}
	}

	assert.NotEmpty(t, logs.String())
	assertNoSecrets(t, "log", logs.String())
}

// leakSweep returns calls that reach every service method on the success
// and failure paths, each with the fake secrets in its input.
func leakSweep(c *Client) []func(ctx context.Context) error {
	charge := leakCardCharge()
	byDocument := &TransactionListParams{DocumentNumber: leakCPF}
	var calls []func(ctx context.Context) error
	for _, route := range []string{"", "?case=400", "?case=500", "?case=html", "?case=garbled", "?case=fraction", "?case=refused", "?case=reset"} {
		calls = append(calls,
			func(ctx context.Context) error {
				return c.Do(ctx, http.MethodPost, "/api/user/transactions"+route, charge, new(Transaction))
			},
			func(ctx context.Context) error {
				return c.Do(ctx, http.MethodGet, "/api/user/transactions"+withQuery(route, "documentNumber="+leakCPF), nil, new(Page[Transaction]))
			},
			func(ctx context.Context) error {
				return c.Do(ctx, http.MethodPut, "/api/user/sellers/s_1"+route, map[string]string{"document": leakCNPJ}, nil)
			},
		)
	}

	for _, route := range []string{"400", "500", "html", "garbled", "fraction", "refused", "reset"} {
		routed := leakCardCharge()
		routed.ExternalRef = "case=" + route
		calls = append(calls, func(ctx context.Context) error {
			_, _, err := c.Transactions.Create(ctx, routed)
			return err
		})
	}

	calls = append(calls,
		func(ctx context.Context) error { _, _, err := c.Transactions.Create(ctx, charge); return err },
		func(ctx context.Context) error { _, _, err := c.Transactions.FindByID(ctx, "tx_1"); return err },
		func(ctx context.Context) error { _, _, err := c.Transactions.FindAll(ctx, byDocument); return err },
		func(ctx context.Context) error { _, _, err := c.Transactions.SummaryByID(ctx, "tx_1"); return err },
		func(ctx context.Context) error { _, _, err := c.Customers.FindAll(ctx, nil); return err },
		func(ctx context.Context) error { _, _, err := c.Customers.FindByID(ctx, "cus_1"); return err },
	)
	for tx, err := range c.Transactions.FindAllIter(context.Background(), byDocument) {
		_ = tx
		calls = append(calls, func(context.Context) error { return err })
		break
	}
	return append(calls, leakValidationCalls(c)...)
}

func withQuery(route, query string) string {
	if route == "" {
		return "?" + query
	}
	return route + "&" + query
}

// leakValidationCalls send invalid input that contains secrets, which the
// SDK must reject without repeating them.
func leakValidationCalls(c *Client) []func(ctx context.Context) error {
	badLuhn := leakCardCharge()
	badLuhn.Card.Number = leakCard[:15] + "2"
	badCVV := leakCardCharge()
	badCVV.Card.CVV = leakCVV + "0"
	badCPF := leakCardCharge()
	badCPF.Customer.Document.Number = leakCPF[:10] + "6"
	badCNPJ := leakCardCharge()
	badCNPJ.Customer.Document = Document{Number: leakCNPJ[:13] + "2", Type: DocumentCNPJ}
	var calls []func(ctx context.Context) error
	for _, params := range []*CreateTransactionParams{badLuhn, badCVV, badCPF, badCNPJ} {
		calls = append(calls, func(ctx context.Context) error {
			_, _, err := c.Transactions.Create(ctx, params)
			if !errors.Is(err, ErrInvalidParams) {
				return fmt.Errorf("expected a validation error, got %v", err)
			}
			for _, secret := range []string{leakCard[:15] + "2", leakCVV + "0", leakCPF[:10] + "6", leakCNPJ[:13] + "2"} {
				if strings.Contains(err.Error(), secret) {
					return fmt.Errorf("validation error repeats %q: %v", secret, err)
				}
			}
			return err
		})
	}
	return calls
}

func TestInvalidDocumentIsMasked(t *testing.T) {
	cases := []struct {
		document Document
		masked   string
	}{
		{Document{Number: "529.982.247-26"}, "*********26"},
		{Document{Number: "11.222.333/0001-82"}, "************82"},
		{Document{Number: "12.ABC.345/01DE-36", Type: DocumentCNPJ}, "************36"},
	}

	for _, tc := range cases {
		t.Run(tc.masked, func(t *testing.T) {
			params := leakCardCharge()
			params.Customer.Document = tc.document
			c, err := NewClient(leakAPIKey)
			require.NoError(t, err)

			_, _, err = c.Transactions.Create(context.Background(), params)

			require.ErrorIs(t, err, ErrInvalidParams)
			assert.Contains(t, err.Error(), tc.masked)
			assert.NotContains(t, err.Error(), tc.document.Number)
		})
	}
}

func TestRedirectToOtherHostKeepsKey(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("x-api-key") != "" {
			leaked.Add(1)
		}
		writeBody(w, http.StatusOK, "application/json", okBody)
	}))
	defer other.Close()
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)

	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			fs := newFaultServer(t, nil)
			fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				fs.requests.Add(1)
				http.Redirect(w, r, otherURL+r.URL.Path, status)
			})
			c := newFaultClient(t, fs, nil)

			_, _, err := c.Transactions.FindByID(context.Background(), "tx_1")

			assert.Zero(t, leaked.Load(), "the API key reached another host")
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr, "a redirect to another host must reach the caller")
			assert.Equal(t, status, apiErr.StatusCode)
		})
	}
}

func TestRedirectOnSameHostIsFollowed(t *testing.T) {
	fs := newFaultServer(t, nil)
	fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/user/transactions/tx_1" {
			http.Redirect(w, r, "/api/user/transactions/tx_1", http.StatusMovedPermanently)
			return
		}
		assert.Equal(t, leakAPIKey, r.Header.Get("x-api-key"))
		writeBody(w, http.StatusOK, "application/json", okBody)
	})
	c := newFaultClient(t, fs, nil)

	tx, _, err := c.Transactions.FindByID(context.Background(), "old_1")

	require.NoError(t, err)
	assert.Equal(t, "tx_1", tx.ID)
}
