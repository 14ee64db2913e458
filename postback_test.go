package bynet_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

const testBaseURL = "https://api.example.test"

// allStatuses are the transaction statuses that the platform is known to send.
var allStatuses = []bynet.TransactionStatus{
	bynet.StatusWaitingPayment, bynet.StatusProcessing, bynet.StatusAuthorized,
	bynet.StatusPaid, bynet.StatusRefunded, bynet.StatusRefused,
	bynet.StatusChargedback, bynet.StatusCanceled, bynet.StatusInProtest,
}

func newMockClient(t *testing.T) (*bynet.Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	client, err := bynet.NewClient("sk_test_fake",
		bynet.WithHTTPClient(&http.Client{Transport: mock}),
		bynet.WithRetry(2, time.Millisecond, 5*time.Millisecond),
		bynet.WithBaseURL(testBaseURL))
	require.NoError(t, err)
	return client, mock
}

// respondWith registers a GET of path that returns data in the API envelope.
func respondWith(mock *httpmock.MockTransport, path string, status int, data string) {
	body := fmt.Sprintf(`{"status":%d,"message":"ok","data":%s,"error":null}`, status, data)
	if status >= 400 {
		body = fmt.Sprintf(`{"status":%d,"message":"Não encontrado","data":null,"error":"not found"}`, status)
	}
	mock.RegisterResponder(http.MethodGet, testBaseURL+path, httpmock.NewStringResponder(status, body))
}

func postbackRequest(target, contentType, body string) *http.Request {
	r := httptest.NewRequestWithContext(context.Background(), http.MethodPost, target, strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return r
}

func TestParsePostbackFixture(t *testing.T) {
	body := testdataFile(t, "postback-paid.json")

	p, err := bynet.ParsePostbackBytes(body)
	require.NoError(t, err)

	assert.Equal(t, "00000000-0000-0000-0000-000000000000", p.ObjectID)
	assert.Equal(t, bynet.PostbackTransaction, p.Kind)
	assert.Equal(t, bynet.StatusPaid, p.Status)
	assert.True(t, p.Status.IsPaid())
	assert.Equal(t, "E00000000000000000000000000000000", p.EndToEndID)
	assert.Equal(t, time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), p.PaidAt.UTC())
	assert.Zero(t, p.Amount)
	assert.Empty(t, p.EventID)
	assert.Equal(t, p.ObjectID, p.TransactionID)
	require.NotNil(t, p.Transaction)
	assert.Equal(t, p.ObjectID, p.Transaction.ID)
	assert.Equal(t, bynet.StatusPaid, p.Transaction.Status)
	assert.JSONEq(t, string(body), string(p.Raw))
	assert.False(t, p.Verified)
}

func TestParsePostbackStatusesBothShapes(t *testing.T) {
	for _, status := range allStatuses {
		for _, sent := range []string{string(status), strings.ToLower(string(status))} {
			documented := fmt.Sprintf(`{"objectId":"tx-1","data":{"status":%q,"type":"transaction"}}`, sent)
			flat := fmt.Sprintf(`{"id":"tx-1","status":%q,"amount":1000}`, sent)

			for shape, body := range map[string]string{"documented": documented, "flat": flat} {
				t.Run(shape+"/"+sent, func(t *testing.T) {
					p, err := bynet.ParsePostbackBytes([]byte(body))
					require.NoError(t, err)
					assert.Equal(t, status, p.Status)
					assert.Equal(t, "tx-1", p.ObjectID)
					assert.Equal(t, bynet.PostbackTransaction, p.Kind)
				})
			}
		}
	}
}

func TestParsePostbackMixedCaseStatus(t *testing.T) {
	p, err := bynet.ParsePostbackBytes([]byte(`{"objectId":"tx-1","data":{"status":" Paid "}}`))
	require.NoError(t, err)
	assert.Equal(t, bynet.StatusPaid, p.Status)
}

func TestParsePostbackUnknownStatusKept(t *testing.T) {
	p, err := bynet.ParsePostbackBytes([]byte(`{"objectId":"tx-1","data":{"status":"approved"}}`))
	require.NoError(t, err)
	assert.Equal(t, bynet.TransactionStatus("APPROVED"), p.Status)
	assert.False(t, p.Status.IsPaid())
}

func TestParsePostbackFlatTransaction(t *testing.T) {
	body := `{
		"id": "tx-9", "status": "PAID", "amount": 1000, "refundedAmount": 300,
		"paymentMethod": "pix", "paidAt": "2025-01-01T12:00:00.000Z",
		"metadata": "{\"orderId\":\"ORDER-0001\"}",
		"pix": {"qrcode": "000201", "endToEndId": "E123"},
		"customer": {"name": "Maria Silva", "document": {"number": "12345678909", "type": "cpf"}},
		"refunds": [{"id": "rf-1", "amount": 300, "status": "done"}]
	}`

	p, err := bynet.ParsePostbackBytes([]byte(body))
	require.NoError(t, err)

	assert.Equal(t, "tx-9", p.ObjectID)
	assert.Empty(t, p.EventID)
	assert.Equal(t, bynet.PostbackTransaction, p.Kind)
	assert.Equal(t, int64(1000), p.Amount)
	assert.Equal(t, int64(300), p.RefundedAmount)
	assert.Equal(t, "E123", p.EndToEndID)
	require.Len(t, p.Refunds, 1)
	assert.Equal(t, "rf-1", p.Refunds[0].ID)
	require.NotNil(t, p.Transaction)
	assert.Equal(t, bynet.PaymentMethodPix, p.Transaction.PaymentMethod)
	require.NotNil(t, p.Transaction.Customer)
	assert.Equal(t, "Maria Silva", p.Transaction.Customer.Name)

	var meta struct{ OrderID string }
	require.NoError(t, p.Transaction.Metadata.Decode(&meta))
	assert.Equal(t, "ORDER-0001", meta.OrderID)
}

func TestParsePostbackWrappedWithEventID(t *testing.T) {
	body := `{"id": "evt-1", "type": "transaction", "objectId": "tx-2", "url": "https://shop.example.com/pb",
		"data": {"id": "tx-2", "status": "refunded", "amount": "2500", "metadata": {"orderId": 7}}}`

	p, err := bynet.ParsePostbackBytes([]byte(body))
	require.NoError(t, err)

	assert.Equal(t, "tx-2", p.ObjectID)
	assert.Equal(t, "evt-1", p.EventID)
	assert.Equal(t, bynet.StatusRefunded, p.Status)
	assert.Equal(t, int64(2500), p.Amount)
	require.NotNil(t, p.Transaction)
	assert.JSONEq(t, `{"orderId":7}`, string(p.Transaction.Metadata))
	assert.JSONEq(t, `{"id": "tx-2", "status": "refunded", "amount": "2500", "metadata": {"orderId": 7}}`, string(p.Object))
}

func TestParsePostbackTolerantValues(t *testing.T) {
	cases := map[string]string{
		"data as JSON string": `{"objectId":"tx-3","data":"{\"status\":\"paid\",\"amount\":1000}"}`,
		"numeric object id":   `{"objectId":12345,"data":{"status":"paid","amount":1000}}`,
		"id only in data":     `{"data":{"id":"tx-3","status":"paid","amount":1000}}`,
		"padded ids":          `{"data":{"id":" tx-3 ","status":"paid","amount":1000}}`,
		"bogus paidAt":        `{"objectId":"tx-3","data":{"status":"paid","amount":1000,"paidAt":"ontem"}}`,
		"null fields":         `{"objectId":"tx-3","data":{"status":"paid","amount":1000,"refunds":null,"pix":null}}`,
		"unknown keys":        `{"objectId":"tx-3","extra":[1,2],"data":{"status":"paid","amount":1000,"fee":{"x":1}}}`,
	}

	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			p, err := bynet.ParsePostbackBytes([]byte(body))
			require.NoError(t, err)
			assert.Contains(t, []string{"tx-3", "12345"}, p.ObjectID)
			assert.Equal(t, bynet.StatusPaid, p.Status)
			assert.Equal(t, int64(1000), p.Amount)
		})
	}
}

func TestParsePostbackKinds(t *testing.T) {
	cases := []struct {
		body string
		want bynet.PostbackKind
	}{
		{`{"objectId":"o1","data":{"status":"paid"}}`, bynet.PostbackTransaction},
		{`{"objectId":"o1","data":{"status":"paid","type":"TRANSACTION"}}`, bynet.PostbackTransaction},
		{`{"objectId":"o1","data":{"status":"done","type":"refund"}}`, bynet.PostbackRefund},
		{`{"objectId":"o1","data":{"status":"paid","type":"transfer"}}`, bynet.PostbackTransfer},
		{`{"objectId":"o1","data":{"status":"paid","type":"Cash_Out"}}`, bynet.PostbackCashout},
		{`{"objectId":"o1","type":"cashout","data":{"status":"pending"}}`, bynet.PostbackCashout},
		{`{"id":"o1","status":"FAILED","type":"BANK_TRANSFER","amount":100}`, bynet.PostbackTransfer},
		{`{"id":"o1","status":"PAID","type":"PIX","amount":100}`, bynet.PostbackTransfer},
		{`{"objectId":"o1","data":{"status":"paid","type":"Checkout"}}`, bynet.PostbackKind("Checkout")},
		{`{"data":{"transactionId":"o1","status":"PENDING","type":"cashout"}}`, bynet.PostbackCashout},
	}

	for _, tc := range cases {
		t.Run(tc.body, func(t *testing.T) {
			p, err := bynet.ParsePostbackBytes([]byte(tc.body))
			require.NoError(t, err)
			assert.Equal(t, tc.want, p.Kind)
			assert.Equal(t, "o1", p.ObjectID)

			assert.Equal(t, tc.want == bynet.PostbackTransaction, p.Transaction != nil)
			if tc.want != bynet.PostbackTransaction && tc.want != bynet.PostbackRefund {
				assert.Empty(t, p.TransactionID, "a payout concerns no charge")
			}
		})
	}
}

func TestParsePostbackRejectsBadBodies(t *testing.T) {
	cases := map[string]struct {
		body string
		want error
	}{
		"empty":            {"", bynet.ErrPostbackMalformed},
		"spaces":           {"  \n", bynet.ErrPostbackMalformed},
		"array":            {`[{"objectId":"tx"}]`, bynet.ErrPostbackMalformed},
		"null":             {`null`, bynet.ErrPostbackMalformed},
		"string":           {`"tx-1"`, bynet.ErrPostbackMalformed},
		"truncated":        {`{"objectId":"tx-1","data":{"status":"pa`, bynet.ErrPostbackMalformed},
		"trailing garbage": {`{"objectId":"tx-1"} x`, bynet.ErrPostbackMalformed},
		"form encoded":     {`objectId=tx-1&status=paid`, bynet.ErrPostbackMalformed},
		"fractional money": {`{"objectId":"tx-1","data":{"amount":10.5}}`, bynet.ErrPostbackMalformed},
		"no id at all":     {`{"data":{"status":"paid"}}`, bynet.ErrPostbackMissingID},
		"flat without id":  {`{"status":"paid","amount":100}`, bynet.ErrPostbackMissingID},
		"empty objectId":   {`{"objectId":"  ","data":{"status":"paid"}}`, bynet.ErrPostbackMissingID},
		"event id only":    {`{"id":"evt-1","data":{"status":"paid"}}`, bynet.ErrPostbackMissingID},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p, err := bynet.ParsePostbackBytes([]byte(tc.body))
			assert.Nil(t, p)
			require.ErrorIs(t, err, tc.want)

			var rejected *bynet.PostbackError
			require.ErrorAs(t, err, &rejected)
			assert.Equal(t, http.StatusBadRequest, rejected.StatusCode)
		})
	}
}

func TestParsePostbackRequestAccepts(t *testing.T) {
	for _, contentType := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON; charset=UTF-8"} {
		t.Run(contentType, func(t *testing.T) {
			r := postbackRequest("/postback", contentType, `{"objectId":"tx-1","data":{"status":"paid"}}`)
			p, err := bynet.ParsePostback(r)
			require.NoError(t, err)
			assert.Equal(t, bynet.StatusPaid, p.Status)
		})
	}
}

func TestParsePostbackRejectsMethods(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions} {
		t.Run(method, func(t *testing.T) {
			r := httptest.NewRequestWithContext(context.Background(), method, "/postback", strings.NewReader(`{"objectId":"tx-1"}`))
			r.Header.Set("Content-Type", "application/json")

			_, err := bynet.ParsePostback(r)
			require.ErrorIs(t, err, bynet.ErrPostbackMethod)
			assertRejectStatus(t, err, http.StatusMethodNotAllowed)
		})
	}
}

func TestParsePostbackRejectsContentTypes(t *testing.T) {
	for _, contentType := range []string{"", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
		"application/json; charset=iso-8859-1", "application/jsonp", "application/problem+json", "application/json; charset"} {
		t.Run(contentType, func(t *testing.T) {
			r := postbackRequest("/postback", contentType, `{"objectId":"tx-1"}`)

			_, err := bynet.ParsePostback(r)
			require.ErrorIs(t, err, bynet.ErrPostbackContentType)
			assertRejectStatus(t, err, http.StatusUnsupportedMediaType)
		})
	}
}

func TestParsePostbackRejectsOversize(t *testing.T) {
	padding := strings.Repeat("x", bynet.DefaultMaxPostbackBytes)
	big := `{"objectId":"tx-1","data":{"status":"paid","note":"` + padding + `"}}`

	t.Run("default limit with length", func(t *testing.T) {
		_, err := bynet.ParsePostback(postbackRequest("/postback", "application/json", big))
		require.ErrorIs(t, err, bynet.ErrPostbackTooLarge)
		assertRejectStatus(t, err, http.StatusRequestEntityTooLarge)
	})

	t.Run("default limit without length", func(t *testing.T) {
		r := postbackRequest("/postback", "application/json", "")
		r.Body = io.NopCloser(strings.NewReader(big))
		r.ContentLength = -1

		_, err := bynet.ParsePostback(r)
		require.ErrorIs(t, err, bynet.ErrPostbackTooLarge)
	})

	t.Run("configured limit", func(t *testing.T) {
		body := `{"objectId":"tx-1","data":{"status":"paid"}}`
		_, err := bynet.ParsePostback(postbackRequest("/postback", "application/json", body), bynet.WithPostbackMaxBytes(int64(len(body)-1)))
		require.ErrorIs(t, err, bynet.ErrPostbackTooLarge)

		_, err = bynet.ParsePostback(postbackRequest("/postback", "application/json", body), bynet.WithPostbackMaxBytes(int64(len(body))))
		require.NoError(t, err)
	})
}

func TestParsePostbackSecret(t *testing.T) {
	body := `{"objectId":"tx-1","data":{"status":"paid"}}`
	withSecret := bynet.WithPostbackSecret("token", "s3cret-long-random")

	cases := map[string]struct {
		target string
		status int
	}{
		"missing parameter": {"/postback", http.StatusUnauthorized},
		"empty parameter":   {"/postback?token=", http.StatusUnauthorized},
		"wrong secret":      {"/postback?token=guess", http.StatusForbidden},
		"secret prefix":     {"/postback?token=s3cret", http.StatusForbidden},
		"other parameter":   {"/postback?secret=s3cret-long-random", http.StatusUnauthorized},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := bynet.ParsePostback(postbackRequest(tc.target, "application/json", body), withSecret)
			require.ErrorIs(t, err, bynet.ErrPostbackSecret)
			assertRejectStatus(t, err, tc.status)
			assert.NotContains(t, err.Error(), "s3cret-long-random")
		})
	}

	t.Run("right secret", func(t *testing.T) {
		p, err := bynet.ParsePostback(postbackRequest("/postback?order=1&token=s3cret-long-random", "application/json", body), withSecret)
		require.NoError(t, err)
		assert.Equal(t, "tx-1", p.ObjectID)
	})

	t.Run("checked before the body", func(t *testing.T) {
		_, err := bynet.ParsePostback(postbackRequest("/postback?token=guess", "text/plain", "not json"), withSecret)
		require.ErrorIs(t, err, bynet.ErrPostbackSecret)
	})
}

func TestPostbackOptionsRejectInvalidValues(t *testing.T) {
	options := map[string]bynet.PostbackOption{
		"zero max bytes":   bynet.WithPostbackMaxBytes(0),
		"negative max":     bynet.WithPostbackMaxBytes(-1),
		"empty secret":     bynet.WithPostbackSecret("token", ""),
		"empty param name": bynet.WithPostbackSecret(" ", "secret"),
		"nil verifier":     bynet.WithPostbackVerify(nil),
	}

	for name, opt := range options {
		t.Run(name, func(t *testing.T) {
			_, err := bynet.ParsePostback(postbackRequest("/postback", "application/json", `{"objectId":"tx-1"}`), opt)
			require.ErrorIs(t, err, bynet.ErrInvalidParams)

			_, err = bynet.NewPostbackHandler(func(context.Context, *bynet.Postback) error { return nil }, opt)
			require.ErrorIs(t, err, bynet.ErrInvalidParams)
		})
	}

	_, err := bynet.NewPostbackHandler(nil)
	require.ErrorIs(t, err, bynet.ErrInvalidParams)
}

func assertRejectStatus(t *testing.T, err error, status int) {
	t.Helper()
	var rejected *bynet.PostbackError
	require.ErrorAs(t, err, &rejected)
	assert.Equal(t, status, rejected.StatusCode)
}

func TestTransactionStatusHelpers(t *testing.T) {
	cases := []struct {
		status                  bynet.TransactionStatus
		paid, final, isReversed bool
	}{
		{bynet.StatusWaitingPayment, false, false, false},
		{bynet.StatusProcessing, false, false, false},
		{bynet.StatusAuthorized, true, true, false},
		{bynet.StatusPaid, true, true, false},
		{bynet.StatusRefunded, false, true, true},
		{bynet.StatusRefused, false, true, false},
		{bynet.StatusChargedback, false, true, true},
		{bynet.StatusCanceled, false, true, true},
		{bynet.StatusInProtest, false, false, false},
		{bynet.TransactionStatus("APPROVED"), false, false, false},
		{bynet.TransactionStatus(""), false, false, false},
	}

	for _, tc := range cases {
		t.Run(string(tc.status), func(t *testing.T) {
			assert.Equal(t, tc.paid, tc.status.IsPaid(), "IsPaid")
			assert.Equal(t, tc.final, tc.status.IsFinal(), "IsFinal")
			assert.Equal(t, tc.isReversed, tc.status.IsReversed(), "IsReversed")
		})
	}
}

func TestPostbackLogValueLeavesOutBody(t *testing.T) {
	p, err := bynet.ParsePostbackBytes([]byte(`{"id":"tx-1","status":"paid","amount":1000,"customer":{"name":"Maria Silva"}}`))
	require.NoError(t, err)

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("got", slog.Any("postback", p))

	assert.Contains(t, buf.String(), `"object_id":"tx-1"`)
	assert.Contains(t, buf.String(), `"status":"PAID"`)
	assert.NotContains(t, buf.String(), "Maria")
}

func TestPostbackErrorsUnwrap(t *testing.T) {
	_, err := bynet.ParsePostbackBytes([]byte(`{}`))

	var rejected *bynet.PostbackError
	require.ErrorAs(t, err, &rejected)
	assert.True(t, errors.Is(err, bynet.ErrPostbackMissingID))
	assert.False(t, errors.Is(err, bynet.ErrPostbackMalformed))
	assert.Contains(t, err.Error(), "objectId")
}

const paidTransaction = `{"id":"tx-1","status":"PAID","amount":1000,"refundedAmount":0,"paymentMethod":"PIX",
	"paidAt":"2025-01-01T12:00:00.000Z","endToEndId":"E123","customer":{"name":"Maria Silva"}}`

func TestVerifyPostbackConfirmsTransaction(t *testing.T) {
	client, mock := newMockClient(t)
	respondWith(mock, "/api/user/transactions/tx-1", http.StatusOK, paidTransaction)

	sent, err := bynet.ParsePostbackBytes([]byte(`{"id":"evt-9","objectId":"tx-1","data":{"status":"paid","amount":1000}}`))
	require.NoError(t, err)

	server, resp, err := client.Webhooks.VerifyPostback(context.Background(), sent)
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	assert.True(t, server.Verified)
	assert.Equal(t, "tx-1", server.ObjectID)
	assert.Equal(t, bynet.StatusPaid, server.Status)
	assert.Equal(t, int64(1000), server.Amount)
	assert.Equal(t, "E123", server.EndToEndID)
	assert.Equal(t, "evt-9", server.EventID)
	assert.Equal(t, sent.Raw, server.Raw)
	require.NotNil(t, server.Transaction)
	assert.Equal(t, "Maria Silva", server.Transaction.Customer.Name)
	assert.Contains(t, string(server.Object), "Maria Silva")
}

func TestVerifyPostbackFixtureWithoutAmount(t *testing.T) {
	client, mock := newMockClient(t)
	respondWith(mock, "/api/user/transactions/00000000-0000-0000-0000-000000000000", http.StatusOK,
		strings.Replace(paidTransaction, "tx-1", "00000000-0000-0000-0000-000000000000", 1))

	sent, err := bynet.ParsePostbackBytes(testdataFile(t, "postback-paid.json"))
	require.NoError(t, err)

	server, _, err := client.Webhooks.VerifyPostback(context.Background(), sent)
	require.NoError(t, err)
	assert.Equal(t, int64(1000), server.Amount)
}

func TestVerifyPostbackRejectsForgeries(t *testing.T) {
	cases := map[string]struct {
		body  string
		field string
	}{
		"unknown id":     {`{"objectId":"tx-forged","data":{"status":"paid","amount":1000}}`, "id"},
		"changed amount": {`{"objectId":"tx-1","data":{"status":"paid","amount":100000}}`, "amount"},
		"changed status": {`{"objectId":"tx-1","data":{"status":"refunded","amount":1000}}`, "status"},
		"flat forgery":   {`{"id":"tx-1","status":"PAID","amount":1}`, "amount"},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := newMockClient(t)
			respondWith(mock, "/api/user/transactions/tx-1", http.StatusOK, paidTransaction)
			respondWith(mock, "/api/user/transactions/tx-forged", http.StatusNotFound, "")

			sent, err := bynet.ParsePostbackBytes([]byte(tc.body))
			require.NoError(t, err)

			server, _, err := client.Webhooks.VerifyPostback(context.Background(), sent)
			require.ErrorIs(t, err, bynet.ErrPostbackMismatch)

			var mismatch *bynet.PostbackMismatchError
			require.ErrorAs(t, err, &mismatch)
			assert.Equal(t, tc.field, mismatch.Field)
			assert.Equal(t, sent.ObjectID, mismatch.ObjectID)

			if tc.field == "id" {
				assert.ErrorIs(t, err, bynet.ErrNotFound)
				assert.Nil(t, server)
			} else {
				require.NotNil(t, server)
				assert.Equal(t, bynet.StatusPaid, server.Status)
			}
		})
	}
}

func TestVerifyPostbackMismatchMessage(t *testing.T) {
	client, mock := newMockClient(t)
	respondWith(mock, "/api/user/transactions/tx-1", http.StatusOK, paidTransaction)

	sent, err := bynet.ParsePostbackBytes([]byte(`{"objectId":"tx-1","data":{"status":"paid","amount":5}}`))
	require.NoError(t, err)

	_, _, err = client.Webhooks.VerifyPostback(context.Background(), sent)
	assert.EqualError(t, err, `bynet: postback for transaction "tx-1" says amount 5, the API says 1000`)
}

func TestVerifyPostbackServerErrorIsNotMismatch(t *testing.T) {
	client, mock := newMockClient(t)
	mock.RegisterResponder(http.MethodGet, testBaseURL+"/api/user/transactions/tx-1",
		httpmock.NewStringResponder(http.StatusBadGateway, `<html>bad gateway</html>`))

	sent, err := bynet.ParsePostbackBytes([]byte(`{"objectId":"tx-1","data":{"status":"paid"}}`))
	require.NoError(t, err)

	_, _, err = client.Webhooks.VerifyPostback(context.Background(), sent)
	require.ErrorIs(t, err, bynet.ErrServer)
	assert.NotErrorIs(t, err, bynet.ErrPostbackMismatch)
	assert.Equal(t, 3, mock.GetTotalCallCount(), "a GET is retried")
}

func TestVerifyPostbackPayouts(t *testing.T) {
	cases := []struct {
		kind bynet.PostbackKind
		path string
	}{
		{bynet.PostbackTransfer, "/api/user/transfers/po-1"},
		{bynet.PostbackCashout, "/api/user/cashout/po-1"},
	}

	for _, tc := range cases {
		t.Run(string(tc.kind), func(t *testing.T) {
			client, mock := newMockClient(t)
			respondWith(mock, tc.path, http.StatusOK, `{"id":"po-1","amount":"500","status":"paid","type":"PIX","pixKey":"a@b.c"}`)

			sent, err := bynet.ParsePostbackBytes([]byte(fmt.Sprintf(`{"objectId":"po-1","data":{"type":%q,"status":"PAID","amount":500}}`, tc.kind)))
			require.NoError(t, err)

			server, _, err := client.Webhooks.VerifyPostback(context.Background(), sent)
			require.NoError(t, err)
			assert.Equal(t, tc.kind, server.Kind)
			assert.Equal(t, bynet.StatusPaid, server.Status)
			assert.Equal(t, int64(500), server.Amount)
			assert.Nil(t, server.Transaction)
			assert.Contains(t, string(server.Object), "pixKey")

			forged := *sent
			forged.Status = "FAILED"
			_, _, err = client.Webhooks.VerifyPostback(context.Background(), &forged)
			require.ErrorIs(t, err, bynet.ErrPostbackMismatch)

			respondWith(mock, strings.Replace(tc.path, "po-1", "po-404", 1), http.StatusNotFound, "")
			unknown := *sent
			unknown.ObjectID = "po-404"
			_, _, err = client.Webhooks.VerifyPostback(context.Background(), &unknown)
			require.ErrorIs(t, err, bynet.ErrPostbackMismatch)
			require.ErrorIs(t, err, bynet.ErrNotFound)
		})
	}
}

// failingReader fails every read, like a connection that dropped.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) {
	return 0, errors.New("connection reset by peer")
}

func TestParsePostbackUnreadableBody(t *testing.T) {
	r := postbackRequest("/postback", "application/json", "")
	r.Body = io.NopCloser(failingReader{})
	r.ContentLength = -1

	_, err := bynet.ParsePostback(r)
	require.ErrorIs(t, err, bynet.ErrPostbackMalformed)
	assertRejectStatus(t, err, http.StatusBadRequest)
	assert.ErrorContains(t, err, "connection reset by peer")
}

func TestVerifyPostbackRefunds(t *testing.T) {
	refunded := `{"id":"tx-1","status":"REFUNDED","amount":1000,"refundedAmount":400,
		"refunds":[{"id":"rf-1","amount":400,"status":"done"}]}`

	cases := map[string]struct {
		body    string
		wantErr bool
	}{
		"refund by its id":            {`{"objectId":"rf-1","data":{"type":"refund","transactionId":"tx-1","status":"done","amount":400}}`, false},
		"refund with wrong amount":    {`{"objectId":"rf-1","data":{"type":"refund","transactionId":"tx-1","status":"done","amount":900}}`, true},
		"unknown refund id":           {`{"objectId":"rf-9","data":{"type":"refund","transactionId":"tx-1","status":"done"}}`, true},
		"refund on the charge":        {`{"objectId":"tx-1","data":{"type":"refund","status":"refunded","amount":400}}`, false},
		"refund with charge amount":   {`{"objectId":"tx-1","data":{"type":"refund","status":"refunded","amount":1000}}`, false},
		"refund with charge status":   {`{"objectId":"tx-1","data":{"type":"refund","status":"paid"}}`, true},
		"refund with unrelated money": {`{"objectId":"tx-1","data":{"type":"refund","status":"refunded","amount":7}}`, true},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := newMockClient(t)
			respondWith(mock, "/api/user/transactions/tx-1", http.StatusOK, refunded)

			sent, err := bynet.ParsePostbackBytes([]byte(tc.body))
			require.NoError(t, err)
			require.Equal(t, bynet.PostbackRefund, sent.Kind)

			server, _, err := client.Webhooks.VerifyPostback(context.Background(), sent)
			if tc.wantErr {
				require.ErrorIs(t, err, bynet.ErrPostbackMismatch)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "tx-1", server.TransactionID)
			assert.Equal(t, sent.ObjectID, server.ObjectID)
			require.NotNil(t, server.Transaction)
			assert.Equal(t, bynet.StatusRefunded, server.Transaction.Status)
		})
	}
}

func TestVerifyPostbackRejectsUnverifiable(t *testing.T) {
	client, mock := newMockClient(t)

	unknownKind, err := bynet.ParsePostbackBytes([]byte(`{"objectId":"ck-1","data":{"type":"checkout","status":"paid"}}`))
	require.NoError(t, err)
	badID, err := bynet.ParsePostbackBytes([]byte(`{"objectId":"../sellers","data":{"status":"paid"}}`))
	require.NoError(t, err)
	reservedID, err := bynet.ParsePostbackBytes([]byte(`{"objectId":"summary","data":{"type":"transfer","status":"paid"}}`))
	require.NoError(t, err)

	for name, p := range map[string]*bynet.Postback{"nil": nil, "unknown kind": unknownKind,
		"path-breaking id": badID, "reserved transfer path": reservedID} {
		t.Run(name, func(t *testing.T) {
			_, _, err := client.Webhooks.VerifyPostback(context.Background(), p)
			require.ErrorIs(t, err, bynet.ErrInvalidParams)
		})
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing is sent for an unverifiable postback")
}

func TestParsePostbackWithVerify(t *testing.T) {
	client, mock := newMockClient(t)
	respondWith(mock, "/api/user/transactions/tx-1", http.StatusOK, paidTransaction)

	r := postbackRequest("/postback", "application/json", `{"objectId":"tx-1","data":{"status":"paid"}}`)
	p, err := bynet.ParsePostback(r, bynet.WithPostbackVerify(client))
	require.NoError(t, err)
	assert.True(t, p.Verified)
	assert.Equal(t, int64(1000), p.Amount)
}
