package bynet

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransfersCreate(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPost, "/api/user/transfers", 200, fixture(t, "transfers/create-response.json"))

	params := &CreateTransferParams{Amount: 100, Method: "pix", ExternalRef: "payout-17"}

	transfers, resp, err := api.client.Transfers.Create(context.Background(), params)
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodPost, "/api/user/transfers", nil,
		`{"amount":100,"method":"PIX","externalRef":"payout-17"}`)
	assert.Equal(t, TransferMethod("pix"), params.Method, "params are not modified")
	assert.Equal(t, "Transferência realizada com sucesso.", resp.Message)
	require.Len(t, transfers, 1)

	tr := transfers[0]
	assert.Equal(t, "00000000-0000-0000-0000-000000000000", tr.ID)
	assert.Equal(t, int64(500), tr.Amount)
	assert.Equal(t, TransferPix, tr.Type)
	assert.Equal(t, TransferInProcess, tr.Status)
	assert.Equal(t, "*************", tr.PixKey)
	assert.Equal(t, time.Date(2025, 4, 16, 17, 46, 32, 84_000_000, time.UTC), tr.CreatedAt.UTC())
	assert.True(t, tr.PaidAt.IsZero())
	assert.Contains(t, string(tr.Raw), `"subAccountId"`)
}

func TestTransfersCreateUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPost, "/api/user/transfers", 200, injectUnknowns(t, fixture(t, "transfers/create-response.json"), "status"))

	transfers, _, err := api.client.Transfers.Create(context.Background(), &CreateTransferParams{Amount: 100, Method: TransferPix})
	require.NoError(t, err)
	require.Len(t, transfers, 1)
	assert.Equal(t, TransferStatus("BRAND_NEW_VALUE"), transfers[0].Status)
	assert.Contains(t, string(transfers[0].Raw), "fieldFromTheFuture")

	api = newMockAPI(t)
	api.on(http.MethodPost, "/api/user/transfers", 200, injectUnknowns(t, fixture(t, "transfers/create-response.json"), "type"))
	transfers, _, err = api.client.Transfers.Create(context.Background(), &CreateTransferParams{Amount: 100, Method: TransferPix})
	require.NoError(t, err)
	assert.Equal(t, TransferMethod("BRAND_NEW_VALUE"), transfers[0].Type)
}

func TestTransfersCreateShapes(t *testing.T) {
	bodies := map[string]string{
		"single object": `{"status":200,"data":{"transfer":{"id":"t1","amount":"700"}}}`,
		"bare transfer": `{"status":200,"data":{"id":"t1","amount":700}}`,
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			api := newMockAPI(t)
			api.on(http.MethodPost, "/api/user/transfers", 200, body)

			transfers, _, err := api.client.Transfers.Create(context.Background(), &CreateTransferParams{Amount: 700, Method: TransferPix})
			require.NoError(t, err)
			require.Len(t, transfers, 1)
			assert.Equal(t, "t1", transfers[0].ID)
			assert.Equal(t, int64(700), transfers[0].Amount)
		})
	}
}

func TestTransfersCreateOutcomeUnknown(t *testing.T) {
	api := newMockAPI(t, WithRetry(3, time.Millisecond, 5*time.Millisecond))
	rec := api.on(http.MethodPost, "/api/user/transfers", 502, `<html>bad gateway</html>`)

	_, _, err := api.client.Transfers.Create(context.Background(),
		&CreateTransferParams{Amount: 100, Method: TransferPix, ExternalRef: "payout-17"})

	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var unknown *OutcomeUnknownError
	require.ErrorAs(t, err, &unknown)
	assert.Equal(t, "payout-17", unknown.ExternalRef)
	assert.Len(t, rec.requests(), 1, "a money mover is never resent after a 5xx")
}

func TestTransfersCreateInvalid(t *testing.T) {
	checkInvalid(t, []invalidCase{
		{"nil params", "params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transfers.Create(ctx, nil)
			return err
		}},
		{"zero amount", "amount", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transfers.Create(ctx, &CreateTransferParams{Method: TransferPix})
			return err
		}},
		{"negative amount", "amount", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transfers.Create(ctx, &CreateTransferParams{Amount: -1, Method: TransferPix})
			return err
		}},
		{"no method", "method", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transfers.Create(ctx, &CreateTransferParams{Amount: 100, Method: " "})
			return err
		}},
	})
}

func TestTransfersUpdate(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPost, "/api/user/transfers/tr-1", 200,
		`{"status":200,"message":"Transferência atualizada","data":{"id":"tr-1","amount":500,"status":"PAID","description":"aluguel"},"error":null}`)

	transfer, _, err := api.client.Transfers.Update(context.Background(), "tr-1",
		&UpdateTransferParams{Extra: map[string]any{"description": "aluguel"}})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodPost, "/api/user/transfers/tr-1", nil, `{"description":"aluguel"}`)
	assert.Equal(t, TransferPaid, transfer.Status)
	assert.Equal(t, "aluguel", transfer.Description)
	assert.JSONEq(t, `{"id":"tr-1","amount":500,"status":"PAID","description":"aluguel"}`, string(transfer.Raw))
}

func TestTransfersUpdateNotResent(t *testing.T) {
	api := newMockAPI(t, WithRetry(3, time.Millisecond, 5*time.Millisecond))
	rec := api.on(http.MethodPost, "/api/user/transfers/tr-1", 503, `{"message":"indisponível"}`)

	_, _, err := api.client.Transfers.Update(context.Background(), "tr-1",
		&UpdateTransferParams{Extra: map[string]any{"description": "x"}})

	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Len(t, rec.requests(), 1)
}

func TestTransfersUpdateInvalid(t *testing.T) {
	cases := idCases(func(ctx context.Context, c *Client, id string) error {
		_, _, err := c.Transfers.Update(ctx, id, &UpdateTransferParams{Extra: map[string]any{"a": 1}})
		return err
	})
	cases = append(cases,
		invalidCase{"reserved id", "id", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transfers.Update(ctx, "Summary", &UpdateTransferParams{Extra: map[string]any{"a": 1}})
			return err
		}},
		invalidCase{"empty body", "params.Extra", func(ctx context.Context, c *Client) error {
			_, _, err := c.Transfers.Update(ctx, "tr-1", &UpdateTransferParams{})
			return err
		}},
	)
	checkInvalid(t, cases)
}

func TestTransfersFindAll(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodGet, "/api/user/transfers", 200, fixture(t, "transfers/find-all-response.json"))
	params := &TransferListParams{
		ListOptions: ListOptions{Page: 1, Limit: 10, OrderBy: "id", OrderDirection: "desc"},
		Status:      []TransferStatus{TransferProcessing, TransferPaid},
		Destination: "00.000.000/0000-00",
	}

	page, resp, err := api.client.Transfers.FindAll(context.Background(), params)
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/transfers", url.Values{
		"limit": {"10"}, "page": {"1"}, "orderBy": {"id"}, "orderDirection": {"desc"},
		"status": {"PROCESSING", "PAID"}, "destination": {"00.000.000/0000-00"},
	}, "")
	assert.Equal(t, "Transferências encontradas com sucesso", resp.Message)
	assert.Equal(t, 2, page.Pages)
	assert.Equal(t, 13, page.Total)
	assert.True(t, page.HasNext())
	require.Len(t, page.Data, 2)

	first, second := page.Data[0], page.Data[1]
	assert.Equal(t, TransferBankTransfer, first.Type)
	assert.Equal(t, TransferFailed, first.Status)
	assert.Equal(t, int64(530), first.FixedFee)
	assert.Equal(t, 5.0, first.VariableFee)
	assert.Equal(t, int64(3000), second.Fee)
	assert.Equal(t, "*************", second.Destination)
	assert.False(t, second.IsSubAccount)
}

func TestTransfersFindAllUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/transfers", 200, injectUnknowns(t, fixture(t, "transfers/find-all-response.json"), "status"))

	page, _, err := api.client.Transfers.FindAll(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Equal(t, TransferStatus("BRAND_NEW_VALUE"), page.Data[0].Status)
	assert.Equal(t, 13, page.Total)
}

func transferIter() iterCase[Transfer] {
	return iterCase[Transfer]{
		path: "/api/user/transfers",
		row:  func(id string) string { return `{"id":"` + id + `","amount":100,"status":"PAID","type":"PIX"}` },
		walk: func(ctx context.Context, api *mockAPI) iter.Seq2[Transfer, error] {
			return api.client.Transfers.FindAllIter(ctx, &TransferListParams{Status: []TransferStatus{TransferPaid}})
		},
		id: func(tr Transfer) string { return tr.ID },
	}
}

func TestTransfersFindAllIter(t *testing.T) {
	checkIterWalk(t, transferIter())
	checkIterError(t, transferIter())
}

func TestTransfersFindAllIterKeepsParams(t *testing.T) {
	api := newMockAPI(t)
	rec := api.onFunc(http.MethodGet, "/api/user/transfers", func(r *http.Request) (int, string) {
		return 200, pageBody(2, 2, `{"id":"x"}`)
	})
	params := &TransferListParams{ListOptions: ListOptions{Page: 2, Limit: 1}, Status: []TransferStatus{TransferPaid}}

	for _, err := range api.client.Transfers.FindAllIter(context.Background(), params) {
		require.NoError(t, err)
	}

	assert.Equal(t, &TransferListParams{ListOptions: ListOptions{Page: 2, Limit: 1}, Status: []TransferStatus{TransferPaid}}, params)
	assert.Equal(t, "2", rec.only(t).Query.Get("page"))
}

func TestTransfersFindByID(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodGet, "/api/user/transfers/tr-1", 200, transferByIDBody)

	transfer, _, err := api.client.Transfers.FindByID(context.Background(), "tr-1")
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/transfers/tr-1", nil, "")
	assert.Equal(t, int64(500), transfer.Amount)
	assert.Equal(t, TransferPix, transfer.Type)
	assert.Equal(t, TransferPaid, transfer.Status)
	assert.Equal(t, "E123", transfer.EndToEndID)
	assert.False(t, transfer.PaidAt.IsZero())
}

const transferByIDBody = `{"status":200,"message":"Transferência encontrada","data":{"id":"tr-1","amount":"500","type":"pix","status":"paid","paidAt":"2025-04-16T18:00:00.000Z","endToEndId":"E123"},"error":null}`

func TestTransfersFindByIDUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/transfers/tr-1", 200, injectUnknowns(t, transferByIDBody, "type"))

	transfer, _, err := api.client.Transfers.FindByID(context.Background(), "tr-1")
	require.NoError(t, err)
	assert.Equal(t, TransferMethod("BRAND_NEW_VALUE"), transfer.Type)
	assert.Equal(t, int64(500), transfer.Amount)
}

func TestTransfersFindByIDInvalid(t *testing.T) {
	cases := idCases(func(ctx context.Context, c *Client, id string) error {
		_, _, err := c.Transfers.FindByID(ctx, id)
		return err
	})
	cases = append(cases, invalidCase{"reserved id", "id", func(ctx context.Context, c *Client) error {
		_, _, err := c.Transfers.FindByID(ctx, "summary")
		return err
	}})
	checkInvalid(t, cases)
}

func TestTransfersSummary(t *testing.T) {
	api := newMockAPI(t)
	body := `{"status":200,"message":"ok","data":{"paid":{"count":3,"amount":1500},"processing":{"count":1,"amount":200}},"error":null}`
	rec := api.on(http.MethodGet, "/api/user/transfers/summary", 200, body)

	summary, _, err := api.client.Transfers.Summary(context.Background())
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/transfers/summary", nil, "")
	assert.JSONEq(t, `{"paid":{"count":3,"amount":1500},"processing":{"count":1,"amount":200}}`, string(summary.Raw))
}

func TestTransfersSummaryUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/transfers/summary", 200,
		injectUnknowns(t, `{"status":200,"data":{"status":"PAID","total":1}}`, "status"))

	summary, _, err := api.client.Transfers.Summary(context.Background())
	require.NoError(t, err)
	assert.Contains(t, string(summary.Raw), "fieldFromTheFuture")
}

func TestTransfersSummaryUnauthorized(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/transfers/summary", 401, `{"status":401,"message":"Não autorizado","data":null,"error":"unauthorized"}`)

	_, resp, err := api.client.Transfers.Summary(context.Background())

	assert.True(t, errors.Is(err, ErrUnauthorized), "error %v", err)
	require.NotNil(t, resp)
	assert.Equal(t, 401, resp.StatusCode)
}
