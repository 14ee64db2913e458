package bynet_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata/")

const createURL = mockBase + "/api/user/transactions"

// minimalPixParams is the smallest valid PIX charge.
func minimalPixParams() *bynet.CreateTransactionParams {
	return &bynet.CreateTransactionParams{
		Amount:        1990,
		PaymentMethod: bynet.PaymentMethodPix,
		Customer: &bynet.CustomerParams{
			Name:     "Maria Silva",
			Email:    "maria@example.com",
			Phone:    "11999999999",
			Document: bynet.Document{Number: validCPF, Type: bynet.DocumentCPF},
		},
		Items: []bynet.Item{{Title: "Convite", UnitPrice: 1990, Quantity: 1}},
		Pix:   &bynet.PixParams{ExpiresInDays: 1},
	}
}

// fullPixParams sets every field of a PIX charge that the API documents.
func fullPixParams() *bynet.CreateTransactionParams {
	address := &bynet.Address{
		Street: "Rua Exemplo", StreetNumber: "100", ZipCode: "01000000",
		Neighborhood: "Centro", City: "São Paulo", State: "SP", Country: "BR",
	}
	installments := 1
	traceable := false

	return &bynet.CreateTransactionParams{
		Amount:        13980,
		Currency:      "BRL",
		PaymentMethod: "pix",
		Installments:  &installments,
		Customer: &bynet.CustomerParams{
			Name:        "Maria Silva",
			Email:       "maria@example.com",
			Phone:       "11999999999",
			Document:    bynet.Document{Number: "529.982.247-25"},
			ExternalRef: "customer-0001",
			Address:     address,
		},
		Shipping: &bynet.Shipping{Fee: 0, Address: address},
		Items: []bynet.Item{
			{Title: "Produto A", UnitPrice: 3990, Quantity: 1, Tangible: true, ExternalRef: "item-1"},
			{Title: "Produto B", UnitPrice: 9990, Quantity: 1, Tangible: true, ExternalRef: "item-2"},
		},
		Pix:         &bynet.PixParams{ExpiresInDays: 1},
		PostbackURL: "https://shop.example.com/postback",
		Metadata:    map[string]any{"orderId": "ORDER-0001"},
		Traceable:   &traceable,
		IP:          "203.0.113.10",
		ExternalRef: "order-0001",
	}
}

// assertGolden compares got, a JSON document, with testdata/name. With
// -update it rewrites the file first.
func assertGolden(t *testing.T, name string, got []byte) {
	t.Helper()

	path := filepath.Join("testdata", name)
	if *updateGolden {
		var indented any
		require.NoError(t, json.Unmarshal(got, &indented))
		pretty, err := json.MarshalIndent(indented, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, append(pretty, '\n'), 0o600))
	}

	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))
}

func TestCreateSendsGoldenBody(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodPost, createURL,
		rec.respond(jsonResponder(200, string(testdataFile(t, "docs-tx-create-response.json")))))

	tx, resp, err := client.Transactions.Create(context.Background(), fullPixParams())
	require.NoError(t, err)
	assert.Equal(t, 1, resp.Attempts)
	assert.Equal(t, "2a205aaf-0000-0000-0000-000000000000", tx.ID)

	got := rec.only(t)
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, "/api/user/transactions", got.Path)
	assert.Empty(t, got.Query)
	assertGolden(t, "create-request-full.golden.json", got.Body)
}

func TestCreateDocsExampleRequest(t *testing.T) {
	var params bynet.CreateTransactionParams
	require.NoError(t, json.Unmarshal(testdataFile(t, "docs-tx-create-request.json"), &params))

	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodPost, createURL,
		rec.respond(jsonResponder(200, string(testdataFile(t, "docs-tx-create-response.json")))))

	_, _, err := client.Transactions.Create(context.Background(), &params)
	require.NoError(t, err)
	assertGolden(t, "create-request-docs.golden.json", rec.only(t).Body)
}

func TestCreateRequestFixturesRoundTrip(t *testing.T) {
	for _, name := range []string{
		"tx-create-pix-request-minimal.json",
		"tx-create-pix-request-lowercase-variant.json",
		"docs-tx-create-request.json",
	} {
		t.Run(name, func(t *testing.T) {
			raw := testdataFile(t, name)

			var params bynet.CreateTransactionParams
			require.NoError(t, json.Unmarshal(raw, &params), "unknown keys such as _source are ignored")

			encoded, err := json.Marshal(params)
			require.NoError(t, err)

			var again bynet.CreateTransactionParams
			require.NoError(t, json.Unmarshal(encoded, &again))
			assert.Equal(t, params, again, "a second trip changes nothing")

			var want, got map[string]any
			require.NoError(t, json.Unmarshal(raw, &want))
			require.NoError(t, json.Unmarshal(encoded, &got))
			assertJSONSubset(t, "", want, got)
		})
	}
}

// assertJSONSubset checks that every value of want, other than keys that
// start with "_" and empty strings, is in got. Strings compare without
// case, because enums are normalised to upper case.
func assertJSONSubset(t *testing.T, path string, want, got any) {
	t.Helper()

	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !assert.True(t, ok, "%s: expected an object, got %T", path, got) {
			return
		}
		for key, value := range w {
			if strings.HasPrefix(key, "_") || value == "" {
				continue
			}
			assertJSONSubset(t, path+"."+key, value, g[key])
		}
	case []any:
		g, ok := got.([]any)
		if !assert.True(t, ok, "%s: expected an array, got %T", path, got) || !assert.Len(t, g, len(w), path) {
			return
		}
		for i := range w {
			assertJSONSubset(t, fmt.Sprintf("%s[%d]", path, i), w[i], g[i])
		}
	case string:
		s, ok := got.(string)
		assert.True(t, ok && strings.EqualFold(w, s), "%s: expected %q, got %v", path, w, got)
	default:
		assert.Equal(t, want, got, path)
	}
}

func TestCreateRequestFixturesAreSendable(t *testing.T) {
	for _, name := range []string{
		"tx-create-pix-request-minimal.json",
		"tx-create-pix-request-lowercase-variant.json",
	} {
		t.Run(name, func(t *testing.T) {
			var params bynet.CreateTransactionParams
			require.NoError(t, json.Unmarshal(testdataFile(t, name), &params))

			client, mock := mockedClient(t)
			rec := &recorder{}
			mock.RegisterResponder(http.MethodPost, createURL,
				rec.respond(jsonResponder(200, string(testdataFile(t, "tx-create-pix-response.json")))))

			_, _, err := client.Transactions.Create(context.Background(), &params)
			require.NoError(t, err)

			var sent map[string]any
			require.NoError(t, json.Unmarshal(rec.only(t).Body, &sent))
			assert.Equal(t, "PIX", sent["paymentMethod"])
			assert.Equal(t, "CPF", sent["customer"].(map[string]any)["document"].(map[string]any)["type"])
			assert.NotContains(t, sent, "_source")
			assert.NotContains(t, sent, "_note")
		})
	}
}

func TestCreateLowercaseFixtureKeepsMetadataString(t *testing.T) {
	var params bynet.CreateTransactionParams
	require.NoError(t, json.Unmarshal(testdataFile(t, "tx-create-pix-request-lowercase-variant.json"), &params))

	assert.Equal(t, `{"orderId":"WP1700000000"}`, params.Metadata)
	assert.Equal(t, int64(8990), params.Amount)
	require.NotNil(t, params.Installments)
	assert.Equal(t, 1, *params.Installments)
	require.NotNil(t, params.Traceable)
	assert.True(t, *params.Traceable)
	assert.Equal(t, bynet.DocumentCPF, params.Customer.Document.Type)
}

func TestCreateMetadataForms(t *testing.T) {
	type order struct {
		OrderID string `json:"orderId"`
	}

	cases := map[string]struct {
		metadata any
		want     any
	}{
		"map":             {map[string]any{"orderId": "A1"}, `{"orderId":"A1"}`},
		"struct":          {order{OrderID: "A1"}, `{"orderId":"A1"}`},
		"string":          {`{"orderId":"A1"}`, `{"orderId":"A1"}`},
		"Metadata":        {bynet.Metadata(`{"orderId":"A1"}`), `{"orderId":"A1"}`},
		"json.RawMessage": {json.RawMessage(`{"orderId":"A1"}`), `{"orderId":"A1"}`},
		"empty string":    {"", ""},
		"nil":             {nil, nil},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			params := minimalPixParams()
			params.Metadata = tc.metadata

			encoded, err := json.Marshal(params)
			require.NoError(t, err)

			var sent map[string]any
			require.NoError(t, json.Unmarshal(encoded, &sent))
			assert.Equal(t, tc.want, sent["metadata"])
		})
	}
}

func TestCreateMetadataUnencodable(t *testing.T) {
	client, mock := mockedClient(t)
	params := minimalPixParams()
	params.Metadata = map[string]any{"f": func() {}}

	_, _, err := client.Transactions.Create(context.Background(), params)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "metadata")
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestCreateExtraFields(t *testing.T) {
	params := minimalPixParams()
	params.Extra = map[string]any{"splits": []any{map[string]any{"recipientId": "r1"}}, "amount": 2000}

	encoded, err := json.Marshal(params)
	require.NoError(t, err)

	var sent map[string]any
	require.NoError(t, json.Unmarshal(encoded, &sent))
	assert.Equal(t, float64(2000), sent["amount"], "an extra field replaces the typed one")
	assert.Len(t, sent["splits"], 1)
}

func TestCreateValidation(t *testing.T) {
	const cardNumber = "4111111111111112"

	cases := map[string]struct {
		edit  func(p *bynet.CreateTransactionParams)
		field string
	}{
		"amount zero":       {func(p *bynet.CreateTransactionParams) { p.Amount = 0 }, "amount"},
		"amount negative":   {func(p *bynet.CreateTransactionParams) { p.Amount = -100 }, "amount"},
		"no payment method": {func(p *bynet.CreateTransactionParams) { p.PaymentMethod = " " }, "paymentMethod"},
		"no items":          {func(p *bynet.CreateTransactionParams) { p.Items = nil }, "items"},
		"empty items":       {func(p *bynet.CreateTransactionParams) { p.Items = []bynet.Item{} }, "items"},
		"item without title": {func(p *bynet.CreateTransactionParams) {
			p.Items[0].Title = ""
		}, "items[0].title"},
		"item quantity zero": {func(p *bynet.CreateTransactionParams) {
			p.Items[0].Quantity = 0
		}, "items[0].quantity"},
		"item price negative": {func(p *bynet.CreateTransactionParams) {
			p.Items[0].UnitPrice = -1
		}, "items[0].unitPrice"},
		"no customer":     {func(p *bynet.CreateTransactionParams) { p.Customer = nil }, "customer"},
		"customer name":   {func(p *bynet.CreateTransactionParams) { p.Customer.Name = "" }, "customer.name"},
		"customer e-mail": {func(p *bynet.CreateTransactionParams) { p.Customer.Email = "maria" }, "customer.email"},
		"CPF check digits": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{Number: "52998224724", Type: bynet.DocumentCPF}
		}, "customer.document.number"},
		"CPF repeated digit": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{Number: "111.111.111-11"}
		}, "customer.document.number"},
		"CPF too short": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{Number: "5299822472", Type: bynet.DocumentCPF}
		}, "customer.document.number"},
		"CNPJ check digits": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{Number: "11.222.333/0001-80"}
		}, "customer.document.number"},
		"alphanumeric CNPJ check digits": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{Number: "12ABC34501DE36", Type: bynet.DocumentCNPJ}
		}, "customer.document.number"},
		"document empty": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{}
		}, "customer.document.number"},
		"document type unknown": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{Number: validCPF, Type: "RG"}
		}, "customer.document.type"},
		"document length unknown": {func(p *bynet.CreateTransactionParams) {
			p.Customer.Document = bynet.Document{Number: "123456"}
		}, "customer.document.number"},
		"postback over http": {func(p *bynet.CreateTransactionParams) {
			p.PostbackURL = "http://shop.example.com/postback"
		}, "postbackUrl"},
		"postback relative": {func(p *bynet.CreateTransactionParams) {
			p.PostbackURL = "/postback"
		}, "postbackUrl"},
		"postback other scheme": {func(p *bynet.CreateTransactionParams) {
			p.PostbackURL = "ftp://shop.example.com/postback"
		}, "postbackUrl"},
		"installments zero": {func(p *bynet.CreateTransactionParams) {
			zero := 0
			p.Installments = &zero
		}, "installments"},
		"shipping fee negative": {func(p *bynet.CreateTransactionParams) {
			p.Shipping = &bynet.Shipping{Fee: -1}
		}, "shipping.fee"},
		"card missing": {func(p *bynet.CreateTransactionParams) {
			p.PaymentMethod = bynet.PaymentMethodCreditCard
		}, "card"},
		"card number fails Luhn": {func(p *bynet.CreateTransactionParams) {
			p.PaymentMethod = bynet.PaymentMethodCreditCard
			p.Card = &bynet.CardParams{Number: cardNumber, HolderName: "MARIA", ExpirationMonth: 12, ExpirationYear: 2030, CVV: "123"}
		}, "card.number"},
		"card CVV": {func(p *bynet.CreateTransactionParams) {
			p.PaymentMethod = bynet.PaymentMethodCreditCard
			p.Card = &bynet.CardParams{Number: "4111111111111111", HolderName: "MARIA", ExpirationMonth: 12, ExpirationYear: 2030, CVV: "12a"}
		}, "card.cvv"},
		"card month": {func(p *bynet.CreateTransactionParams) {
			p.PaymentMethod = bynet.PaymentMethodCreditCard
			p.Card = &bynet.CardParams{Number: "4111111111111111", HolderName: "MARIA", ExpirationMonth: 13, ExpirationYear: 2030, CVV: "123"}
		}, "card.expirationMonth"},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			params := minimalPixParams()
			tc.edit(params)

			tx, resp, err := client.Transactions.Create(context.Background(), params)
			require.Error(t, err)
			assert.Nil(t, tx)
			assert.Nil(t, resp)
			assert.ErrorIs(t, err, bynet.ErrInvalidParams)

			var verr *bynet.ValidationError
			require.ErrorAs(t, err, &verr)
			assert.Equal(t, tc.field, verr.Field)
			assert.Zero(t, mock.GetTotalCallCount(), "nothing is sent")

			msg := err.Error()
			assert.NotContains(t, msg, "52998224724")
			assert.NotContains(t, msg, "11222333000180")
			assert.NotContains(t, msg, cardNumber)
			assert.NotContains(t, msg, "4111111111111111")
			assert.NotContains(t, msg, "12a", "the CVV is never shown")
		})
	}
}

func TestCreateNilParams(t *testing.T) {
	client, mock := mockedClient(t)

	_, _, err := client.Transactions.Create(context.Background(), nil)
	assert.ErrorIs(t, err, bynet.ErrInvalidParams)
	assert.Zero(t, mock.GetTotalCallCount())
}

func TestCreateAcceptsValidDocuments(t *testing.T) {
	cases := map[string]struct {
		doc      bynet.Document
		wantNum  string
		wantType bynet.DocumentType
	}{
		"CPF punctuated":               {bynet.Document{Number: "529.982.247-25"}, validCPF, bynet.DocumentCPF},
		"CPF lower-case type":          {bynet.Document{Number: validCPF, Type: "cpf"}, validCPF, bynet.DocumentCPF},
		"CNPJ numeric":                 {bynet.Document{Number: "11.222.333/0001-81"}, validCNPJ, bynet.DocumentCNPJ},
		"CNPJ alphanumeric":            {bynet.Document{Number: "12.ABC.345/01DE-35"}, "12ABC34501DE35", bynet.DocumentCNPJ},
		"CNPJ alphanumeric lower-case": {bynet.Document{Number: "12abc34501de35", Type: "cnpj"}, "12ABC34501DE35", bynet.DocumentCNPJ},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			rec := &recorder{}
			mock.RegisterResponder(http.MethodPost, createURL,
				rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"}))))

			params := minimalPixParams()
			params.Customer.Document = tc.doc

			_, _, err := client.Transactions.Create(context.Background(), params)
			require.NoError(t, err)

			var sent struct {
				Customer struct {
					Document bynet.Document `json:"document"`
				} `json:"customer"`
			}
			require.NoError(t, json.Unmarshal(rec.only(t).Body, &sent))
			assert.Equal(t, tc.wantNum, sent.Customer.Document.Number)
			assert.Equal(t, tc.wantType, sent.Customer.Document.Type)
			assert.Equal(t, tc.doc, params.Customer.Document, "the caller's params are not modified")
		})
	}
}

func TestCreateAcceptsPostbackURLs(t *testing.T) {
	for _, url := range []string{
		"https://shop.example.com/postback",
		"http://127.0.0.1:8080/postback",
		"http://localhost/postback",
		"http://[::1]:9000/postback",
	} {
		t.Run(url, func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodPost, createURL,
				jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"})))

			params := minimalPixParams()
			params.PostbackURL = url

			_, _, err := client.Transactions.Create(context.Background(), params)
			assert.NoError(t, err)
		})
	}
}

func TestCreateCardNumberNeverPrinted(t *testing.T) {
	card := bynet.CardParams{Number: "4111 1111 1111 1111", HolderName: "MARIA", ExpirationMonth: 1, ExpirationYear: 2031, CVV: "987"}

	for _, text := range []string{fmt.Sprint(card), fmt.Sprintf("%+v", card), fmt.Sprintf("%#v", &card), fmt.Sprintf("%v", []bynet.CardParams{card})} {
		assert.NotContains(t, text, "4111 1111 1111 1111")
		assert.NotContains(t, text, "987")
		assert.Contains(t, text, "1111")
	}
}

func TestCreateRefusedReturnsTransactionAndError(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, jsonResponder(200, `{
		"status": 200, "message": "Transação criada com sucesso.", "error": null,
		"data": {"id": "tx9", "status": "refused", "amount": 1990,
			"refusedReason": "{\"message\":\"Documento bloqueado\"}"}}`))

	tx, resp, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.Error(t, err)
	require.NotNil(t, tx, "the refused charge is returned")
	assert.Equal(t, "tx9", tx.ID)
	assert.Equal(t, bynet.StatusRefused, tx.Status)
	assert.Equal(t, 200, resp.StatusCode)

	assert.ErrorIs(t, err, bynet.ErrRefused)
	assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown))

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	require.NotNil(t, apiErr.RefusedReason)
	assert.Equal(t, "Documento bloqueado", apiErr.RefusedReason.Message)
	assert.Contains(t, apiErr.Error(), "Documento bloqueado")
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestTransactionResponseFixtures(t *testing.T) {
	cases := map[string]struct {
		status  bynet.TransactionStatus
		amount  int64
		pixCode string
	}{
		"tx-create-pix-response.json":            {bynet.StatusWaitingPayment, 7920, "00020126580014br.gov.bcb.pix..."},
		"tx-create-pix-response-pix-qrcode.json": {bynet.StatusWaitingPayment, 2990, "00020126...6304ABCD"},
		"docs-tx-create-response.json":           {bynet.StatusWaitingPayment, 1000, "00020101021226...6304ABCD"},
		"docs-tx-findbyid-response.json":         {bynet.StatusPaid, 1000, ""},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
				jsonResponder(200, string(testdataFile(t, name))))

			tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.NoError(t, err)
			assert.Equal(t, tc.status, tx.Status)
			assert.Equal(t, tc.amount, tx.Amount)
			assert.Equal(t, tc.pixCode, tx.PixCode())
			assert.NotEmpty(t, tx.Raw)
		})
	}
}

func TestTransactionDocsCreateResponseFields(t *testing.T) {
	var env struct {
		Data bynet.Transaction `json:"data"`
	}
	require.NoError(t, json.Unmarshal(testdataFile(t, "docs-tx-create-response.json"), &env))
	tx := env.Data

	assert.Equal(t, bynet.PaymentMethodPix, tx.PaymentMethod)
	assert.Zero(t, tx.Installments, "installments null")
	assert.Equal(t, bynet.Metadata(`{"order_number":"ORDER-0001"}`), tx.Metadata)
	assert.Equal(t, "203.0.113.10", tx.IP)
	assert.Equal(t, "00000000000000000000000000000000", tx.ExternalRef)
	assert.Nil(t, tx.RefusedReason)
	assert.True(t, tx.PaidAt.IsZero())
	require.NotNil(t, tx.Pix)
	assert.Equal(t, time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), tx.Pix.ExpirationDate.UTC())
	assert.Contains(t, string(tx.Payload), "expiresInDays")

	meta, err := tx.Metadata.Map()
	require.NoError(t, err)
	assert.Equal(t, "ORDER-0001", meta["order_number"])
}

func TestTransactionDecodesServerVariants(t *testing.T) {
	cases := map[string]struct {
		data  string
		check func(t *testing.T, tx *bynet.Transaction)
	}{
		"lower-case status and method": {`{"status":"paid","paymentMethod":"pix"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, bynet.StatusPaid, tx.Status)
			assert.Equal(t, bynet.PaymentMethodPix, tx.PaymentMethod)
		}},
		"unknown status kept": {`{"status":"on_hold"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, bynet.TransactionStatus("ON_HOLD"), tx.Status)
		}},
		"pix.qrCode camel case": {`{"pix":{"qrCode":"000201AA"}}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, "000201AA", tx.PixCode())
		}},
		"pix.qrcode wins over qrCode": {`{"pix":{"qrcode":"000201AA"},"qrCode":"000201BB"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, "000201AA", tx.PixCode())
		}},
		"qrCode at the root": {`{"pix":null,"qrCode":"000201BB"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, "000201BB", tx.PixCode())
		}},
		"metadata as object": {`{"metadata":{"orderId":"A1"}}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.JSONEq(t, `{"orderId":"A1"}`, string(tx.Metadata))
		}},
		"metadata null": {`{"metadata":null}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Empty(t, tx.Metadata)
		}},
		"amounts as strings": {`{"amount":"1990","refundedAmount":"0","installments":"1"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, int64(1990), tx.Amount)
			assert.Equal(t, 1, tx.Installments)
		}},
		"installments null": {`{"installments":null,"amount":10}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Zero(t, tx.Installments)
			assert.Equal(t, int64(10), tx.Amount)
		}},
		"bogus date": {`{"paidAt":"not a date","createdAt":"2025-03-28T21:30:42.929Z"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.True(t, tx.PaidAt.IsZero())
			assert.Equal(t, 2025, tx.CreatedAt.Year())
		}},
		"date only": {`{"releaseDate":"2025-07-14"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, time.Date(2025, 7, 14, 0, 0, 0, 0, time.UTC), tx.ReleaseDate)
		}},
		"traceable as string": {`{"traceable":"true"}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.True(t, tx.Traceable)
		}},
		"refusedReason as text": {`{"refusedReason":"Saldo insuficiente"}`, func(t *testing.T, tx *bynet.Transaction) {
			require.NotNil(t, tx.RefusedReason)
			assert.Equal(t, "Saldo insuficiente", tx.RefusedReason.Message)
		}},
		"customer document as string": {`{"customer":{"id":"c1","document":"52998224725"}}`, func(t *testing.T, tx *bynet.Transaction) {
			require.NotNil(t, tx.Customer)
			assert.Equal(t, validCPF, tx.Customer.Document.Number)
		}},
		"unknown fields": {`{"id":"tx1","splits":[{"x":1}],"brandNew":{"a":[1,2]}}`, func(t *testing.T, tx *bynet.Transaction) {
			assert.Equal(t, "tx1", tx.ID)
			assert.Contains(t, string(tx.Raw), "brandNew")
		}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var tx bynet.Transaction
			require.NoError(t, json.Unmarshal([]byte(tc.data), &tx))
			tc.check(t, &tx)
		})
	}
}

func TestTransactionFractionalAmountFails(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
		jsonResponder(200, `{"status":200,"data":{"id":"tx1","amount":"19.90"}}`))

	_, _, err := client.Transactions.FindByID(context.Background(), "tx1")

	var decodeErr *bynet.DecodeError
	require.ErrorAs(t, err, &decodeErr, "a fractional amount is reported, not rounded")
	assert.Contains(t, err.Error(), "amount")
}

func TestFindByIDRequest(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/2a205aaf-0000-0000-0000-000000000000",
		rec.respond(jsonResponder(200, string(testdataFile(t, "docs-tx-findbyid-response.json")))))

	tx, resp, err := client.Transactions.FindByID(context.Background(), "2a205aaf-0000-0000-0000-000000000000")
	require.NoError(t, err)

	got := rec.only(t)
	assert.Equal(t, http.MethodGet, got.Method)
	assert.Empty(t, got.Query)
	assert.Equal(t, "Transação encontrada com sucesso.", resp.Message)
	assert.Equal(t, time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), tx.PaidAt.UTC())
	assert.Equal(t, bynet.Metadata("{}"), tx.Metadata)
}

func TestSummaryByIDRequest(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/2a205aaf-0000-0000-0000-000000000000/summary",
		rec.respond(jsonResponder(200, string(testdataFile(t, "docs-tx-summary-response.json")))))

	summary, _, err := client.Transactions.SummaryByID(context.Background(), "2a205aaf-0000-0000-0000-000000000000")
	require.NoError(t, err)

	assert.Equal(t, http.MethodGet, rec.only(t).Method)
	assert.Equal(t, "2a205aaf-0000-0000-0000-000000000000", summary.ID)
	assert.Equal(t, bynet.StatusPaid, summary.Status)
	assert.Equal(t, int64(1000), summary.Amount)
	assert.Equal(t, time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), summary.PaidAt.UTC())
	assert.NotEmpty(t, summary.Raw)
}

func TestSummaryByIDLowercaseStatus(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1/summary",
		jsonResponder(200, `{"data":{"id":"tx1","status":"waiting_payment","amount":"500"}}`))

	summary, _, err := client.Transactions.SummaryByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, bynet.StatusWaitingPayment, summary.Status)
	assert.Equal(t, int64(500), summary.Amount)
}

func TestFindAllQuery(t *testing.T) {
	traceable := false
	cases := map[string]struct {
		params *bynet.TransactionListParams
		want   string
	}{
		"nil params":   {nil, ""},
		"empty params": {&bynet.TransactionListParams{}, ""},
		"every filter": {&bynet.TransactionListParams{
			ListOptions:    bynet.ListOptions{Page: 2, Limit: 50, OrderBy: "createdAt", OrderDirection: "desc"},
			ID:             "tx1",
			PaymentMethods: []bynet.PaymentMethod{bynet.PaymentMethodPix, bynet.PaymentMethodBoleto},
			Status:         []bynet.TransactionStatus{bynet.StatusPaid, bynet.StatusWaitingPayment},
			Name:           "Maria Silva",
			Email:          "maria@example.com",
			DocumentNumber: "529.982.247-25",
			Phone:          "(11) 99999-9999",
			Traceable:      &traceable,
			ExternalRef:    "order-1",
		}, "documentNumber=529.982.247-25&email=maria%40example.com&externalRef=order-1&id=tx1&limit=50" +
			"&name=Maria+Silva&orderBy=createdAt&orderDirection=desc&page=2&paymentMethods=PIX%2CBOLETO" +
			"&phone=%2811%29+99999-9999&status=PAID%2CWAITING_PAYMENT&traceable=false"},
		"one status": {&bynet.TransactionListParams{Status: []bynet.TransactionStatus{bynet.StatusPaid}}, "status=PAID"},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			rec := &recorder{}
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
				rec.respond(jsonResponder(200, envelopeBody(t, []any{}))))

			_, _, err := client.Transactions.FindAll(context.Background(), tc.params)
			require.NoError(t, err)

			got := rec.only(t)
			assert.Equal(t, "/api/user/transactions", got.Path)
			assert.Equal(t, tc.want, got.Query)
			assert.Empty(t, got.Header.Values("Content-Type"))
		})
	}
}

func TestFindAllDocsExample(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
		jsonResponder(200, string(testdataFile(t, "docs-tx-findall-response.json"))))

	page, resp, err := client.Transactions.FindAll(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "Transações encontradas com sucesso.", resp.Message)

	require.Len(t, page.Data, 1, "a flat array is one page")
	assert.False(t, page.HasNext())

	tx := page.Data[0]
	assert.Equal(t, bynet.StatusRefused, tx.Status)
	assert.Equal(t, int64(10), tx.Amount)
	assert.Zero(t, tx.Installments)
	assert.Equal(t, "::ffff:127.0.0.1", tx.IP)
	assert.Equal(t, time.Date(2025, 3, 28, 21, 30, 42, 929e6, time.UTC), tx.CreatedAt.UTC())
	assert.True(t, strings.HasPrefix(string(tx.Metadata), `{"linkId"`))
}

func TestFindAllNestedPageWithStringCounters(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions", jsonResponder(200,
		`{"status":200,"data":{"data":[{"id":"a"},{"id":"b"}],"page":"2","pages":"3","limit":"2","total":"6"},"error":null}`))

	page, _, err := client.Transactions.FindAll(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, page.Data, 2)
	assert.Equal(t, 2, page.Page)
	assert.Equal(t, 3, page.Pages)
	assert.Equal(t, 2, page.Limit)
	assert.Equal(t, 6, page.Total)
	assert.True(t, page.HasNext())
}

// pagedResponder serves the pages whose ids pages lists, with the page
// counters sent as strings, as the server sometimes does.
func pagedResponder(t *testing.T, pages [][]string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		number, err := strconv.Atoi(req.URL.Query().Get("page"))
		if err != nil {
			number = 1
		}
		if number < 1 || number > len(pages) {
			return httpmock.NewStringResponse(200, `{"status":200,"data":{"data":[],"page":"`+fmt.Sprint(number)+`"}}`), nil
		}

		rows := []map[string]any{}
		for _, id := range pages[number-1] {
			rows = append(rows, map[string]any{"id": id, "status": "PAID"})
		}
		body := envelopeBody(t, map[string]any{
			"data": rows, "page": fmt.Sprint(number), "pages": fmt.Sprint(len(pages)), "limit": "2", "total": "6",
		})
		return httpmock.NewStringResponse(200, body), nil
	}
}

func TestFindAllIterWalksPages(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
		rec.respond(pagedResponder(t, [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}})))

	params := &bynet.TransactionListParams{
		ListOptions: bynet.ListOptions{Limit: 2},
		Status:      []bynet.TransactionStatus{bynet.StatusPaid},
	}
	before := *params

	var ids []string
	for tx, err := range client.Transactions.FindAllIter(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, tx.ID)
	}

	assert.Equal(t, []string{"a", "b", "c", "d", "e", "f"}, ids)
	assert.Equal(t, 3, rec.count(), "three pages, then stop")
	assert.Equal(t, before, *params, "params are not modified")

	for i, req := range rec.requests {
		assert.Contains(t, req.Query, fmt.Sprintf("page=%d", i+1))
		assert.Contains(t, req.Query, "status=PAID")
		assert.Contains(t, req.Query, "limit=2")
	}
}

func TestFindAllIterStartsAtGivenPage(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
		rec.respond(pagedResponder(t, [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}})))

	var ids []string
	for tx, err := range client.Transactions.FindAllIter(context.Background(), &bynet.TransactionListParams{ListOptions: bynet.ListOptions{Page: 2}}) {
		require.NoError(t, err)
		ids = append(ids, tx.ID)
	}

	assert.Equal(t, []string{"c", "d", "e", "f"}, ids)
	assert.Equal(t, 2, rec.count())
}

func TestFindAllIterErrorOnSecondPage(t *testing.T) {
	client, mock := mockedClient(t, bynet.WithRetry(0, 0, 0))
	calls := 0
	pages := pagedResponder(t, [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}})
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions", func(req *http.Request) (*http.Response, error) {
		calls++
		if req.URL.Query().Get("page") == "2" {
			return httpmock.NewStringResponse(404, `{"status":404,"message":"Não encontrado","error":{}}`), nil
		}
		return pages(req)
	})

	var ids []string
	var errs []error
	for tx, err := range client.Transactions.FindAllIter(context.Background(), nil) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, tx.ID)
	}

	assert.Equal(t, []string{"a", "b"}, ids)
	require.Len(t, errs, 1, "the error is yielded once")
	assert.ErrorIs(t, errs[0], bynet.ErrNotFound)
	assert.Equal(t, 2, calls, "no page is fetched after the error")
}

func TestFindAllIterBreakStopsFetching(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
		rec.respond(pagedResponder(t, [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}})))

	var ids []string
	for tx, err := range client.Transactions.FindAllIter(context.Background(), nil) {
		require.NoError(t, err)
		ids = append(ids, tx.ID)
		if tx.ID == "c" {
			break
		}
	}

	assert.Equal(t, []string{"a", "b", "c"}, ids)
	assert.Equal(t, 2, rec.count())
}

func TestFindAllIterStopsOnRepeatedPage(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
		rec.respond(jsonResponder(200, `{"data":{"data":[{"id":"a"}],"page":1,"limit":1}}`)))

	count := 0
	for _, err := range client.Transactions.FindAllIter(context.Background(), nil) {
		require.NoError(t, err)
		count++
	}

	assert.Equal(t, 1, count, "a server that ignores the page number ends the walk")
	assert.Equal(t, 2, rec.count())
}

func TestFindAllIterFlatArray(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
		rec.respond(jsonResponder(200, string(testdataFile(t, "docs-tx-findall-response.json")))))

	count := 0
	for _, err := range client.Transactions.FindAllIter(context.Background(), nil) {
		require.NoError(t, err)
		count++
	}

	assert.Equal(t, 1, count)
	assert.Equal(t, 1, rec.count(), "a flat array is the only page")
}

func TestFindAllFractionalAmountNamesTheRow(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions",
		jsonResponder(200, `{"data":{"data":[{"id":"a","amount":100},{"id":"b","amount":"99.5"}],"page":1}}`))

	page, _, err := client.Transactions.FindAll(context.Background(), nil)
	assert.Nil(t, page)

	var decodeErr *bynet.DecodeError
	require.ErrorAs(t, err, &decodeErr, "a row is never turned into zeros")
	assert.Contains(t, err.Error(), "data[1].amount")
}

func TestCreateWithExistingCustomerID(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodPost, createURL,
		rec.respond(jsonResponder(200, envelopeBody(t, map[string]any{"id": "tx1"}))))

	params := minimalPixParams()
	params.Customer = &bynet.CustomerParams{ID: "c0ffee00-0000-0000-0000-000000000001"}

	_, _, err := client.Transactions.Create(context.Background(), params)
	require.NoError(t, err)

	var sent map[string]any
	require.NoError(t, json.Unmarshal(rec.only(t).Body, &sent))
	assert.Equal(t, map[string]any{"id": "c0ffee00-0000-0000-0000-000000000001"}, sent["customer"],
		"no empty name, e-mail or document is sent next to the id")
}
