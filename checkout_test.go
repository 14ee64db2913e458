package bynet

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const layoutID = "e653ca6c-479c-4aab-8935-6f542e97ead0"

func checkExampleLayout(t *testing.T, result any) {
	layout := result.(*Layout)
	assert.Equal(t, "0", layout.ID)
	assert.Equal(t, "#009FE3", layout.PrimaryColor)
	assert.Equal(t, TypographyInter, layout.Typography)
	assert.Nil(t, layout.Logo)
	assert.Equal(t, LayoutCustom, layout.Type)
	assert.Equal(t, LayoutActive, layout.Status)
	assert.Equal(t, 2025, layout.CreatedAt.Year())
	assert.True(t, layout.DeletedAt.IsZero())
	assert.Contains(t, string(layout.Raw), `"sellerId": "0"`)
}

func TestCheckoutCreateLayout(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodPost,
		path:    "/api/user/checkout/create-layout",
		fixture: "layout-find-by-id.json",
		form: []formPart{
			{name: "primaryColor", content: "#009FE3"},
			{name: "status", content: "ACTIVE"},
			{name: "typography", content: "INTER"},
			{name: "logo", fileName: "logo.png", content: "\x89PNG logo"},
		},
		call: func(ctx context.Context, c *Client) (any, error) {
			layout, _, err := c.Checkout.CreateLayout(ctx, &CreateLayoutParams{
				PrimaryColor: "#009FE3", Typography: TypographyInter,
				Logo:  &File{Name: "logo.png", Reader: strings.NewReader("\x89PNG logo")},
				Extra: map[string]string{"status": "ACTIVE"},
			})
			return layout, err
		},
		check: checkExampleLayout,
	})
}

func TestCheckoutCreateLayoutValidation(t *testing.T) {
	cases := map[string]struct {
		field  string
		params *CreateLayoutParams
	}{
		"nil params":        {"params", nil},
		"colour name":       {"primaryColor", &CreateLayoutParams{PrimaryColor: "blue"}},
		"colour without #":  {"primaryColor", &CreateLayoutParams{PrimaryColor: "009FE3"}},
		"logo without data": {"logo.reader", &CreateLayoutParams{Logo: &File{Name: "logo.png"}}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assertRejected(t, tc.field, func(ctx context.Context, c *Client) error {
				_, _, err := c.Checkout.CreateLayout(ctx, tc.params)
				return err
			})
		})
	}
}

func TestCheckoutFindLayouts(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/checkout/layout",
		query:   url.Values{"limit": {"10"}, "page": {"1"}, "value": {"#000000"}, "orderDirection": {"desc"}, "orderBy": {"id"}, "status": {"ACTIVE"}},
		fixture: "layouts-find.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			page, _, err := c.Checkout.FindLayouts(ctx, &LayoutListParams{
				ListOptions: ListOptions{Limit: 10, Page: 1, OrderDirection: "desc", OrderBy: "id"},
				Value:       "#000000", Status: LayoutActive,
			})
			return page, err
		},
		check: func(t *testing.T, result any) {
			page := result.(*Page[Layout])
			require.Len(t, page.Data, 3)
			assert.Equal(t, 3, page.Total)
			assert.Equal(t, Typography("MONTESERRAT"), page.Data[2].Typography)
			assert.Equal(t, LayoutDefault, page.Data[2].Type)
			assert.Equal(t, &Image{ID: "0", Key: "0.png", URL: "X"}, page.Data[2].Logo)
		},
	})
}

func TestCheckoutFindLayoutsIter(t *testing.T) {
	params := &LayoutListParams{ListOptions: ListOptions{Limit: 1}, Status: LayoutActive}
	testPageWalk(t, "/api/user/checkout/layout", `{"id":"row-%d","status":"ACTIVE"}`,
		func(c *Client) iter.Seq2[Layout, error] {
			return c.Checkout.FindLayoutsIter(context.Background(), params)
		},
		func(l Layout) string { return l.ID },
		func() bool { return params.Page == 0 && params.Limit == 1 })
}

func TestCheckoutFindLayoutByID(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/checkout/layout/get-by-id",
		query:   url.Values{"id": {layoutID}},
		fixture: "layout-find-by-id.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			layout, _, err := c.Checkout.FindLayoutByID(ctx, layoutID)
			return layout, err
		},
		check: checkExampleLayout,
	})
}

func TestCheckoutUpdateLayoutSettings(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:   http.MethodPut,
		path:     "/api/user/checkout/layout/settings",
		query:    url.Values{"id": {layoutID}},
		jsonBody: `{"primaryColor":"#000","typography":"MONTSERRAT","showTimer":true}`,
		fixture:  "layout-find-by-id.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			layout, _, err := c.Checkout.UpdateLayoutSettings(ctx, layoutID, &UpdateLayoutSettingsParams{
				PrimaryColor: "#000", Typography: TypographyMontserrat, Extra: map[string]any{"showTimer": true},
			})
			return layout, err
		},
		check: checkExampleLayout,
	})
}

func TestCheckoutUpdateLayoutStatus(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:   http.MethodPut,
		path:     "/api/user/checkout/layout/status",
		query:    url.Values{"id": {layoutID}},
		jsonBody: `{"status":"INACTIVE"}`,
		fixture:  "layout-find-by-id.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			layout, _, err := c.Checkout.UpdateLayoutStatus(ctx, layoutID, "inactive")
			return layout, err
		},
		check: checkExampleLayout,
	})
}

func TestCheckoutFindInfo(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/public/checkout/info/link-1",
		fixture: "assumed-checkout-info.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			info, _, err := c.Checkout.FindInfo(ctx, "link-1")
			return info, err
		},
		check: func(t *testing.T, result any) {
			info := result.(*CheckoutInfo)
			require.NotNil(t, info.Product)
			assert.Equal(t, int64(3990), info.Product.UnitPrice)
			require.NotNil(t, info.Layout)
			assert.Equal(t, "#009FE3", info.Layout.PrimaryColor)
			assert.Contains(t, string(info.Raw), `"link-1"`)
		},
	})
}

func TestCheckoutCreateOrder(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:   http.MethodPost,
		path:     "/api/public/checkout/create-order/link-1",
		query:    url.Values{"hostname": {"shop.example.com"}},
		jsonBody: `{"metadata":{"cartId":"c-9"},"domain":"https://shop.example.com"}`,
		fixture:  "checkout-create-order.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			order, _, err := c.Checkout.CreateOrder(ctx, "link-1", &CreateOrderParams{
				Hostname: "shop.example.com",
				Metadata: map[string]string{"cartId": "c-9"},
				Extra:    map[string]any{"domain": "https://shop.example.com"},
			})
			return order, err
		},
		check: func(t *testing.T, result any) {
			assert.Equal(t, "<order-id>", result.(*CheckoutOrder).ID)
		},
	})
}

func TestCheckoutCreateOrderWithoutParams(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodPost,
		path:    "/api/public/checkout/create-order/link-1",
		fixture: "checkout-create-order.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			order, _, err := c.Checkout.CreateOrder(ctx, "link-1", nil)
			return order, err
		},
	})
}

func TestCheckoutFindOrderInfo(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/public/checkout/order/order-1",
		fixture: "assumed-order.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			order, _, err := c.Checkout.FindOrderInfo(ctx, "order-1")
			return order, err
		},
		check: func(t *testing.T, result any) {
			order := result.(*CheckoutOrder)
			assert.Equal(t, "order-1", order.ID)
			assert.Equal(t, "PENDING", order.Status)
			assert.Nil(t, order.Payment)
		},
	})
}

func checkPaymentMethods(t *testing.T, result any) {
	methods := result.(*CheckoutPaymentMethods)
	assert.Equal(t, PaymentMethods{Pix: true, CreditCard: true}, methods.Methods)
	assert.Equal(t, 12, methods.MaxInstallments)
	assert.Contains(t, string(methods.Raw), `"maxInstallments": 12`)
}

func TestCheckoutFindPaymentMethodsByID(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/public/checkout/payment-methods/link-1",
		fixture: "assumed-payment-methods.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			methods, _, err := c.Checkout.FindPaymentMethodsByID(ctx, "link-1")
			return methods, err
		},
		check: checkPaymentMethods,
	})
}

func TestCheckoutFindPaymentMethods(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/checkout/payment-methods",
		fixture: "assumed-payment-methods.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			methods, _, err := c.Checkout.FindPaymentMethods(ctx)
			return methods, err
		},
		check: checkPaymentMethods,
	})
}

func TestCheckoutPaymentMethodsShapes(t *testing.T) {
	cases := map[string]string{
		"nested object":  `{"paymentMethod":{"pix":true,"creditCard":true},"maxInstallments":"12"}`,
		"nested array":   `{"paymentMethods":["PIX","CREDIT_CARD"],"maxInstallments":12}`,
		"array of names": `["PIX","CREDIT_CARD"]`,
	}

	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			var got CheckoutPaymentMethods
			require.NoError(t, got.UnmarshalJSON([]byte(data)))
			assert.Equal(t, PaymentMethods{Pix: true, CreditCard: true}, got.Methods)
			assert.JSONEq(t, data, string(got.Raw))
		})
	}
}

func pixPaymentParams() *CreatePaymentParams {
	return &CreatePaymentParams{
		FullName: "Maria Silva", Document: "123.456.789-09", Email: "maria@example.com", Phone: "11999999999",
		Address: Address{ZipCode: "01001000", Street: "Rua Exemplo", StreetNumber: "100", Neighborhood: "Centro",
			City: "São Paulo", State: "SP", Country: "BR"},
		PaymentMethod: PaymentMethodPix, Installments: 1, ExternalRef: "pedido-42", Hostname: "shop.example.com",
	}
}

func TestCheckoutCreatePayment(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method: http.MethodPost,
		path:   "/api/public/checkout/payment/order-1",
		query:  url.Values{"hostname": {"shop.example.com"}},
		jsonBody: `{"fullName":"Maria Silva","document":"12345678909","email":"maria@example.com","phone":"11999999999",
			"zipCode":"01001000","street":"Rua Exemplo","streetNumber":"100","neighborhood":"Centro","city":"São Paulo",
			"state":"SP","country":"BR","paymentMethod":"pix","installments":1,"externalRef":"pedido-42"}`,
		fixture: "checkout-create-payment.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			payment, _, err := c.Checkout.CreatePayment(ctx, "order-1", pixPaymentParams())
			return payment, err
		},
		check: func(t *testing.T, result any) {
			payment := result.(*CheckoutPayment)
			assert.Equal(t, "<order-id>", payment.Order.ID)
			p := payment.Payment()
			require.NotNil(t, p)
			assert.Equal(t, StatusWaitingPayment, p.Status)
			assert.Equal(t, "00020126...6304ABCD", p.PixCode())
			assert.Equal(t, 2025, p.Pix.ExpirationDate.Year())
			assert.Equal(t, "<gateway-id>", p.GatewayID)
		},
	})
}

func TestCheckoutCreatePaymentCard(t *testing.T) {
	params := pixPaymentParams()
	params.PaymentMethod, params.Installments, params.Hostname = PaymentMethodCreditCard, 3, ""
	params.Card = &CardParams{Number: "4111 1111 1111 1111", HolderName: "MARIA SILVA", ExpirationMonth: 12, ExpirationYear: 2030, CVV: "123"}

	c, mock := newMockedClient(t)
	var body string
	mock.RegisterResponder(http.MethodPost, mockBaseURL+"/api/public/checkout/payment/order-1", func(r *http.Request) (*http.Response, error) {
		body = string(capture(t, r).body)
		return httpmock.NewStringResponse(http.StatusCreated, string(readFixture(t, "checkout-create-payment.json"))), nil
	})

	_, _, err := c.Checkout.CreatePayment(context.Background(), "order-1", params)

	require.NoError(t, err)
	assert.Contains(t, body, `"paymentMethod":"credit_card"`)
	assert.Contains(t, body, `"card":{"number":"4111 1111 1111 1111","holderName":"MARIA SILVA","expirationMonth":12,"expirationYear":2030,"cvv":"123"}`)
	assert.NotContains(t, fmt.Sprintf("%+v", *params.Card), "4111 1111 1111 1111")
}

func TestCheckoutCreatePaymentRefused(t *testing.T) {
	c, mock := newMockedClient(t)
	mock.RegisterResponder(http.MethodPost, mockBaseURL+"/api/public/checkout/payment/order-1",
		httpmock.NewStringResponder(http.StatusCreated, `{"data":{"id":"p","order":{"id":"order-1","payment":{"id":"pay-1","status":"refused","refusedReason":"Documento inválido"}}}}`))

	payment, _, err := c.Checkout.CreatePayment(context.Background(), "order-1", pixPaymentParams())

	require.ErrorIs(t, err, ErrRefused)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Documento inválido", apiErr.RefusedReason.Message)
	require.NotNil(t, payment)
	assert.Equal(t, "pay-1", payment.Payment().ID)
}

func TestCheckoutCreatePaymentOutcomeUnknown(t *testing.T) {
	c, mock := newMockedClient(t)
	mock.RegisterResponder(http.MethodPost, mockBaseURL+"/api/public/checkout/payment/order-1",
		httpmock.NewStringResponder(http.StatusBadGateway, `<html>bad gateway</html>`))

	_, _, err := c.Checkout.CreatePayment(context.Background(), "order-1", pixPaymentParams())

	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var unknown *OutcomeUnknownError
	require.True(t, errors.As(err, &unknown))
	assert.Equal(t, "pedido-42", unknown.ExternalRef)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestCheckoutCreatePaymentValidation(t *testing.T) {
	withChange := func(change func(p *CreatePaymentParams)) *CreatePaymentParams {
		p := pixPaymentParams()
		change(p)
		return p
	}

	cases := map[string]struct {
		field  string
		params *CreatePaymentParams
	}{
		"nil params":     {"params", nil},
		"no name":        {"fullName", withChange(func(p *CreatePaymentParams) { p.FullName = "" })},
		"no method":      {"paymentMethod", withChange(func(p *CreatePaymentParams) { p.PaymentMethod = "" })},
		"bad CPF":        {"document.number", withChange(func(p *CreatePaymentParams) { p.Document = "123.456.789-00" })},
		"no document":    {"document.number", withChange(func(p *CreatePaymentParams) { p.Document = "" })},
		"bad email":      {"email", withChange(func(p *CreatePaymentParams) { p.Email = "maria" })},
		"negative split": {"installments", withChange(func(p *CreatePaymentParams) { p.Installments = -1 })},
		"card missing":   {"card", withChange(func(p *CreatePaymentParams) { p.PaymentMethod = PaymentMethodCreditCard })},
		"bad card": {"card.number", withChange(func(p *CreatePaymentParams) {
			p.Card = &CardParams{Number: "4111 1111 1111 1112", HolderName: "M", ExpirationMonth: 1, ExpirationYear: 2030, CVV: "123"}
		})},
		"bad hostname": {"hostname", withChange(func(p *CreatePaymentParams) { p.Hostname = "https://shop.example.com/" })},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assertRejected(t, tc.field, func(ctx context.Context, c *Client) error {
				_, _, err := c.Checkout.CreatePayment(ctx, "order-1", tc.params)
				return err
			})
		})
	}
}

func TestCheckoutIDValidation(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client, id string) error{
		"FindLayoutByID": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.FindLayoutByID(ctx, id)
			return err
		},
		"UpdateLayoutSettings": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.UpdateLayoutSettings(ctx, id, &UpdateLayoutSettingsParams{PrimaryColor: "#fff"})
			return err
		},
		"UpdateLayoutStatus": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.UpdateLayoutStatus(ctx, id, LayoutActive)
			return err
		},
		"FindInfo": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.FindInfo(ctx, id)
			return err
		},
		"CreateOrder": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.CreateOrder(ctx, id, nil)
			return err
		},
		"FindOrderInfo": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.FindOrderInfo(ctx, id)
			return err
		},
		"FindPaymentMethodsByID": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.FindPaymentMethodsByID(ctx, id)
			return err
		},
		"CreatePayment": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Checkout.CreatePayment(ctx, id, pixPaymentParams())
			return err
		},
	}

	for method, call := range calls {
		for name, id := range badIDs {
			t.Run(method+" "+name, func(t *testing.T) {
				assertRejected(t, "id", func(ctx context.Context, c *Client) error { return call(ctx, c, id) })
			})
		}
	}
}

func TestCheckoutLayoutInputValidation(t *testing.T) {
	cases := map[string]struct {
		field string
		call  func(ctx context.Context, c *Client) error
	}{
		"settings nil params": {"params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Checkout.UpdateLayoutSettings(ctx, layoutID, nil)
			return err
		}},
		"settings bad colour": {"primaryColor", func(ctx context.Context, c *Client) error {
			_, _, err := c.Checkout.UpdateLayoutSettings(ctx, layoutID, &UpdateLayoutSettingsParams{PrimaryColor: "#12345"})
			return err
		}},
		"status empty": {"status", func(ctx context.Context, c *Client) error {
			_, _, err := c.Checkout.UpdateLayoutStatus(ctx, layoutID, " ")
			return err
		}},
		"order bad hostname": {"hostname", func(ctx context.Context, c *Client) error {
			_, _, err := c.Checkout.CreateOrder(ctx, "link-1", &CreateOrderParams{Hostname: "shop.example.com/x"})
			return err
		}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assertRejected(t, tc.field, tc.call)
		})
	}
}
