package bynettest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

func TestProductLifecycle(t *testing.T) {
	srv, client := newSandbox(t)

	created := sendMultipart(t, srv, http.MethodPost, "/api/user/products", map[string]string{
		"title": "Curso de Go", "unitPrice": "19900", "shippingType": "DIGITAL", "maxInstallments": "3",
		"paymentMethod": `{"PIX":true,"BOLETO":false,"CREDIT_CARD":true}`,
	}, map[string]string{"images": "capa.png"})
	id := created["id"].(string)
	assert.Equal(t, "ACTIVE", created["status"])
	assert.Equal(t, float64(19900), created["unitPrice"])
	assert.NotEmpty(t, created["uniqueProductLinkId"])
	assert.Equal(t, map[string]any{"PIX": true, "BOLETO": false, "CREDIT_CARD": true}, created["paymentMethod"])
	require.Len(t, created["images"], 1)

	updated := sendMultipart(t, srv, http.MethodPut, "/api/user/products/"+id, map[string]string{"title": "Curso de Go avançado"}, nil)
	assert.Equal(t, "Curso de Go avançado", updated["title"])
	assert.Equal(t, float64(19900), updated["unitPrice"], "fields left out are kept")

	status := do(t, client, http.MethodPut, "/api/user/products/"+id+"/status", object{"status": "INACTIVE"})
	assert.Equal(t, "INACTIVE", status["status"])
	assert.Equal(t, http.StatusBadRequest, doErr(t, client, http.MethodPut, "/api/user/products/"+id+"/status", object{"status": "PAUSED"}).StatusCode)

	active := do(t, client, http.MethodGet, "/api/user/products?status=ACTIVE", nil)
	assert.Equal(t, float64(0), active["total"])

	do(t, client, http.MethodDelete, "/api/user/products/"+id, nil)
	apiErr := doErr(t, client, http.MethodGet, "/api/user/products/"+id, nil)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Equal(t, "Produto não encontrado.", apiErr.Message)
}

func TestProductCreateAcceptsJSON(t *testing.T) {
	_, client := newSandbox(t)

	p := do(t, client, http.MethodPost, "/api/user/products", object{"title": "Ebook", "unitPrice": 2990})

	assert.Equal(t, float64(2990), p["unitPrice"])
	apiErr := doErr(t, client, http.MethodPost, "/api/user/products", object{"unitPrice": 100})
	assert.Contains(t, apiErr.RefusedReason.Errors, "title")
}

func TestCheckoutOrderIsPaid(t *testing.T) {
	srv, client := newSandbox(t)
	product := do(t, client, http.MethodPost, "/api/user/products", object{"title": "Ebook", "unitPrice": 2990,
		"paymentMethod": `{"PIX":true,"BOLETO":false,"CREDIT_CARD":false}`})
	link := product["uniqueProductLinkId"].(string)

	info := do(t, client, http.MethodGet, "/api/public/checkout/info/"+link, nil)
	assert.Equal(t, link, info["id"])
	assert.NotNil(t, info["layout"])

	resp := send(t, srv, http.MethodPost, "/api/public/checkout/create-order/"+link, "", nil)
	require.Equal(t, http.StatusCreated, resp.status, string(resp.body))
	var env struct{ Data object }
	require.NoError(t, json.Unmarshal(resp.body, &env))
	orderID := env.Data["id"].(string)
	assert.Equal(t, "OPEN", env.Data["status"])

	methods := do(t, client, http.MethodGet, "/api/public/checkout/payment-methods/"+orderID, nil)
	assert.Equal(t, map[string]any{"PIX": true, "BOLETO": false, "CREDIT_CARD": false}, methods["paymentMethod"])

	buyer := object{"fullName": "Ana Souza", "document": validCPF, "email": "ana@example.com", "phone": "11987654321",
		"zipCode": "01310100", "street": "Av. Paulista", "streetNumber": "1000", "neighborhood": "Bela Vista",
		"city": "São Paulo", "state": "SP", "country": "BR", "paymentMethod": "pix", "installments": 1}
	boleto := object{"fullName": "Ana Souza", "document": validCPF, "paymentMethod": "boleto"}
	assert.Equal(t, http.StatusBadRequest, doErr(t, client, http.MethodPost, "/api/public/checkout/payment/"+orderID, boleto).StatusCode)

	payment := do(t, client, http.MethodPost, "/api/public/checkout/payment/"+orderID, buyer)
	order := payment["order"].(map[string]any)
	pay := order["payment"].(map[string]any)
	assert.Equal(t, "WAITING_PAYMENT", pay["status"])
	assert.Equal(t, pay["qrCode"], pay["pix"].(map[string]any)["qrcode"])
	assert.Equal(t, http.StatusBadRequest, doErr(t, client, http.MethodPost, "/api/public/checkout/payment/"+orderID, buyer).StatusCode,
		"an order with a pending payment cannot be paid again")

	require.NoError(t, srv.Pay(payment["id"].(string)))
	got := do(t, client, http.MethodGet, "/api/public/checkout/order/"+orderID, nil)
	assert.Equal(t, "PAID", got["status"])

	tx, _, err := client.Transactions.FindByID(context.Background(), payment["id"].(string))
	require.NoError(t, err)
	assert.Equal(t, int64(2990), tx.Amount)
	assert.Equal(t, "Ebook", tx.Items[0].Title)
}

func TestPublicCheckoutNeedsNoKey(t *testing.T) {
	srv, client := newSandbox(t)
	product := do(t, client, http.MethodPost, "/api/user/products", object{"title": "Ebook", "unitPrice": 2990})

	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.URL+"/api/public/checkout/info/"+product["uniqueProductLinkId"].(string), nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()

	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestLayouts(t *testing.T) {
	srv, client := newSandbox(t)

	created := sendMultipart(t, srv, http.MethodPost, "/api/user/checkout/create-layout",
		map[string]string{"primaryColor": "#1a2b3c", "typography": "montserrat"}, map[string]string{"logo": "logo.png"})
	id := created["id"].(string)
	assert.Equal(t, "#1A2B3C", created["primaryColor"])
	assert.Equal(t, "CUSTOM", created["type"])
	assert.NotNil(t, created["logo"])

	found := do(t, client, http.MethodGet, "/api/user/checkout/layout?value=%231A2B3C", nil)
	assert.Equal(t, float64(1), found["total"])
	all := do(t, client, http.MethodGet, "/api/user/checkout/layout", nil)
	assert.Equal(t, float64(2), all["total"], "the default layout and the new one")

	settings := do(t, client, http.MethodPut, "/api/user/checkout/layout/settings?id="+id, object{"typography": "INTER"})
	assert.Equal(t, "INTER", settings["typography"])
	status := do(t, client, http.MethodPut, "/api/user/checkout/layout/status?id="+id, object{"status": "INACTIVE"})
	assert.Equal(t, "INACTIVE", status["status"])

	byID := do(t, client, http.MethodGet, "/api/user/checkout/layout/get-by-id?id="+id, nil)
	assert.Equal(t, "INACTIVE", byID["status"])
	assert.Equal(t, http.StatusNotFound, doErr(t, client, http.MethodGet, "/api/user/checkout/layout/get-by-id?id=nope", nil).StatusCode)
	assert.Equal(t, http.StatusBadRequest, doErr(t, client, http.MethodGet, "/api/user/checkout/layout/get-by-id", nil).StatusCode)
}

func TestCompanyRecord(t *testing.T) {
	srv, client := newSandbox(t)

	company := do(t, client, http.MethodGet, "/api/user/sellers", nil)
	id := company["id"].(string)
	updated := do(t, client, http.MethodPut, "/api/user/sellers/"+id, object{"phone": "11999990000", "site": "https://loja.example"})
	assert.Equal(t, "11999990000", updated["phone"])
	assert.Equal(t, "https://loja.example", updated["site"])
	assert.Equal(t, company["name"], updated["name"])

	other := do(t, client, http.MethodPut, "/api/user/sellers/"+id+"/other-info", object{"monthlyRevenue": 500000})
	assert.Equal(t, map[string]any{"monthlyRevenue": float64(500000)}, other["otherInfo"])

	docs := sendMultipart(t, srv, http.MethodPut, "/api/user/sellers/"+id+"/documents", nil, map[string]string{"contractSocial": "contrato.pdf"})
	require.Len(t, docs["documents"], 1)

	assert.Equal(t, http.StatusNotFound, doErr(t, client, http.MethodGet, "/api/user/sellers/unknown", nil).StatusCode)
}

func TestWebhookCRUD(t *testing.T) {
	_, client := newSandbox(t)

	created := do(t, client, http.MethodPost, "/api/user/webhook", object{"url": "https://shop.example.com/hook"})
	id := created["id"].(string)
	assert.Equal(t, "TRANSACTION", created["type"])

	updated := do(t, client, http.MethodPut, "/api/user/webhook/"+id, object{"url": "https://shop.example.com/v2"})
	assert.Equal(t, "https://shop.example.com/v2", updated["url"])
	assert.Equal(t, "TRANSACTION", updated["type"])

	list := do(t, client, http.MethodGet, "/api/user/webhook", nil)
	assert.Equal(t, float64(1), list["total"])

	do(t, client, http.MethodDelete, "/api/user/webhook/"+id, nil)
	assert.ErrorIs(t, client.Do(context.Background(), http.MethodGet, "/api/user/webhook/"+id, nil, nil), bynet.ErrNotFound)
	assert.Equal(t, http.StatusBadRequest, doErr(t, client, http.MethodPost, "/api/user/webhook", object{"url": "ftp://x"}).StatusCode)
}

func TestTransactionReports(t *testing.T) {
	srv, client := newSandbox(t)
	tx := paidCharge(t, srv, client, 10000)
	_, _, err := client.Transactions.Create(context.Background(), pixCharge(500))
	require.NoError(t, err)

	summary := do(t, client, http.MethodGet, "/api/user/transactions/summary", nil)
	assert.Equal(t, float64(2), summary["count"])
	assert.Equal(t, float64(10500), summary["amount"])
	assert.Equal(t, float64(199), summary["fee"])

	fee := do(t, client, http.MethodPost, "/api/user/transactions/fee", object{"amount": 10000, "paymentMethod": "pix"})
	assert.Equal(t, float64(9801), fee["netAmount"])

	delivery := do(t, client, http.MethodPut, "/api/user/transactions/"+tx.ID+"/delivery", object{"status": "IN_TRANSIT", "trackingCode": "BR123"})
	assert.Equal(t, map[string]any{"status": "IN_TRANSIT", "trackingCode": "BR123"}, delivery["delivery"])

	brief := do(t, client, http.MethodGet, "/api/user/transactions/"+tx.ID+"/summary", nil)
	assert.Equal(t, "PAID", brief["status"])
}
