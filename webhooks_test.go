package bynet

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebhooksCreate(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPost, "/api/user/webhook", 200, fixture(t, "webhooks/find-by-id-response.json"))

	webhook, _, err := api.client.Webhooks.Create(context.Background(),
		&WebhookParams{URL: "https://shop.example.com/postback", Type: "transaction"})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodPost, "/api/user/webhook", nil,
		`{"url":"https://shop.example.com/postback","type":"TRANSACTION"}`)
	assert.Equal(t, WebhookTransaction, webhook.Type)
	assert.Equal(t, "http://shop.example.com/webhook", webhook.URL)
}

func TestWebhooksCreateNotResent(t *testing.T) {
	api := newMockAPI(t, WithRetry(3, time.Millisecond, 5*time.Millisecond))
	rec := api.on(http.MethodPost, "/api/user/webhook", 503, `{"message":"indisponível"}`)

	_, _, err := api.client.Webhooks.Create(context.Background(),
		&WebhookParams{URL: "https://shop.example.com/postback", Type: WebhookTransaction})

	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Len(t, rec.requests(), 1)
}

func TestWebhooksCreateInvalid(t *testing.T) {
	create := func(p *WebhookParams) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error {
			_, _, err := c.Webhooks.Create(ctx, p)
			return err
		}
	}
	checkInvalid(t, []invalidCase{
		{"nil params", "params", create(nil)},
		{"no type", "type", create(&WebhookParams{URL: "https://shop.example.com/postback"})},
		{"no url", "url", create(&WebhookParams{Type: WebhookTransaction})},
		{"relative url", "url", create(&WebhookParams{URL: "/postback", Type: WebhookTransaction})},
		{"http url", "url", create(&WebhookParams{URL: "http://shop.example.com/postback", Type: WebhookTransaction})},
		{"ftp url", "url", create(&WebhookParams{URL: "ftp://shop.example.com/postback", Type: WebhookTransaction})},
	})
}

func TestWebhooksFindAll(t *testing.T) {
	api := newMockAPI(t)
	body := `{"status":200,"message":"Webhooks listados","data":[
		{"id":"wh-1","url":"https://a.example.com","type":"TRANSACTION"},
		{"id":"wh-2","url":"https://b.example.com","type":"transaction"}],"error":null}`
	rec := api.on(http.MethodGet, "/api/user/webhook", 200, body)

	page, _, err := api.client.Webhooks.FindAll(context.Background(),
		&WebhookListParams{ListOptions: ListOptions{Limit: 50}, Extra: map[string]any{"type": "TRANSACTION"}})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/webhook", url.Values{"limit": {"50"}, "type": {"TRANSACTION"}}, "")
	require.Len(t, page.Data, 2)
	assert.Equal(t, 2, page.Total)
	assert.False(t, page.HasNext())
	assert.Equal(t, WebhookTransaction, page.Data[1].Type)
}

func TestWebhooksFindAllUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/webhook", 200, injectUnknowns(t, pageBody(1, 1, `{"id":"wh-1","type":"TRANSACTION"}`), "type"))

	page, _, err := api.client.Webhooks.FindAll(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 1)
	assert.Equal(t, WebhookType("BRAND_NEW_VALUE"), page.Data[0].Type)
}

func webhookIter() iterCase[Webhook] {
	return iterCase[Webhook]{
		path: "/api/user/webhook",
		row:  func(id string) string { return `{"id":"` + id + `","type":"TRANSACTION"}` },
		walk: func(ctx context.Context, api *mockAPI) iter.Seq2[Webhook, error] {
			return api.client.Webhooks.FindAllIter(ctx, nil)
		},
		id: func(w Webhook) string { return w.ID },
	}
}

func TestWebhooksFindAllIter(t *testing.T) {
	checkIterWalk(t, webhookIter())
	checkIterError(t, webhookIter())
}

func TestWebhooksFindByID(t *testing.T) {
	api := newMockAPI(t)
	id := "e653ca6c-0000-0000-0000-000000000000"
	rec := api.on(http.MethodGet, "/api/user/webhook/"+id, 200, fixture(t, "webhooks/find-by-id-response.json"))

	webhook, resp, err := api.client.Webhooks.FindByID(context.Background(), id)
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/webhook/"+id, nil, "")
	assert.Equal(t, "Webhook listado com sucesso", resp.Message)
	assert.Equal(t, "00000000-0000-0000-0000-000000000000", webhook.SellerID)
	assert.Equal(t, "00000000-0000-0000-0000-000000000000", webhook.GatewayID)
	assert.Equal(t, WebhookTransaction, webhook.Type)
	assert.Equal(t, time.Date(2025, 4, 8, 17, 10, 31, 700_000_000, time.UTC), webhook.CreatedAt.UTC())
	assert.Equal(t, time.Date(2025, 4, 15, 19, 17, 58, 651_000_000, time.UTC), webhook.UpdatedAt.UTC())
}

func TestWebhooksFindByIDUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/webhook/wh-1", 200, injectUnknowns(t, fixture(t, "webhooks/find-by-id-response.json"), "type"))

	webhook, _, err := api.client.Webhooks.FindByID(context.Background(), "wh-1")
	require.NoError(t, err)
	assert.Equal(t, WebhookType("BRAND_NEW_VALUE"), webhook.Type)
	assert.Contains(t, string(webhook.Raw), "fieldFromTheFuture")
}

func TestWebhooksFindByIDInvalid(t *testing.T) {
	checkInvalid(t, idCases(func(ctx context.Context, c *Client, id string) error {
		_, _, err := c.Webhooks.FindByID(ctx, id)
		return err
	}))
}

func TestWebhooksUpdate(t *testing.T) {
	api := newMockAPI(t, WithRetry(2, time.Millisecond, 5*time.Millisecond))
	attempts := 0
	rec := api.onFunc(http.MethodPut, "/api/user/webhook/wh-1", func(*http.Request) (int, string) {
		attempts++
		if attempts == 1 {
			return 503, `{"message":"indisponível"}`
		}
		return 200, fixture(t, "webhooks/find-by-id-response.json")
	})

	webhook, resp, err := api.client.Webhooks.Update(context.Background(), "wh-1",
		&WebhookParams{URL: "https://shop.example.com/new-postback"})
	require.NoError(t, err)

	seen := rec.requests()
	require.Len(t, seen, 2, "a PUT is retried after a 503")
	assertRequest(t, seen[1], http.MethodPut, "/api/user/webhook/wh-1", nil, `{"url":"https://shop.example.com/new-postback"}`)
	assert.Equal(t, 2, resp.Attempts)
	assert.Equal(t, WebhookTransaction, webhook.Type)
}

func TestWebhooksUpdateUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPut, "/api/user/webhook/wh-1", 200, injectUnknowns(t, fixture(t, "webhooks/find-by-id-response.json"), "type"))

	webhook, _, err := api.client.Webhooks.Update(context.Background(), "wh-1", &WebhookParams{Type: WebhookTransaction})
	require.NoError(t, err)
	assert.Equal(t, WebhookType("BRAND_NEW_VALUE"), webhook.Type)
}

func TestWebhooksUpdateNullData(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPut, "/api/user/webhook/wh-1", 200, `{"status":200,"message":"Webhook atualizado","data":null,"error":null}`)

	webhook, _, err := api.client.Webhooks.Update(context.Background(), "wh-1", &WebhookParams{Type: WebhookTransaction})
	require.NoError(t, err)

	assert.Empty(t, webhook.ID)
}

func TestWebhooksUpdateInvalid(t *testing.T) {
	cases := idCases(func(ctx context.Context, c *Client, id string) error {
		_, _, err := c.Webhooks.Update(ctx, id, &WebhookParams{Type: WebhookTransaction})
		return err
	})
	cases = append(cases,
		invalidCase{"nil params", "params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Webhooks.Update(ctx, "wh-1", nil)
			return err
		}},
		invalidCase{"nothing set", "params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Webhooks.Update(ctx, "wh-1", &WebhookParams{})
			return err
		}},
		invalidCase{"http url", "url", func(ctx context.Context, c *Client) error {
			_, _, err := c.Webhooks.Update(ctx, "wh-1", &WebhookParams{URL: "http://shop.example.com"})
			return err
		}},
	)
	checkInvalid(t, cases)
}

func TestWebhooksDelete(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodDelete, "/api/user/webhook/wh-1", 200, `{"status":200,"message":"Webhook removido","data":null,"error":null}`)

	resp, err := api.client.Webhooks.Delete(context.Background(), "wh-1")
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodDelete, "/api/user/webhook/wh-1", nil, "")
	assert.Equal(t, "Webhook removido", resp.Message)
}

func TestWebhooksDeleteNotFound(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodDelete, "/api/user/webhook/wh-1", 404, `{"status":404,"message":"Webhook não encontrado","data":null,"error":"not found"}`)

	_, err := api.client.Webhooks.Delete(context.Background(), "wh-1")

	assert.ErrorIs(t, err, ErrNotFound)
}

func TestWebhooksDeleteInvalid(t *testing.T) {
	checkInvalid(t, idCases(func(ctx context.Context, c *Client, id string) error {
		_, err := c.Webhooks.Delete(ctx, id)
		return err
	}))
}
