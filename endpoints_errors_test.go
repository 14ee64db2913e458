package bynet

import (
	"context"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endpointCalls calls every method of the Transfers, Cashout, Balance and
// Webhooks services, and the Transactions methods added with them, with
// valid input. Each returns the call's *Response and error.
var endpointCalls = map[string]func(ctx context.Context, c *Client) (*Response, error){
	"Transactions.UpdateDeliveryStatus": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transactions.UpdateDeliveryStatus(ctx, "tx-1", &UpdateDeliveryParams{Status: "delivered"})
		return resp, err
	},
	"Transactions.ExportExcel": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transactions.ExportExcel(ctx, nil)
		return resp, err
	},
	"Transactions.SummaryAll": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transactions.SummaryAll(ctx, nil)
		return resp, err
	},
	"Transactions.Fee": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transactions.Fee(ctx, &FeeParams{Amount: 1000})
		return resp, err
	},
	"Transfers.Create": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transfers.Create(ctx, &CreateTransferParams{Amount: 100, Method: TransferPix})
		return resp, err
	},
	"Transfers.Update": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transfers.Update(ctx, "tr-1", &UpdateTransferParams{Extra: map[string]any{"description": "x"}})
		return resp, err
	},
	"Transfers.FindAll": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transfers.FindAll(ctx, nil)
		return resp, err
	},
	"Transfers.FindByID": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transfers.FindByID(ctx, "tr-1")
		return resp, err
	},
	"Transfers.Summary": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Transfers.Summary(ctx)
		return resp, err
	},
	"Cashout.Create": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Cashout.Create(ctx, validCashout())
		return resp, err
	},
	"Cashout.FindAll": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Cashout.FindAll(ctx, nil)
		return resp, err
	},
	"Cashout.FindByID": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Cashout.FindByID(ctx, "co-1")
		return resp, err
	},
	"Balance.Find": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Balance.Find(ctx, nil)
		return resp, err
	},
	"Balance.Summary": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Balance.Summary(ctx, nil)
		return resp, err
	},
	"Balance.FindFinancialReserve": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Balance.FindFinancialReserve(ctx, nil)
		return resp, err
	},
	"Webhooks.Create": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.Create(ctx, &WebhookParams{URL: "https://shop.example.com/postback", Type: WebhookTransaction})
		return resp, err
	},
	"Webhooks.FindAll": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.FindAll(ctx, nil)
		return resp, err
	},
	"Webhooks.FindByID": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.FindByID(ctx, "wh-1")
		return resp, err
	},
	"Webhooks.Update": func(ctx context.Context, c *Client) (*Response, error) {
		_, resp, err := c.Webhooks.Update(ctx, "wh-1", &WebhookParams{Type: WebhookTransaction})
		return resp, err
	},
	"Webhooks.Delete": func(ctx context.Context, c *Client) (*Response, error) {
		return c.Webhooks.Delete(ctx, "wh-1")
	},
}

func TestEndpointsMapNotFound(t *testing.T) {
	for name, call := range endpointCalls {
		t.Run(name, func(t *testing.T) {
			api := newMockAPI(t)
			api.mock.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`.*`), notFound)
			for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
				api.mock.RegisterRegexpResponder(method, regexp.MustCompile(`.*`), notFound)
			}

			resp, err := call(context.Background(), api.client)

			require.ErrorIs(t, err, ErrNotFound)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "Registro não encontrado", apiErr.Message)
			assert.Equal(t, "req-404", apiErr.RequestID)
			require.NotNil(t, resp)
			assert.Equal(t, 404, resp.StatusCode)
		})
	}
}

func notFound(*http.Request) (*http.Response, error) {
	resp := httpmock.NewStringResponse(404, `{"status":404,"message":"Registro não encontrado","data":null,"error":"not found"}`)
	resp.Header.Set("Content-Type", "application/json")
	resp.Header.Set("X-Request-Id", "req-404")
	return resp, nil
}

func TestEndpointsStopOnCanceledContext(t *testing.T) {
	for name, call := range endpointCalls {
		t.Run(name, func(t *testing.T) {
			api := newMockAPI(t, WithRetry(3, time.Millisecond, 5*time.Millisecond))
			ctx, cancel := context.WithCancel(context.Background())
			cancel()

			_, err := call(ctx, api.client)

			require.ErrorIs(t, err, context.Canceled)
			assert.Zero(t, api.calls(), "requests sent")
		})
	}
}
