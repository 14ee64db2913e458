package bynet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet/internal/validate"
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

// leakCardPayment is a checkout card payment that carries every fake secret.
func leakCardPayment() *CreatePaymentParams {
	charge := leakCardCharge()
	return &CreatePaymentParams{
		FullName:      charge.Customer.Name,
		Document:      leakCNPJFormatted,
		Email:         charge.Customer.Email,
		PaymentMethod: PaymentMethodCreditCard,
		Installments:  1,
		Card:          charge.Card,
		ExternalRef:   charge.ExternalRef,
	}
}

// leakCashout is a cashout to a CPF PIX key, which carries the fake CPF.
func leakCashout() *CreateCashoutParams {
	return &CreateCashoutParams{
		Amount:              500,
		PixKey:              leakCPFFormatted,
		PixType:             PixKeyCPF,
		BeneficiaryName:     "Maria da Silva",
		BeneficiaryDocument: leakCPF,
		Description:         "Saque",
		PostbackURL:         "https://shop.example.com/bynet/postback",
		ExternalRef:         "cashout-9",
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

// leakServer responds according to the case named in the query or in the
// externalRef: success, or failures whose bodies and messages repeat the
// request's secrets.
func leakServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv, _ := leakServerWithMode(t)
	return srv
}

// leakModes are the ways leakServer responds to a request that names no
// case of its own: success first, then every failure path.
var leakModes = []string{"", "400", "500", "html", "garbled", "fraction", "refused", "reset"}

// leakServerWithMode is leakServer with a mode that applies to requests
// that name no case in their query or externalRef.
func leakServerWithMode(t *testing.T) (*httptest.Server, *atomic.Value) {
	t.Helper()
	var mode atomic.Value
	mode.Store("")
	reasons := fmt.Sprintf(`{"errors":{"card.number":["%s inválido"],"customer.document.number":["CPF %s inválido"]}}`,
		leakCard, leakCPF)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		route := r.URL.Query().Get("case")
		if _, ref, ok := strings.Cut(string(body), `"externalRef":"case=`); ok {
			route, _, _ = strings.Cut(ref, `"`)
		}
		if route == "" {
			route = mode.Load().(string)
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
	return srv, &mode
}

// newLeakClient returns a client of srv that logs at debug level to handler.
func newLeakClient(t *testing.T, srv *httptest.Server, handler slog.Handler) *Client {
	t.Helper()
	transport := &http.Transport{}
	t.Cleanup(transport.CloseIdleConnections)

	c, err := NewClient(leakAPIKey, WithBaseURL(srv.URL), WithLogger(slog.New(handler)),
		WithHTTPClient(&http.Client{Transport: transport}),
		WithRetry(1, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)
	return c
}

func TestSecretsStayOutOfLogsAndErrors(t *testing.T) {
	srv := leakServer(t)
	var logs lockedBuffer
	c := newLeakClient(t, srv, slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

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

// leakSweep returns calls through Do and the transaction, customer and
// checkout methods, on success and failure paths, each with the fake
// secrets in its input.
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
		func(ctx context.Context) error {
			_, _, err := c.Checkout.CreatePayment(ctx, "chk_1", leakCardPayment())
			return err
		},
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

// leakValidationCalls returns calls that send invalid input that contains secrets, which the
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
	cpfAsEmail := leakCardCharge()
	cpfAsEmail.Customer.Email = leakCPFFormatted
	cnpjAsPostback := leakCardCharge()
	cnpjAsPostback.PostbackURL = leakCNPJ
	var calls []func(ctx context.Context) error
	calls = append(calls,
		func(ctx context.Context) error {
			_, _, err := c.Transactions.FindByID(ctx, leakCPFFormatted+"/")
			return err
		},
		func(ctx context.Context) error {
			p := leakCardPayment()
			p.Hostname = leakCNPJFormatted
			_, _, err := c.Checkout.CreatePayment(ctx, "chk_1", p)
			return err
		},
	)
	for _, params := range []*CreateTransactionParams{badLuhn, badCVV, badCPF, badCNPJ, cpfAsEmail, cnpjAsPostback} {
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

func TestSecretsStayOutOfEveryMethod(t *testing.T) {
	srv, mode := leakServerWithMode(t)
	var logs lockedBuffer
	c := newLeakClient(t, srv, slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))

	methods := serviceMethods(c)
	require.NotEmpty(t, methods)
	calls := 0
	for _, m := range leakModes {
		mode.Store(m)
		for _, method := range methods {
			for _, err := range callWithSecrets(t, method) {
				assertNoSecrets(t, method.name+" error", err.Error())
				calls++
			}
		}
	}

	t.Logf("%d methods, %d failed calls checked, %d log bytes", len(methods), calls, len(logs.String()))
	assertNoSecrets(t, "log", logs.String())
}

// serviceMethod is one exported method of one service of the client.
type serviceMethod struct {
	name  string
	value reflect.Value
}

// serviceMethods lists every exported method of every service field of c,
// so that methods added later join the sweep on their own.
func serviceMethods(c *Client) []serviceMethod {
	var out []serviceMethod
	client := reflect.ValueOf(c).Elem()
	for i := range client.NumField() {
		field := client.Type().Field(i)
		if !field.IsExported() || !strings.HasSuffix(field.Type.String(), "Service") {
			continue
		}

		service := client.Field(i)
		for j := range service.NumMethod() {
			out = append(out, serviceMethod{name: field.Name + "." + service.Type().Method(j).Name, value: service.Method(j)})
		}
	}
	return out
}

// callWithSecrets calls method with arguments that carry the fake secrets
// wherever a parameter has room for them, and returns the errors it got,
// iterators included.
func callWithSecrets(t *testing.T, method serviceMethod) []error {
	t.Helper()
	typ := method.value.Type()
	args := make([]reflect.Value, typ.NumIn())
	for i := range args {
		args[i] = secretArgument(typ.In(i))
	}

	var results []reflect.Value
	require.NotPanics(t, func() { results = method.value.Call(args) }, method.name)

	var errs []error
	for _, result := range results {
		switch v := result.Interface().(type) {
		case error:
			errs = append(errs, v)
		case iter.Seq2[Transaction, error], iter.Seq2[Customer, error]:
			errs = append(errs, drainIter(result)...)
		default:
			if result.Kind() == reflect.Func {
				errs = append(errs, drainIter(result)...)
			}
		}
	}
	return errs
}

// drainIter ranges over the iter.Seq2[T, error] in v for at most five rows
// and returns the errors it yields.
func drainIter(v reflect.Value) []error {
	var errs []error
	rows := 0
	yield := reflect.MakeFunc(v.Type().In(0), func(args []reflect.Value) []reflect.Value {
		if err, ok := args[1].Interface().(error); ok && err != nil {
			errs = append(errs, err)
		}
		rows++
		return []reflect.Value{reflect.ValueOf(rows < 5)}
	})
	v.Call([]reflect.Value{yield})
	return errs
}

// secretArgument returns a value of type t: the context, an id, or params
// whose string fields carry the fake secrets.
func secretArgument(t reflect.Type) reflect.Value {
	switch {
	case t == reflect.TypeFor[context.Context]():
		return reflect.ValueOf(context.Background())
	case t.Kind() == reflect.String:
		return reflect.ValueOf("id_1").Convert(t)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		v := reflect.New(t.Elem())
		fillSecrets(v.Elem(), 0)
		return v
	}
	return reflect.Zero(t)
}

// fillSecrets sets the string fields of v to values that carry a secret
// where the field name suggests one, and plausible values elsewhere.
func fillSecrets(v reflect.Value, depth int) {
	if depth > 3 {
		return
	}

	if v.Type() == reflect.TypeFor[Document]() {
		v.Set(reflect.ValueOf(Document{Number: leakCPFFormatted}))
		return
	}

	for i := range v.NumField() {
		field, info := v.Field(i), v.Type().Field(i)
		if !info.IsExported() || field.Type() == reflect.TypeFor[time.Time]() {
			continue
		}

		switch field.Kind() {
		case reflect.String:
			field.SetString(secretFor(info.Name))
		case reflect.Int, reflect.Int64:
			field.SetInt(numberFor(info.Name))
		case reflect.Struct:
			fillSecrets(field, depth+1)
		case reflect.Pointer:
			if field.Type().Elem().Kind() == reflect.Struct {
				field.Set(reflect.New(field.Type().Elem()))
				fillSecrets(field.Elem(), depth+1)
			}
		case reflect.Interface:
			if field.Type() == reflect.TypeFor[io.Reader]() {
				field.Set(reflect.ValueOf(strings.NewReader("%PDF-1.4 " + leakCPF)))
			}
		case reflect.Slice:
			if field.Type().Elem().Kind() == reflect.Struct {
				field.Set(reflect.MakeSlice(field.Type(), 1, 1))
				fillSecrets(field.Index(0), depth+1)
			}
		}
	}
}

func numberFor(field string) int64 {
	name := strings.ToLower(field)
	switch {
	case strings.Contains(name, "month"):
		return 12
	case strings.Contains(name, "year"):
		return 2030
	case strings.Contains(name, "installments"), strings.Contains(name, "quantity"):
		return 1
	}
	return 1000
}

func secretFor(field string) string {
	name := strings.ToLower(field)
	switch {
	case strings.Contains(name, "cvv"):
		return leakCVV
	case name == "number" || strings.Contains(name, "card"):
		return leakCard
	case strings.Contains(name, "document") || strings.Contains(name, "cpf"):
		return leakCPFFormatted
	case strings.Contains(name, "cnpj"):
		return leakCNPJFormatted
	case strings.Contains(name, "email"):
		return "maria@example.com"
	case strings.Contains(name, "url"), strings.Contains(name, "link"):
		return "https://example.com/postback"
	case strings.Contains(name, "color"):
		return "#009FE3"
	case strings.Contains(name, "host"):
		return "shop.example.com"
	case name == "kind":
		return "transaction"
	case strings.Contains(name, "method"):
		return "PIX"
	case strings.Contains(name, "type"), strings.Contains(name, "status"):
		return ""
	}
	return "Maria da Silva"
}

func TestPostbackHandlerLogsNoSecrets(t *testing.T) {
	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	customer := fmt.Sprintf(`"customer":{"name":"Maria","document":{"number":%q,"type":"cpf"}},`+
		`"card":{"number":%q,"cvv":%q},"metadata":"chave %s"`, leakCPFFormatted, leakCard, leakCVV, leakAPIKey)
	bodies := map[string]string{
		"paid":      `{"type":"transaction","objectId":"tx_1","data":{"id":"tx_1","status":"paid","amount":1000,` + customer + `}}`,
		"malformed": `{"type":"transaction","data":{"id":"tx_1",` + customer + `,"amount":"1000.5"`,
		"bad kind":  `{"type":"subscription","data":{"id":"s_1",` + customer + `}}`,
	}

	for _, failHandler := range []bool{false, true} {
		handler, err := NewPostbackHandler(func(context.Context, *Postback) error {
			if failHandler {
				return fmt.Errorf("order for CPF %s not found", validate.Mask(leakCPF))
			}
			return nil
		}, WithPostbackLogger(logger))
		require.NoError(t, err)

		for name, body := range bodies {
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/bynet/postback", strings.NewReader(body)))
			assertNoSecrets(t, name+" response", rec.Body.String())
		}
	}

	assert.NotEmpty(t, logs.String())
	assertNoSecrets(t, "log", logs.String())
}
