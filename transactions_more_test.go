package bynet

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const deliveryBody = `{"status":200,"message":"Status de entrega atualizado","data":{"id":"tx-1","amount":1000,"status":"PAID",
	"delivery":{"status":"in_transit","trackingCode":"BR123456789"}},"error":null}`

func TestTransactionsUpdateDeliveryStatus(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPut, "/api/user/transactions/tx-1/delivery", 200, deliveryBody)

	tx, resp, err := api.client.Transactions.UpdateDeliveryStatus(context.Background(), "tx-1",
		&UpdateDeliveryParams{Status: "in_transit", TrackingCode: "BR123456789"})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodPut, "/api/user/transactions/tx-1/delivery", nil,
		`{"status":"in_transit","trackingCode":"BR123456789"}`)
	assert.Equal(t, "Status de entrega atualizado", resp.Message)
	require.NotNil(t, tx.Delivery)
	assert.Equal(t, "BR123456789", tx.Delivery.TrackingCode)
	assert.Equal(t, StatusPaid, tx.Status)
}

func TestTransactionsUpdateDeliveryStatusExtra(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPut, "/api/user/transactions/tx-1/delivery", 200, deliveryBody)

	_, _, err := api.client.Transactions.UpdateDeliveryStatus(context.Background(), "tx-1",
		&UpdateDeliveryParams{Extra: map[string]any{"status": "DELIVERED", "carrier": "Correios"}})
	require.NoError(t, err)

	assert.JSONEq(t, `{"status":"DELIVERED","carrier":"Correios"}`, string(rec.only(t).Body))
}

func TestTransactionsUpdateDeliveryStatusUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPut, "/api/user/transactions/tx-1/delivery", 200, injectUnknowns(t, deliveryBody, "status"))

	tx, _, err := api.client.Transactions.UpdateDeliveryStatus(context.Background(), "tx-1", &UpdateDeliveryParams{Status: "delivered"})
	require.NoError(t, err)
	assert.Equal(t, TransactionStatus("BRAND_NEW_VALUE"), tx.Status)
	assert.Contains(t, string(tx.Raw), "fieldFromTheFuture")
}

func TestTransactionsUpdateDeliveryStatusNullData(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPut, "/api/user/transactions/tx-1/delivery", 200, `{"status":200,"message":"Atualizado","data":null,"error":null}`)

	tx, resp, err := api.client.Transactions.UpdateDeliveryStatus(context.Background(), "tx-1", &UpdateDeliveryParams{Status: "delivered"})
	require.NoError(t, err)

	assert.Empty(t, tx.ID)
	assert.Equal(t, "Atualizado", resp.Message)
}

func TestTransactionsUpdateDeliveryStatusInvalid(t *testing.T) {
	cases := idCases(func(ctx context.Context, c *Client, id string) error {
		_, _, err := c.Transactions.UpdateDeliveryStatus(ctx, id, &UpdateDeliveryParams{Status: "delivered"})
		return err
	})
	cases = append(cases,
		invalidCase{"reserved id", "id", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transactions.UpdateDeliveryStatus(ctx, "export", &UpdateDeliveryParams{Status: "delivered"})
			return err
		}},
		invalidCase{"nil params", "params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transactions.UpdateDeliveryStatus(ctx, "tx-1", nil)
			return err
		}},
		invalidCase{"no status", "status", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transactions.UpdateDeliveryStatus(ctx, "tx-1", &UpdateDeliveryParams{TrackingCode: "BR1"})
			return err
		}},
	)
	checkInvalid(t, cases)
}

func TestTransactionsSummaryAll(t *testing.T) {
	api := newMockAPI(t)
	body := `{"status":200,"message":"Resumo","data":{"totalAmount":150000,"count":{"PAID":12,"REFUSED":3}},"error":null}`
	rec := api.on(http.MethodGet, "/api/user/transactions/summary", 200, body)

	summary, _, err := api.client.Transactions.SummaryAll(context.Background(), &TransactionSummaryParams{
		PaymentMethods: []PaymentMethod{PaymentMethodPix},
		Status:         []TransactionStatus{StatusPaid, StatusRefused},
		Extra:          map[string]any{"startDate": "2025-01-01", "endDate": "2025-01-31"},
	})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/transactions/summary", url.Values{
		"paymentMethods": {"PIX"}, "status": {"PAID,REFUSED"}, "startDate": {"2025-01-01"}, "endDate": {"2025-01-31"},
	}, "")
	assert.JSONEq(t, `{"totalAmount":150000,"count":{"PAID":12,"REFUSED":3}}`, string(summary.Raw))
}

func TestTransactionsSummaryAllUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/transactions/summary", 200,
		injectUnknowns(t, `{"status":200,"data":{"status":"PAID","total":1}}`, "status"))

	summary, _, err := api.client.Transactions.SummaryAll(context.Background(), nil)
	require.NoError(t, err)
	assert.Contains(t, string(summary.Raw), "fieldFromTheFuture")
}

const feeBody = `{"status":200,"message":"Taxa calculada","data":{"fixedAmount":100,"spreadPercentage":4.99,"estimatedFee":150,"netAmount":850},"error":null}`

func TestTransactionsFee(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPost, "/api/user/transactions/fee", 200, feeBody)
	installments := 3

	fee, _, err := api.client.Transactions.Fee(context.Background(),
		&FeeParams{Amount: 1000, PaymentMethod: "credit_card", Installments: &installments})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodPost, "/api/user/transactions/fee", nil,
		`{"amount":1000,"paymentMethod":"CREDIT_CARD","installments":3}`)
	assert.Equal(t, int64(100), fee.FixedAmount)
	assert.Equal(t, 4.99, fee.SpreadPercentage)
	assert.Equal(t, int64(150), fee.EstimatedFee)
	assert.Equal(t, int64(850), fee.NetAmount)
}

func TestTransactionsFeeRetried(t *testing.T) {
	api := newMockAPI(t, WithRetry(2, time.Millisecond, 5*time.Millisecond))
	attempts := 0
	rec := api.onFunc(http.MethodPost, "/api/user/transactions/fee", func(*http.Request) (int, string) {
		attempts++
		if attempts == 1 {
			return 502, `<html>bad gateway</html>`
		}
		return 200, feeBody
	})

	_, resp, err := api.client.Transactions.Fee(context.Background(), &FeeParams{Amount: 1000})
	require.NoError(t, err, "a read-like POST is retried after a 502")

	assert.Len(t, rec.requests(), 2)
	assert.Equal(t, 2, resp.Attempts)
}

func TestTransactionsFeeUnknowns(t *testing.T) {
	api := newMockAPI(t)
	body := injectUnknowns(t, `{"status":200,"data":{"fixedAmount":"100","netAmount":850,"feeType":"PIX"}}`, "feeType")
	api.on(http.MethodPost, "/api/user/transactions/fee", 200, body)

	fee, _, err := api.client.Transactions.Fee(context.Background(), &FeeParams{Amount: 1000})
	require.NoError(t, err)
	assert.Equal(t, int64(100), fee.FixedAmount)
	assert.Contains(t, string(fee.Raw), `"feeType":"brand_new_value"`)
}

func TestTransactionsFeeInvalid(t *testing.T) {
	fee := func(p *FeeParams) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error {
			_, _, err := c.Transactions.Fee(ctx, p)
			return err
		}
	}
	zero := 0
	checkInvalid(t, []invalidCase{
		{"nil params", "params", fee(nil)},
		{"zero amount", "amount", fee(&FeeParams{})},
		{"negative amount", "amount", fee(&FeeParams{Amount: -1})},
		{"zero installments", "installments", fee(&FeeParams{Amount: 1000, Installments: &zero})},
	})
}

// xlsxResponder responds with a small fake workbook.
func xlsxResponder(rec *requestLog, content string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		rec.add(req)
		resp := httpmock.NewStringResponse(200, content)
		resp.Header.Set("Content-Type", xlsxType)
		return resp, nil
	}
}

func TestTransactionsExportExcel(t *testing.T) {
	api := newMockAPI(t)
	rec := &requestLog{}
	api.mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions/export", xlsxResponder(rec, "PK\x03\x04fake-xlsx"))
	traceable := false

	body, resp, err := api.client.Transactions.ExportExcel(context.Background(), &ExportTransactionsParams{
		Status:    []TransactionStatus{StatusPaid},
		Traceable: &traceable,
		Extra:     map[string]any{"startDate": "2025-01-01"},
	})
	require.NoError(t, err)
	defer body.Close()

	content, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, "PK\x03\x04fake-xlsx", string(content))
	assert.Equal(t, 200, resp.StatusCode)

	seen := rec.only(t)
	assertRequest(t, seen, http.MethodPost, "/api/user/transactions/export", nil,
		`{"status":["PAID"],"traceable":false,"startDate":"2025-01-01"}`)
	assert.Contains(t, seen.Header.Get("Accept"), xlsxType)
}

func TestTransactionsExportExcelNilParams(t *testing.T) {
	api := newMockAPI(t)
	rec := &requestLog{}
	api.mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions/export", xlsxResponder(rec, "x"))

	body, _, err := api.client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)
	require.NoError(t, body.Close())

	assert.JSONEq(t, `{}`, string(rec.only(t).Body))
}

func TestTransactionsExportExcelErrors(t *testing.T) {
	cases := map[string]struct {
		status int
		body   string
		want   error
	}{
		"400":           {400, `{"status":400,"message":"Filtro inválido","data":null,"error":"bad"}`, ErrBadRequest},
		"401":           {401, `{"status":401,"message":"Não autorizado"}`, ErrUnauthorized},
		"envelope fail": {200, `{"status":422,"message":"Período muito longo","data":null,"error":true}`, ErrBadRequest},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			api := newMockAPI(t)
			api.on(http.MethodPost, "/api/user/transactions/export", tc.status, tc.body)

			body, _, err := api.client.Transactions.ExportExcel(context.Background(), nil)

			assert.Nil(t, body)
			require.ErrorIs(t, err, tc.want)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.NotEmpty(t, apiErr.Message)
		})
	}
}

func TestTransactionsExportExcelRetried(t *testing.T) {
	api := newMockAPI(t, WithRetry(2, time.Millisecond, 5*time.Millisecond))
	attempts := 0
	api.mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions/export", func(req *http.Request) (*http.Response, error) {
		attempts++
		if attempts == 1 {
			return httpmock.NewStringResponse(503, `{"message":"ocupado"}`), nil
		}
		return xlsxResponder(&requestLog{}, "sheet")(req)
	})

	body, resp, err := api.client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)
	defer body.Close()

	assert.Equal(t, 2, attempts)
	assert.Equal(t, 2, resp.Attempts)
}

func TestTransactionsExportExcelBase64(t *testing.T) {
	encoded := base64.StdEncoding.EncodeToString([]byte("PK\x03\x04sheet"))
	bodies := map[string]string{
		"string":   `{"status":200,"data":"` + encoded + `"}`,
		"data url": `{"status":200,"data":"data:` + xlsxType + `;base64,` + encoded + `"}`,
		"object":   `{"status":200,"data":{"file":"` + encoded + `","fileName":"transacoes.xlsx"}}`,
	}
	for name, answer := range bodies {
		t.Run(name, func(t *testing.T) {
			api := newMockAPI(t)
			api.on(http.MethodPost, "/api/user/transactions/export", 200, answer)

			body, _, err := api.client.Transactions.ExportExcel(context.Background(), nil)
			require.NoError(t, err)
			defer body.Close()

			content, err := io.ReadAll(body)
			require.NoError(t, err)
			assert.Equal(t, "PK\x03\x04sheet", string(content))
		})
	}
}

func TestTransactionsExportExcelJSONWithoutType(t *testing.T) {
	api := newMockAPI(t)
	encoded := base64.StdEncoding.EncodeToString([]byte("PK\x03\x04sheet"))
	api.mock.RegisterResponder(http.MethodPost, mockBase+"/api/user/transactions/export", func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, `{"status":200,"data":{"base64":"`+encoded+`"}}`)
		resp.Header.Set("Content-Type", "text/html")
		return resp, nil
	})

	body, _, err := api.client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)
	defer body.Close()

	content, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, "PK\x03\x04sheet", string(content))
}

func TestTransactionsExportExcelLink(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPost, "/api/user/transactions/export", 200,
		`{"status":200,"message":"Exportação gerada","data":{"url":"https://files.example.test/exports/t.xlsx"}}`)
	rec := &requestLog{}
	api.mock.RegisterResponder(http.MethodGet, "https://files.example.test/exports/t.xlsx", xlsxResponder(rec, "PK-linked"))

	body, resp, err := api.client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)
	defer body.Close()

	content, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, "PK-linked", string(content))
	assert.Equal(t, "Exportação gerada", resp.Message)
	assert.Empty(t, rec.only(t).Header.Get("x-api-key"), "the API key never goes to the file host")
}

func TestTransactionsExportExcelLinkRedirect(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPost, "/api/user/transactions/export", 200,
		`{"status":200,"data":{"downloadUrl":"https://files.example.test/exports/t.xlsx"}}`)
	api.mock.RegisterResponder(http.MethodGet, "https://files.example.test/exports/t.xlsx", func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(http.StatusFound, "")
		resp.Header.Set("Location", "https://cdn.example.test/signed/t.xlsx")
		return resp, nil
	})
	rec := &requestLog{}
	api.mock.RegisterResponder(http.MethodGet, "https://cdn.example.test/signed/t.xlsx", xlsxResponder(rec, "PK-cdn"))

	body, _, err := api.client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)
	defer body.Close()

	content, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, "PK-cdn", string(content))
	assert.Empty(t, rec.only(t).Header.Get("x-api-key"))
}

func TestTransactionsExportExcelBadAnswer(t *testing.T) {
	bodies := map[string]string{
		"no file":       `{"status":200,"data":{"rows":3}}`,
		"not base64":    `{"status":200,"data":"***"}`,
		"http link":     `{"status":200,"data":{"url":"http://files.example.test/t.xlsx"}}`,
		"not json data": `{"status":200,"data":12}`,
	}
	for name, answer := range bodies {
		t.Run(name, func(t *testing.T) {
			api := newMockAPI(t)
			api.on(http.MethodPost, "/api/user/transactions/export", 200, answer)

			body, _, err := api.client.Transactions.ExportExcel(context.Background(), nil)

			assert.Nil(t, body)
			assert.Error(t, err)
		})
	}
}

// bigSheet is the size of the generated export in the streaming test.
const bigSheet = 50 << 20

func TestTransactionsExportExcelStreams(t *testing.T) {
	chunk := make([]byte, 64<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", xlsxType)
		w.Header().Set("Content-Length", fmt.Sprint(bigSheet))
		for sent := 0; sent < bigSheet; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()

	client, err := NewClient("sk_test_fake", WithBaseURL(srv.URL), WithMaxResponseBytes(1<<20))
	require.NoError(t, err)

	body, _, err := client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)
	defer body.Close()

	meter := &heapMeter{}
	meter.start()
	n, err := io.Copy(meter, body)
	require.NoError(t, err)

	assert.Equal(t, int64(bigSheet), n, "bytes read, past the 1 MiB JSON body cap")
	growth := meter.peak - meter.base
	t.Logf("heap growth while streaming %d MiB: %.1f MiB", bigSheet>>20, float64(growth)/(1<<20))
	assert.Greater(t, meter.samples, 10, "heap samples taken")
	assert.Less(t, growth, uint64(bigSheet/4), "the body is streamed, not buffered")
}

// heapMeter is an io.Writer that discards what it gets and samples the
// live heap every 4 MiB.
type heapMeter struct {
	base, peak uint64
	written    int64
	samples    int
}

func (m *heapMeter) start() {
	runtime.GC()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	m.base, m.peak = stats.HeapAlloc, stats.HeapAlloc
}

func (m *heapMeter) Write(p []byte) (int, error) {
	before := m.written
	m.written += int64(len(p))
	if before>>22 != m.written>>22 {
		var stats runtime.MemStats
		runtime.ReadMemStats(&stats)
		m.peak = max(m.peak, stats.HeapAlloc)
		m.samples++
	}
	return len(p), nil
}

func TestTransactionsExportExcelSlowDownload(t *testing.T) {
	const chunks = 8
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", xlsxType)
		w.WriteHeader(200)
		for i := 0; i < chunks; i++ {
			fmt.Fprintf(w, "chunk-%d;", i)
			w.(http.Flusher).Flush()
			select {
			case <-time.After(100 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	}))
	defer srv.Close()

	client, err := NewClient("sk_test_fake", WithBaseURL(srv.URL), WithTimeout(300*time.Millisecond))
	require.NoError(t, err)

	body, _, err := client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)
	defer body.Close()

	content, err := io.ReadAll(body)
	require.NoError(t, err, "a download longer than WithTimeout is not cut while data flows")
	assert.Equal(t, "chunk-0;chunk-1;chunk-2;chunk-3;chunk-4;chunk-5;chunk-6;chunk-7;", string(content))
}

func TestTransactionsExportExcelHeaderTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()

	client, err := NewClient("sk_test_fake", WithBaseURL(srv.URL), WithTimeout(100*time.Millisecond),
		WithRetry(1, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)

	started := time.Now()
	body, resp, err := client.Transactions.ExportExcel(context.Background(), nil)

	assert.Nil(t, body)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no response headers within 100ms")
	assert.Less(t, time.Since(started), 4*time.Second, "the header wait is bounded")
	assert.Nil(t, resp)
}

func TestTransactionsExportExcelCloseReleases(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", xlsxType)
		w.WriteHeader(200)
		w.(http.Flusher).Flush()
		_, _ = io.Copy(io.Discard, r.Body)
		<-r.Context().Done()
	}))
	defer srv.Close()

	client, err := NewClient("sk_test_fake", WithBaseURL(srv.URL))
	require.NoError(t, err)

	body, _, err := client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err)

	require.NoError(t, body.Close())
	_, err = body.Read(make([]byte, 1))
	assert.Error(t, err, "a closed export body cannot be read")
}

func TestTransactionsExportExcelContextBoundsDownload(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", xlsxType)
		w.WriteHeader(200)
		for {
			fmt.Fprint(w, "row;")
			w.(http.Flusher).Flush()
			select {
			case <-time.After(20 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	}))
	defer srv.Close()

	client, err := NewClient("sk_test_fake", WithBaseURL(srv.URL))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())

	body, _, err := client.Transactions.ExportExcel(ctx, nil)
	require.NoError(t, err)
	defer body.Close()

	_, err = body.Read(make([]byte, 4))
	require.NoError(t, err)
	cancel()

	_, err = io.ReadAll(body)
	assert.ErrorIs(t, err, context.Canceled, "cancelling the call's context stops the download")
}

func TestTransactionsExportExcelRetriesSlowHeaders(t *testing.T) {
	var attempts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if attempts.Add(1) == 1 {
			<-r.Context().Done()
			return
		}
		w.Header().Set("Content-Type", xlsxType)
		fmt.Fprint(w, "PK-second")
	}))
	defer srv.Close()

	client, err := NewClient("sk_test_fake", WithBaseURL(srv.URL), WithTimeout(300*time.Millisecond),
		WithRetry(1, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)

	body, resp, err := client.Transactions.ExportExcel(context.Background(), nil)
	require.NoError(t, err, "an attempt whose headers are late is retried")
	defer body.Close()

	content, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, "PK-second", string(content))
	assert.Equal(t, 2, resp.Attempts)
}
