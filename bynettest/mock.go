package bynettest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/bynet-go/bynet"
)

// Object is a JSON object of the API, as the fixture builders return it
// and the responders encode it. Change its keys to shape a fixture.
type Object = map[string]any

// NewMockClient returns a client whose requests go to a fresh
// httpmock.MockTransport instead of the network, and that transport, for
// tests that stay with httpmock. Retries wait zero time. The client keeps
// the default base URL, so register responders with MockURL. Each test
// gets its own transport, so tests can run in parallel.
func NewMockClient(t testing.TB, opts ...bynet.Option) (*bynet.Client, *httpmock.MockTransport) {
	t.Helper()

	mock := httpmock.NewMockTransport()
	base := []bynet.Option{
		bynet.WithHTTPClient(&http.Client{Transport: mock}),
		bynet.WithRetry(3, 0, 0),
	}

	client, err := bynet.NewClient(DefaultAPIKey, append(base, opts...)...)
	if err != nil {
		t.Fatalf("bynettest: cannot build mock client: %v", err)
	}
	return client, mock
}

// MockURL returns the URL of path on the default base URL, the one
// NewMockClient's client sends to: MockURL("/api/user/transactions").
func MockURL(path string) string {
	return bynet.DefaultBaseURL + path
}

// Respond returns a responder that responds 200 with the API's envelope
// around data.
func Respond(message string, data any) httpmock.Responder {
	return envelopeResponder(http.StatusOK, envelope{Status: http.StatusOK, Message: message, Data: data})
}

// ErrorResponder responds with the status and the API's error envelope,
// such as ErrorResponder(404, "Transação não encontrada.").
func ErrorResponder(status int, message string) httpmock.Responder {
	return envelopeResponder(status, envelope{Status: status, Message: message, Error: Object{"message": message}})
}

// ValidationErrorResponder responds 400 with error.refusedReason naming
// field, as the API rejects an invalid body.
func ValidationErrorResponder(field, message string) httpmock.Responder {
	reason := refusal{Message: message, Errors: map[string][]string{field: {message}}}
	return envelopeResponder(http.StatusBadRequest, envelope{Status: http.StatusBadRequest, Message: message,
		Error: Object{"message": message, "refusedReason": reason, "provider": "bynettest"}})
}

// TransactionResponder responds like Transactions / Find by ID with tx,
// which NewTransaction builds.
func TransactionResponder(tx Object) httpmock.Responder {
	return Respond("Transação encontrada com sucesso.", tx)
}

// CreatedTransactionResponder responds like Transactions / Create with tx.
func CreatedTransactionResponder(tx Object) httpmock.Responder {
	return Respond("Transação criada com sucesso.", tx)
}

// PageResponder responds with one page of a list: rows at data.data and
// the counters beside them, for page number page of size limit out of
// total rows.
func PageResponder(message string, rows []Object, page, limit, total int) httpmock.Responder {
	if rows == nil {
		rows = []Object{}
	}

	pages := 0
	if limit > 0 {
		pages = (total + limit - 1) / limit
	}
	return Respond(message, Object{"data": rows, "page": page, "pages": pages, "limit": limit, "total": total})
}

func envelopeResponder(status int, env envelope) httpmock.Responder {
	body, err := json.Marshal(env)
	if err != nil {
		panic("bynettest: cannot encode response: " + err.Error())
	}

	return func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(status, body)
		resp.Header.Set("Content-Type", "application/json; charset=utf-8")
		return resp, nil
	}
}

// NewTransaction returns a complete PIX transaction of amount centavos in
// the given status, shaped as the sandbox returns it. It has a valid PIX
// code, a customer with a valid CPF, one item and the fee. For PAID and
// later statuses it also has paidAt and endToEndId. Status may be in any case.
func NewTransaction(amount int64, status bynet.TransactionStatus) Object {
	st := newState(time.Now)
	req := &createTransactionRequest{
		Amount: json.Number(fmt.Sprint(amount)), PaymentMethod: "PIX",
		Customer: &customerInput{Name: "Maria Oliveira", Email: "maria.oliveira@example.com", Phone: "11987654321",
			Document: document{Number: "39053344705", Type: "CPF"}},
		Items: []itemRequest{{Title: "Produto de teste", UnitPrice: amount, Quantity: 1}},
	}
	if err := req.validate(); err != nil {
		panic("bynettest: NewTransaction: " + err.Error())
	}

	body, _ := json.Marshal(req)
	tx, err := st.newTransaction(req, body, "::ffff:127.0.0.1")
	if err != nil {
		panic("bynettest: NewTransaction: " + err.Error())
	}

	upper := strings.ToUpper(string(status))
	if upper != "WAITING_PAYMENT" && upper != "REFUSED" && upper != "CANCELED" {
		markPaid(tx, st.now())
	}
	tx.Status = upper

	var out Object
	_ = json.Unmarshal(snapshot(tx), &out)
	return out
}
