package bynet

import (
	"bytes"
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const productID = "e653ca6c-479c-4aab-8935-6f542e97ead0"

// checkExampleProduct checks the product of the Update Status example.
func checkExampleProduct(t *testing.T, result any) {
	product := result.(*Product)
	assert.Equal(t, "0", product.ID)
	assert.Equal(t, "Produto X", product.Title)
	assert.Equal(t, ShippingDigital, product.ShippingType)
	assert.Equal(t, ProductInactive, product.Status)
	assert.Equal(t, []Image{{ID: "0", Key: "0.jpg", URL: "X"}}, product.Images)
	assert.Equal(t, PaymentMethods{Boleto: true}, product.PaymentMethods)
	assert.Equal(t, "0", product.UniqueProductLinkID)
	assert.Equal(t, time.Date(2025, 4, 17, 15, 10, 43, 631e6, time.UTC), product.UpdatedAt)
	assert.True(t, product.DeletedAt.IsZero())
	assert.Contains(t, string(product.Raw), `"additionalInfo": "case"`)
}

func TestProductsCreate(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodPost,
		path:    "/api/user/products",
		fixture: "product-update-status.json",
		form: []formPart{
			{name: "accessLink", content: "https://example.com/curso"},
			{name: "additionalInfo", content: "case"},
			{name: "description", content: "desc"},
			{name: "maxInstallments", content: "3"},
			{name: "paymentMethod", content: `{"BOLETO":false,"CREDIT_CARD":true,"PIX":true}`},
			{name: "shippingType", content: "DIGITAL"},
			{name: "status", content: "ACTIVE"},
			{name: "title", content: "Produto X"},
			{name: "unitPrice", content: "3990"},
			{name: "images", fileName: "capa.png", content: "png bytes"},
			{name: "images", fileName: "verso.jpg", content: "jpg bytes"},
		},
		call: func(ctx context.Context, c *Client) (any, error) {
			product, _, err := c.Products.Create(ctx, &CreateProductParams{
				Title: "Produto X", Description: "desc", ShippingType: ShippingDigital, Status: ProductActive,
				UnitPrice: 3990, MaxInstallments: 3, AccessLink: "https://example.com/curso", AdditionalInfo: "case",
				PaymentMethods: &PaymentMethods{Pix: true, CreditCard: true},
				Images: []File{
					{Name: "capa.png", Reader: strings.NewReader("png bytes")},
					{Name: "verso.jpg", Reader: bytes.NewReader([]byte("jpg bytes"))},
				},
			})
			return product, err
		},
		check: checkExampleProduct,
	})
}

func TestProductsCreateFreeProduct(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodPost,
		path:    "/api/user/products",
		fixture: "product-update-status.json",
		form: []formPart{
			{name: "title", content: "Brinde"},
			{name: "unitPrice", content: "0"},
			{name: "warranty", content: "30"},
		},
		call: func(ctx context.Context, c *Client) (any, error) {
			product, _, err := c.Products.Create(ctx, &CreateProductParams{Title: "Brinde", Extra: map[string]string{"warranty": "30"}})
			return product, err
		},
	})
}

func TestProductsCreateValidation(t *testing.T) {
	cases := map[string]struct {
		field  string
		params *CreateProductParams
	}{
		"nil params":            {"params", nil},
		"empty title":           {"title", &CreateProductParams{Title: " "}},
		"negative price":        {"unitPrice", &CreateProductParams{Title: "x", UnitPrice: -1}},
		"negative installments": {"maxInstallments", &CreateProductParams{Title: "x", MaxInstallments: -2}},
		"http access link":      {"accessLink", &CreateProductParams{Title: "x", AccessLink: "http://example.com"}},
		"image without reader":  {"images[0].reader", &CreateProductParams{Title: "x", Images: []File{{Name: "a.png"}}}},
		"image without name":    {"images[0].name", &CreateProductParams{Title: "x", Images: []File{{Reader: strings.NewReader("x")}}}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assertRejected(t, tc.field, func(ctx context.Context, c *Client) error {
				_, _, err := c.Products.Create(ctx, tc.params)
				return err
			})
		})
	}
}

func TestProductsCreateIsNotRetried(t *testing.T) {
	c, mock := newMockedClient(t)
	mock.RegisterResponder(http.MethodPost, mockBaseURL+"/api/user/products",
		httpmock.NewStringResponder(http.StatusBadGateway, `{"message":"bad gateway"}`))

	_, _, err := c.Products.Create(context.Background(), &CreateProductParams{Title: "x", Images: []File{{Name: "a.png", Reader: strings.NewReader("x")}}})

	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestProductsFindAll(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/products",
		query:   url.Values{"page": {"2"}, "limit": {"100"}, "orderBy": {"createdAt"}, "orderDirection": {"desc"}, "value": {"curso"}, "status": {"ACTIVE"}, "category": {"ebook"}},
		fixture: "assumed-products-page.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			page, _, err := c.Products.FindAll(ctx, &ProductListParams{
				ListOptions: ListOptions{Page: 2, Limit: 100, OrderBy: "createdAt", OrderDirection: "desc"},
				Value:       "curso", Status: ProductActive, Extra: map[string]any{"category": "ebook"},
			})
			return page, err
		},
		check: func(t *testing.T, result any) {
			page := result.(*Page[Product])
			require.Len(t, page.Data, 1)
			assert.Equal(t, int64(3990), page.Data[0].UnitPrice)
			assert.Equal(t, PaymentMethods{Pix: true}, page.Data[0].PaymentMethods)
			assert.Equal(t, 1, page.Pages)
		},
	})
}

func TestProductsFindAllIter(t *testing.T) {
	params := &ProductListParams{ListOptions: ListOptions{Limit: 1}, Status: ProductActive}
	testPageWalk(t, "/api/user/products", `{"id":"row-%d","status":"ACTIVE"}`,
		func(c *Client) iter.Seq2[Product, error] { return c.Products.FindAllIter(context.Background(), params) },
		func(p Product) string { return p.ID },
		func() bool { return params.Page == 0 && params.Limit == 1 })
}

func TestProductsFindByID(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/products/" + productID,
		fixture: "product-update-status.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			product, _, err := c.Products.FindByID(ctx, productID)
			return product, err
		},
		check: checkExampleProduct,
	})
}

func TestProductsUpdate(t *testing.T) {
	title, price, installments, empty := "Produto Y", int64(0), 0, ""
	runEndpointCase(t, endpointCase{
		method:  http.MethodPut,
		path:    "/api/user/products/" + productID,
		fixture: "product-update-status.json",
		form: []formPart{
			{name: "accessLink", content: ""},
			{name: "maxInstallments", content: "0"},
			{name: "status", content: "INACTIVE"},
			{name: "title", content: "Produto Y"},
			{name: "unitPrice", content: "0"},
			{name: "images", fileName: "nova.png", content: "new image"},
		},
		call: func(ctx context.Context, c *Client) (any, error) {
			product, _, err := c.Products.Update(ctx, productID, &UpdateProductParams{
				Title: &title, Status: ProductInactive, UnitPrice: &price, MaxInstallments: &installments, AccessLink: &empty,
				Images: []File{{Name: "nova.png", Reader: strings.NewReader("new image")}},
			})
			return product, err
		},
		check: checkExampleProduct,
	})
}

func TestProductsUpdateValidation(t *testing.T) {
	negative := int64(-100)
	for name, id := range badIDs {
		t.Run("id "+name, func(t *testing.T) {
			assertRejected(t, "id", func(ctx context.Context, c *Client) error {
				_, _, err := c.Products.Update(ctx, id, &UpdateProductParams{})
				return err
			})
		})
	}

	t.Run("negative price", func(t *testing.T) {
		assertRejected(t, "unitPrice", func(ctx context.Context, c *Client) error {
			_, _, err := c.Products.Update(ctx, productID, &UpdateProductParams{UnitPrice: &negative})
			return err
		})
	})

	t.Run("nil params", func(t *testing.T) {
		assertRejected(t, "params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Products.Update(ctx, productID, nil)
			return err
		})
	})
}

func TestProductsDelete(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodDelete,
		path:    "/api/user/products/" + productID,
		fixture: "assumed-product-delete.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			return c.Products.Delete(ctx, productID)
		},
		check: func(t *testing.T, result any) {
			assert.Equal(t, "O produto foi removido com sucesso", result.(*Response).Message)
		},
	})
}

func TestProductsUpdateStatus(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:   http.MethodPut,
		path:     "/api/user/products/" + productID + "/status",
		jsonBody: `{"status":"INACTIVE"}`,
		fixture:  "product-update-status.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			product, _, err := c.Products.UpdateStatus(ctx, productID, "inactive")
			return product, err
		},
		check: checkExampleProduct,
	})
}

func TestProductsIDValidation(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client, id string) error{
		"FindByID": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Products.FindByID(ctx, id)
			return err
		},
		"Delete": func(ctx context.Context, c *Client, id string) error {
			_, err := c.Products.Delete(ctx, id)
			return err
		},
		"UpdateStatus": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Products.UpdateStatus(ctx, id, ProductActive)
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

	t.Run("UpdateStatus empty status", func(t *testing.T) {
		assertRejected(t, "status", func(ctx context.Context, c *Client) error {
			_, _, err := c.Products.UpdateStatus(ctx, productID, "")
			return err
		})
	})
}

func TestPaymentMethodsDecode(t *testing.T) {
	cases := map[string]struct {
		json string
		want PaymentMethods
	}{
		"upper-case object": {`{"PIX":true,"BOLETO":false,"CREDIT_CARD":true}`, PaymentMethods{Pix: true, CreditCard: true}},
		"camel-case object": {`{"pix":true,"boleto":true,"creditCard":false}`, PaymentMethods{Pix: true, Boleto: true}},
		"string flags":      {`{"PIX":"true","BOLETO":"0"}`, PaymentMethods{Pix: true}},
		"array of names":    {`["pix","CREDIT_CARD"]`, PaymentMethods{Pix: true, CreditCard: true}},
		"unknown method":    {`{"PIX":true,"CRYPTO":true,"note":{"a":1}}`, PaymentMethods{Pix: true, Other: map[string]bool{"CRYPTO": true}}},
		"null":              {`null`, PaymentMethods{}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var got PaymentMethods
			require.NoError(t, got.UnmarshalJSON([]byte(tc.json)))
			assert.Equal(t, tc.want, got)
		})
	}
}
