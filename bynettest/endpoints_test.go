package bynettest_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet/bynettest"
)

// endpointRow is one line of testdata/endpoints.tsv.
type endpointRow struct {
	group, name, method, path, source, goMethod string
}

func readEndpoints(t *testing.T) []endpointRow {
	t.Helper()

	f, err := os.Open("testdata/endpoints.tsv")
	require.NoError(t, err)
	defer f.Close()

	var rows []endpointRow
	scanner := bufio.NewScanner(f)
	scanner.Scan()
	for scanner.Scan() {
		cols := strings.Split(scanner.Text(), "\t")
		require.Len(t, cols, 6, scanner.Text())
		rows = append(rows, endpointRow{cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]})
	}
	require.NoError(t, scanner.Err())
	return rows
}

// seeded holds the ids of one record of every kind.
type seeded struct {
	company, product, deletableProduct, link, layout, bank, transaction string
	order, transfer, cashout, customer, webhook, deletableWebhook       string
}

func seed(t *testing.T, srv *bynettest.Server) seeded {
	t.Helper()
	client := srv.Client()
	var s seeded

	s.company = do(t, client, http.MethodGet, "/api/user/sellers", nil)["id"].(string)
	product := do(t, client, http.MethodPost, "/api/user/products", object{"title": "Ebook", "unitPrice": 2990})
	s.product, s.link = product["id"].(string), product["uniqueProductLinkId"].(string)
	s.deletableProduct = do(t, client, http.MethodPost, "/api/user/products", object{"title": "Rascunho", "unitPrice": 100})["id"].(string)
	s.layout = do(t, client, http.MethodGet, "/api/user/checkout/layout", nil)["data"].([]any)[0].(map[string]any)["id"].(string)
	s.bank = do(t, client, http.MethodPost, "/api/user/banks", object{"bankCode": "341", "agency": "1234", "account": "56789-0",
		"holderName": "Loja Exemplo", "document": object{"number": validCNPJ}})["id"].(string)

	tx := paidCharge(t, srv, client, 10000)
	s.transaction, s.customer = tx.ID, tx.Customer.ID

	resp := send(t, srv, http.MethodPost, "/api/public/checkout/create-order/"+s.link, "", nil)
	var env struct{ Data object }
	require.NoError(t, json.Unmarshal(resp.body, &env))
	s.order = env.Data["id"].(string)

	transfer := do(t, client, http.MethodPost, "/api/user/transfers", object{"amount": 1000, "method": "PIX"})
	s.transfer = transfer["transfer"].([]any)[0].(map[string]any)["id"].(string)
	s.cashout = do(t, client, http.MethodPost, "/api/user/cashout", cashoutBody(1000, "https://shop.example.com/hook"))["id"].(string)
	s.webhook = do(t, client, http.MethodPost, "/api/user/webhook", object{"url": "https://shop.example.com/hook"})["id"].(string)
	s.deletableWebhook = do(t, client, http.MethodPost, "/api/user/webhook", object{"url": "https://shop.example.com/old"})["id"].(string)
	return s
}

// shape is the expected form of the data in an endpoint's response.
type shape int

const (
	shapeObject shape = iota
	shapePage
	shapeArray
	shapeFile
)

// endpointCase is how the table test calls one endpoint.
type endpointCase struct {
	id   func(seeded) string
	body any
	// multipart sends body (a map[string]string) as multipart/form-data.
	multipart bool
	shape     shape
	// status is the expected HTTP status; 0 means 200.
	status int
}

var endpointCases = map[string]endpointCase{
	"Company.GetAllData":      {},
	"Company.Update":          {id: func(s seeded) string { return s.company }, body: object{"phone": "11911112222"}},
	"Company.UpdateDocuments": {id: func(s seeded) string { return s.company }, multipart: true},
	"Company.FindByID":        {id: func(s seeded) string { return s.company }},
	"Company.UpdateOtherInfo": {id: func(s seeded) string { return s.company }, body: object{"segment": "educacao"}},

	"Products.Create":       {body: map[string]string{"title": "Curso", "unitPrice": "4990"}, multipart: true},
	"Products.FindAll":      {shape: shapePage},
	"Products.FindByID":     {id: func(s seeded) string { return s.product }},
	"Products.Update":       {id: func(s seeded) string { return s.product }, body: map[string]string{"description": "Novo"}, multipart: true},
	"Products.Delete":       {id: func(s seeded) string { return s.deletableProduct }},
	"Products.UpdateStatus": {id: func(s seeded) string { return s.product }, body: object{"status": "ACTIVE"}},

	"Bank.Create": {body: object{"bankCode": "260", "agency": "0001", "account": "99999-9", "holderName": "Loja",
		"document": object{"number": validCNPJ}}},
	"Bank.FindAll":     {shape: shapePage},
	"Bank.FindByID":    {id: func(s seeded) string { return s.bank }},
	"Bank.FindPreBank": {shape: shapeArray},

	"Transactions.FindAll":              {shape: shapePage},
	"Transactions.Create":               {body: pixBody()},
	"Transactions.FindByID":             {id: func(s seeded) string { return s.transaction }},
	"Transactions.UpdateDeliveryStatus": {id: func(s seeded) string { return s.transaction }, body: object{"status": "DELIVERED"}},
	"Transactions.ExportExcel":          {body: object{}, shape: shapeFile},
	"Transactions.SummaryAll":           {},
	"Transactions.Fee":                  {body: object{"amount": 1000, "paymentMethod": "PIX"}},
	"Transactions.SummaryByID":          {id: func(s seeded) string { return s.transaction }},

	"Checkout.CreateLayout":           {body: map[string]string{"primaryColor": "#112233"}, multipart: true},
	"Checkout.FindLayouts":            {shape: shapePage},
	"Checkout.UpdateLayoutSettings":   {id: func(s seeded) string { return s.layout }, body: object{"typography": "ROBOTO"}},
	"Checkout.UpdateLayoutStatus":     {id: func(s seeded) string { return s.layout }, body: object{"status": "ACTIVE"}},
	"Checkout.FindLayoutByID":         {id: func(s seeded) string { return s.layout }},
	"Checkout.FindInfo":               {id: func(s seeded) string { return s.link }},
	"Checkout.CreateOrder":            {id: func(s seeded) string { return s.link }, status: http.StatusCreated},
	"Checkout.FindOrderInfo":          {id: func(s seeded) string { return s.order }},
	"Checkout.FindPaymentMethodsByID": {id: func(s seeded) string { return s.link }},
	"Checkout.CreatePayment": {id: func(s seeded) string { return s.order }, status: http.StatusCreated,
		body: object{"fullName": "Ana Souza", "document": validCPF, "email": "ana@example.com", "paymentMethod": "pix"}},
	"Checkout.FindPaymentMethods": {},

	"Transfers.Create":   {body: object{"amount": 500, "method": "PIX"}},
	"Transfers.Update":   {id: func(s seeded) string { return s.transfer }, body: object{"description": "Repasse"}},
	"Transfers.FindAll":  {shape: shapePage},
	"Transfers.FindByID": {id: func(s seeded) string { return s.transfer }},
	"Transfers.Summary":  {},

	"Cashout.Create":   {body: cashoutBody(500, "https://shop.example.com/hook")},
	"Cashout.FindAll":  {shape: shapePage},
	"Cashout.FindByID": {id: func(s seeded) string { return s.cashout }},

	"Customers.FindAll":  {shape: shapePage},
	"Customers.FindByID": {id: func(s seeded) string { return s.customer }},

	"Balance.Find":                 {shape: shapePage},
	"Balance.Summary":              {},
	"Balance.FindFinancialReserve": {shape: shapePage},

	"Webhooks.Create":   {body: object{"url": "https://shop.example.com/new", "type": "TRANSACTION"}},
	"Webhooks.FindAll":  {shape: shapePage},
	"Webhooks.FindByID": {id: func(s seeded) string { return s.webhook }},
	"Webhooks.Update":   {id: func(s seeded) string { return s.webhook }, body: object{"url": "https://shop.example.com/v2"}},
	"Webhooks.Delete":   {id: func(s seeded) string { return s.deletableWebhook }},
}

func pixBody() object {
	return object{"amount": 1000, "paymentMethod": "PIX",
		"customer": object{"name": "Ana Souza", "email": "ana@example.com", "document": object{"number": validCPF, "type": "CPF"}},
		"items":    []any{object{"title": "Curso", "unitPrice": 1000, "quantity": 1, "tangible": false}}}
}

func TestEveryEndpointAnswersDocumentedShape(t *testing.T) {
	rows := readEndpoints(t)
	require.Len(t, rows, 52)

	srv := bynettest.NewServer()
	t.Cleanup(srv.Close)
	ids := seed(t, srv)

	for _, row := range rows {
		t.Run(row.goMethod, func(t *testing.T) {
			tc, ok := endpointCases[row.goMethod]
			require.True(t, ok, "no case for %s %s", row.method, row.path)

			resp := callEndpoint(t, srv, row, tc, ids)

			want := tc.status
			if want == 0 {
				want = http.StatusOK
			}
			require.Equal(t, want, resp.status, string(resp.body))
			checkShape(t, tc.shape, resp)
		})
	}
}

func callEndpoint(t *testing.T, srv *bynettest.Server, row endpointRow, tc endpointCase, ids seeded) rawResponse {
	t.Helper()

	path := row.path
	if tc.id != nil {
		path = strings.Replace(path, "{id}", tc.id(ids), 1)
	}
	require.NotContains(t, path, "{id}", "case for %s needs an id", row.goMethod)

	switch {
	case tc.multipart:
		fields, _ := tc.body.(map[string]string)
		contentType, body := multipartBody(t, fields, map[string]string{"documento": "arquivo.pdf"})
		return send(t, srv, row.method, path, contentType, body)
	case tc.body != nil:
		body, err := json.Marshal(tc.body)
		require.NoError(t, err)
		return send(t, srv, row.method, path, "application/json", body)
	}
	return send(t, srv, row.method, path, "", nil)
}

func checkShape(t *testing.T, want shape, resp rawResponse) {
	t.Helper()

	if want == shapeFile {
		assert.Equal(t, bynettest.XLSXContentType, resp.contentType)
		assert.Equal(t, "PK", string(resp.body[:2]), "an .xlsx file is a zip archive")
		return
	}

	var env map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(resp.body, &env))
	assert.ElementsMatch(t, []string{"status", "message", "data", "error"}, keys(env))
	assert.Equal(t, "null", string(env["error"]))

	var message string
	require.NoError(t, json.Unmarshal(env["message"], &message))
	assert.NotEmpty(t, message)

	var status int
	require.NoError(t, json.Unmarshal(env["status"], &status))
	assert.Equal(t, resp.status, status)

	switch want {
	case shapePage:
		var page map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(env["data"], &page))
		assert.ElementsMatch(t, []string{"data", "page", "pages", "limit", "total"}, keys(page))
		var rows []json.RawMessage
		assert.NoError(t, json.Unmarshal(page["data"], &rows), "data.data is an array")
	case shapeArray:
		var rows []json.RawMessage
		assert.NoError(t, json.Unmarshal(env["data"], &rows))
	default:
		var obj map[string]json.RawMessage
		assert.NoError(t, json.Unmarshal(env["data"], &obj), "data is an object")
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
