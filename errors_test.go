package bynet_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

var sentinels = map[string]error{
	"ErrBadRequest":   bynet.ErrBadRequest,
	"ErrUnauthorized": bynet.ErrUnauthorized,
	"ErrForbidden":    bynet.ErrForbidden,
	"ErrNotFound":     bynet.ErrNotFound,
	"ErrRateLimited":  bynet.ErrRateLimited,
	"ErrServer":       bynet.ErrServer,
	"ErrRefused":      bynet.ErrRefused,
}

func TestAPIErrorStatusMapping(t *testing.T) {
	cases := []struct {
		status int
		want   []string
	}{
		{400, []string{"ErrBadRequest"}},
		{401, []string{"ErrUnauthorized"}},
		{403, []string{"ErrForbidden"}},
		{404, []string{"ErrNotFound"}},
		{422, []string{"ErrBadRequest"}},
		{429, []string{"ErrRateLimited"}},
		{500, []string{"ErrServer"}},
		{501, []string{"ErrServer"}},
		{502, []string{"ErrServer"}},
		{503, []string{"ErrServer"}},
		{504, []string{"ErrServer"}},
		{409, nil},
	}

	for _, tc := range cases {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			client, mock := mockedClient(t, bynet.WithRetry(0, 0, 0))
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
				jsonResponder(tc.status, fmt.Sprintf(`{"status":%d,"message":"Mensagem do servidor","data":null,"error":{}}`, tc.status)))

			tx, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.Error(t, err)
			assert.Nil(t, tx)
			require.NotNil(t, resp)
			assert.Equal(t, tc.status, resp.StatusCode)

			var apiErr *bynet.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, tc.status, apiErr.Status)
			assert.Equal(t, "Mensagem do servidor", apiErr.Message)
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.Equal(t, "/api/user/transactions/tx1", apiErr.Path)
			assert.Contains(t, err.Error(), "Mensagem do servidor")
			assert.Contains(t, err.Error(), strconv.Itoa(tc.status))

			for name, sentinel := range sentinels {
				want := slices.Contains(tc.want, name)
				assert.Equal(t, want, errors.Is(err, sentinel), "errors.Is(err, %s)", name)
			}
			assert.False(t, errors.Is(err, bynet.ErrOutcomeUnknown), "a GET has a known outcome")
		})
	}
}

func TestAPIErrorFromFixtureEnvelope(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL,
		jsonResponder(400, string(testdataFile(t, "error-4xx-envelope.json"))))

	_, resp, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.Error(t, err)
	assert.Equal(t, 1, resp.Attempts)

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, bynet.ErrBadRequest)
	assert.Equal(t, 400, apiErr.Status)
	assert.Equal(t, "<message>", apiErr.Message)
	assert.Equal(t, "<provider>", apiErr.Provider)
	require.NotNil(t, apiErr.RefusedReason)
	assert.Equal(t, "<reason>", apiErr.RefusedReason.Message)
	assert.Equal(t, `"<reason>"`, string(apiErr.RefusedReason.Raw))
	assert.Contains(t, err.Error(), "<reason>")
	assert.Equal(t, http.MethodPost, apiErr.Method)
	assert.Equal(t, "/api/user/transactions", apiErr.Path)
	assert.Contains(t, string(apiErr.Body), "<provider>")
}

func TestAPIErrorRefusedReasonAsJSONString(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL,
		jsonResponder(422, string(testdataFile(t, "error-refused-reason-json-string.json"))))

	_, _, err := client.Transactions.Create(context.Background(), minimalPixParams())

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, bynet.ErrBadRequest)
	require.NotNil(t, apiErr.RefusedReason)
	assert.Equal(t, map[string][]string{"<field>": {"<field message>"}}, apiErr.RefusedReason.Errors)
	assert.Equal(t, "<field>: <field message>", apiErr.RefusedReason.String())
	assert.Contains(t, err.Error(), "<field>: <field message>")
}

func TestAPIErrorRefusedReasonAsObject(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, jsonResponder(400, `{
		"status": 400, "message": "Erro de validação", "data": null,
		"error": {"code": 1001, "provider": "PluggouV2", "refusedReason": {
			"message": "Dados inválidos",
			"errors": {"customer.email": "E-mail inválido", "amount": "Valor mínimo"}}}}`))

	_, _, err := client.Transactions.Create(context.Background(), minimalPixParams())

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Erro de validação", apiErr.Message)
	assert.Equal(t, "PluggouV2", apiErr.Provider)
	assert.Equal(t, "1001", apiErr.Code)
	require.NotNil(t, apiErr.RefusedReason)
	assert.Equal(t, "Dados inválidos", apiErr.RefusedReason.Message)
	assert.Equal(t, []string{"E-mail inválido"}, apiErr.RefusedReason.Errors["customer.email"])
	assert.Equal(t, "amount: Valor mínimo", apiErr.RefusedReason.String(), "fields in alphabetical order")
}

func TestAPIErrorRefusedReasonAtRoot(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, jsonResponder(400,
		`{"status":400,"message":"Transação recusada","refusedReason":{"message":"Limite excedido"}}`))

	_, _, err := client.Transactions.Create(context.Background(), minimalPixParams())

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	require.NotNil(t, apiErr.RefusedReason)
	assert.Equal(t, "Limite excedido", apiErr.RefusedReason.Message)
}

func TestAPIErrorOnSuccessStatusEnvelopeFailure(t *testing.T) {
	cases := map[string]struct {
		body    string
		message string
	}{
		"fixture with status 400": {"", "<message>"},
		"status as string":        {`{"status":"403","message":"Sem permissão","data":null}`, "Sem permissão"},
		"error object":            {`{"status":200,"message":"Falha","data":null,"error":{"message":"x"}}`, "Falha"},
		"error text":              {`{"status":200,"data":null,"error":"Cliente não encontrado"}`, "Cliente não encontrado"},
		"error true":              {`{"message":"Falhou","data":{"id":"tx1"},"error":true}`, "Falhou"},
		"error message in object": {`{"data":null,"error":{"message":"Chave inválida"}}`, "Chave inválida"},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			body := tc.body
			if body == "" {
				body = string(testdataFile(t, "error-4xx-envelope.json"))
			}

			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(200, body))

			tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.Error(t, err, "a failure envelope is never a success")
			assert.Nil(t, tx)

			var apiErr *bynet.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 200, apiErr.StatusCode)
			assert.Equal(t, tc.message, apiErr.Message)
			assert.Equal(t, 1, mock.GetTotalCallCount(), "not retried")
		})
	}
}

func TestAPIErrorEnvelopeStatusPicksSentinel(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
		jsonResponder(200, `{"status":404,"message":"Transação não encontrada","data":null,"error":null}`))

	_, _, err := client.Transactions.FindByID(context.Background(), "tx1")
	assert.ErrorIs(t, err, bynet.ErrNotFound)
	assert.False(t, errors.Is(err, bynet.ErrBadRequest))
}

func TestSuccessEnvelopeWithEmptyError(t *testing.T) {
	for _, errValue := range []string{"null", "{}", "false", `""`} {
		t.Run(errValue, func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
				jsonResponder(200, `{"status":200,"message":"ok","data":{"id":"tx1"},"error":`+errValue+`}`))

			tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.NoError(t, err)
			assert.Equal(t, "tx1", tx.ID)
		})
	}
}

func TestBareDataWithoutEnvelope(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1",
		jsonResponder(200, `{"id":"tx1","status":"PAID","amount":1000}`))

	tx, _, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.NoError(t, err)
	assert.Equal(t, "tx1", tx.ID)
	assert.Equal(t, bynet.StatusPaid, tx.Status)
}

func TestHTMLErrorPage(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		resp.Header.Set("Content-Type", "text/html; charset=utf-8")
		return resp, nil
	})

	_, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
	require.Error(t, err)
	assert.Equal(t, 4, resp.Attempts, "a GET is retried on 502")

	var apiErr *bynet.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, bynet.ErrServer)
	assert.Equal(t, 502, apiErr.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", apiErr.ContentType)
	assert.Contains(t, err.Error(), "text/html")
	assert.Contains(t, string(apiErr.Body), "502 Bad Gateway")
}

func TestUndecodableSuccessBodies(t *testing.T) {
	cases := map[string]struct {
		contentType string
		body        string
		wantText    string
	}{
		"empty body":      {"application/json", "", "empty"},
		"blank body":      {"application/json", " \n ", "empty"},
		"truncated JSON":  {"application/json", `{"status":200,"data":{"id":"tx1","amo`, "unexpected end"},
		"HTML page":       {"text/html", "<html>Manutenção</html>", "text/html"},
		"plain text":      {"text/plain", "OK", "text/plain"},
		"data null":       {"application/json", `{"status":200,"message":"ok","data":null,"error":null}`, "no data"},
		"data wrong type": {"application/json", `{"status":200,"data":"tx1"}`, "tx1"},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", func(*http.Request) (*http.Response, error) {
				resp := httpmock.NewStringResponse(200, tc.body)
				resp.Header.Set("Content-Type", tc.contentType)
				return resp, nil
			})

			tx, resp, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.Error(t, err)
			assert.Nil(t, tx)
			assert.Equal(t, 200, resp.StatusCode)

			var decodeErr *bynet.DecodeError
			require.ErrorAs(t, err, &decodeErr)
			assert.Equal(t, 200, decodeErr.StatusCode)
			assert.Equal(t, tc.contentType, decodeErr.ContentType)
			assert.Equal(t, "/api/user/transactions/tx1", decodeErr.Path)
			assert.Contains(t, err.Error(), tc.wantText)
			assert.Contains(t, err.Error(), tc.contentType)
		})
	}
}

func TestUndecodableCreateResponseIsOutcomeUnknown(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, jsonResponder(200, `{"status":200,"data":{"id":"tx1","st`))

	params := minimalPixParams()
	params.ExternalRef = "order-77"

	_, _, err := client.Transactions.Create(context.Background(), params)
	require.Error(t, err)

	var decodeErr *bynet.DecodeError
	assert.ErrorAs(t, err, &decodeErr)
	assert.ErrorIs(t, err, bynet.ErrOutcomeUnknown, "the server answered 200, so the charge may exist")

	var unknown *bynet.OutcomeUnknownError
	require.ErrorAs(t, err, &unknown)
	assert.Equal(t, "order-77", unknown.ExternalRef)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestMalformedResponsesNeverPanic(t *testing.T) {
	bodies := []string{
		"", "null", "[]", "{}", "0", `"text"`, "true", "[1,2", "{", "}", `{"data":[]}`, `{"data":{}}`,
		`{"data":{"data":null}}`, `{"data":{"data":{}}}`, `{"data":[null,1,"x"]}`, `{"status":{},"error":[]}`,
		`{"status":null,"message":null,"error":{"refusedReason":[1]}}`, `{"error":{"refusedReason":"{\"errors\":5}"}}`,
		`{"error":{"refusedReason":"{not json"}}`, `{"data":{"amount":1e400}}`, `{"data":{"amount":"1e400"}}`,
		`{"data":{"customer":"x","items":{},"pix":[],"createdAt":123,"metadata":[1]}}`,
		"<html>", "\x00\x01\x02", strings.Repeat("[", 10000),
	}
	statuses := []int{200, 201, 204, 400, 404, 429, 500, 502}

	for _, status := range statuses {
		for _, body := range bodies {
			client, mock := mockedClient(t, bynet.WithRetry(0, 0, 0))
			mock.RegisterNoResponder(jsonResponder(status, body))

			assert.NotPanics(t, func() {
				ctx := context.Background()
				_, _, _ = client.Transactions.FindByID(ctx, "tx1")
				_, _, _ = client.Transactions.FindAll(ctx, nil)
				_, _, _ = client.Transactions.SummaryByID(ctx, "tx1")
				_, _, _ = client.Transactions.Create(ctx, minimalPixParams())
				_, _, _ = client.Customers.FindAll(ctx, nil)
				_, _, _ = client.Customers.FindByID(ctx, "c1")
				for _, err := range client.Transactions.FindAllIter(ctx, nil) {
					if err != nil {
						break
					}
				}
				var out any
				_ = client.Do(ctx, http.MethodGet, "/api/user/anything", nil, &out)
			}, "status %d, body %q", status, body)
		}
	}
}

func TestErrorsNeverShowKeyOrDocument(t *testing.T) {
	const message = "Chave sk_test_fake_0123456789 sem acesso ao CPF 529.982.247-25 (52998224725)"
	body := `{"status":400,"message":"` + message + `","data":null,"error":{"refusedReason":` +
		`{"message":"CPF 52998224725 bloqueado","errors":{"customer.document.number":["52998224725 inválido"]}}}}`

	for _, status := range []int{200, 400, 500} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client, mock := mockedClient(t, bynet.WithRetry(0, 0, 0))
			mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(status, body))

			_, _, err := client.Transactions.FindByID(context.Background(), "tx1")
			require.Error(t, err)

			var apiErr *bynet.APIError
			require.ErrorAs(t, err, &apiErr)
			assertNoSecrets(t, err.Error())
			assertNoSecrets(t, string(apiErr.Body))
		})
	}
}

func TestDecodeErrorNeverShowsKeyOrDocument(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/customers/c1", jsonResponder(200,
		`{"data":{"apiKey":"sk_test_fake_0123456789","document":"529.982.247-25","note":"52998224725 sk_test_fake_0123456789"`))

	_, _, err := client.Customers.FindByID(context.Background(), "c1")

	var decodeErr *bynet.DecodeError
	require.ErrorAs(t, err, &decodeErr)
	assertNoSecrets(t, err.Error())
	assertNoSecrets(t, decodeErr.Snippet)
}

func TestRefusedCreateErrorMasksDocument(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL, jsonResponder(201,
		`{"status":201,"message":"Recusada para 52998224725","data":{"id":"tx1","status":"REFUSED",`+
			`"refusedReason":{"message":"CPF 529.982.247-25 com restrição"}}}`))

	tx, _, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.ErrorIs(t, err, bynet.ErrRefused)
	require.NotNil(t, tx)
	assertNoSecrets(t, err.Error())
}

// assertNoSecrets fails when text holds the fake API key or the full test CPF.
func assertNoSecrets(t *testing.T, text string) {
	t.Helper()

	assert.NotContains(t, text, fakeKey)
	assert.NotContains(t, text, validCPF)
	assert.NotContains(t, text, "529.982.247-25")
}

func TestValidationErrorMatchesOnlyInvalidParams(t *testing.T) {
	verr := &bynet.ValidationError{Field: "amount", Problem: "is not positive"}

	assert.Equal(t, "bynet: invalid amount: is not positive", verr.Error())
	assert.ErrorIs(t, verr, bynet.ErrInvalidParams)
	for name, sentinel := range sentinels {
		assert.False(t, errors.Is(verr, sentinel), name)
	}
}

func TestRefusedReasonStringOfNil(t *testing.T) {
	var reason *bynet.RefusedReason
	assert.Empty(t, reason.String())
}

func TestSnippetCutNeverRevealsPartOfASecret(t *testing.T) {
	for shift := 0; shift < 24; shift++ {
		padding := strings.Repeat("x", 190+shift-24)
		body := `{"data":"` + padding + ` ` + validCPF + ` ` + fakeKey + `"`

		client, mock := mockedClient(t)
		mock.RegisterResponder(http.MethodGet, mockBase+"/api/user/transactions/tx1", jsonResponder(200, body))

		_, _, err := client.Transactions.FindByID(context.Background(), "tx1")

		var decodeErr *bynet.DecodeError
		require.ErrorAs(t, err, &decodeErr)
		assert.NotContains(t, decodeErr.Snippet, validCPF[:6], "shift %d", shift)
		assert.NotContains(t, decodeErr.Snippet, fakeKey[:8], "shift %d", shift)
	}
}

func TestAPIErrorMasksAlphanumericCNPJ(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodPost, createURL,
		jsonResponder(400, `{"status":400,"message":"CNPJ 12.ABC.345/01DE-35 bloqueado","error":{"refusedReason":"12ABC34501DE35"}}`))

	_, _, err := client.Transactions.Create(context.Background(), minimalPixParams())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "12.ABC.345/01DE")
	assert.NotContains(t, err.Error(), "12ABC34501DE")
	assert.Contains(t, err.Error(), "bloqueado")
}
