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

const balanceHistoryBody = `{"message":"Histórico encontrado","data":{"data":[
	{"id":"bh-1","amount":1000,"type":"CREDIT","createdAt":"2025-04-09T21:44:23.038Z"},
	{"id":"bh-2","amount":-300,"type":"DEBIT","createdAt":"2025-04-10"}],
	"pages":1,"page":1,"limit":10,"total":2},"status":200,"error":null}`

func TestBalanceFind(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodGet, "/api/user/balance-history", 200, balanceHistoryBody)
	params := &BalanceHistoryParams{
		ListOptions: ListOptions{Page: 1, Limit: 10, OrderBy: "createdAt", OrderDirection: "desc"},
		Extra:       map[string]any{"type": []string{"CREDIT", "DEBIT"}},
	}

	page, _, err := api.client.Balance.Find(context.Background(), params)
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/balance-history", url.Values{
		"page": {"1"}, "limit": {"10"}, "orderBy": {"createdAt"}, "orderDirection": {"desc"},
		"type": {"CREDIT", "DEBIT"},
	}, "")
	require.Len(t, page.Data, 2)
	assert.Equal(t, "bh-1", page.Data[0].ID)
	assert.Equal(t, time.Date(2025, 4, 10, 0, 0, 0, 0, time.UTC), page.Data[1].CreatedAt.UTC())
	assert.JSONEq(t, `{"id":"bh-2","amount":-300,"type":"DEBIT","createdAt":"2025-04-10"}`, string(page.Data[1].Raw))
}

func TestBalanceFindUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/balance-history", 200, injectUnknowns(t, balanceHistoryBody, "type"))

	page, _, err := api.client.Balance.Find(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Contains(t, string(page.Data[0].Raw), `"type":"brand_new_value"`)
}

func balanceIter() iterCase[BalanceEntry] {
	return iterCase[BalanceEntry]{
		path: "/api/user/balance-history",
		row:  func(id string) string { return `{"id":"` + id + `"}` },
		walk: func(ctx context.Context, api *mockAPI) iter.Seq2[BalanceEntry, error] {
			return api.client.Balance.FindIter(ctx, &BalanceHistoryParams{})
		},
		id: func(e BalanceEntry) string { return e.ID },
	}
}

func TestBalanceFindIter(t *testing.T) {
	checkIterWalk(t, balanceIter())
	checkIterError(t, balanceIter())
}

func TestBalanceSummary(t *testing.T) {
	api := newMockAPI(t)
	body := `{"message":"ok","data":{"available":12000,"pending":3000,"reserved":800},"status":200,"error":null}`
	rec := api.on(http.MethodGet, "/api/user/balance-history/summary", 200, body)

	summary, _, err := api.client.Balance.Summary(context.Background(),
		&BalanceSummaryParams{Extra: map[string]any{"startDate": "2025-01-01", "withReserve": true}})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/balance-history/summary",
		url.Values{"startDate": {"2025-01-01"}, "withReserve": {"true"}}, "")
	assert.JSONEq(t, `{"available":12000,"pending":3000,"reserved":800}`, string(summary.Raw))
}

func TestBalanceSummaryUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/balance-history/summary", 200,
		injectUnknowns(t, `{"status":200,"data":{"status":"OK","available":1}}`, "status"))

	summary, _, err := api.client.Balance.Summary(context.Background(), nil)
	require.NoError(t, err)
	assert.Contains(t, string(summary.Raw), "fieldFromTheFuture")
}

func TestBalanceFindFinancialReserve(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodGet, "/api/user/balance-history/financial-reserve", 200, fixture(t, "balance/financial-reserve-response.json"))

	page, resp, err := api.client.Balance.FindFinancialReserve(context.Background(),
		&FinancialReserveParams{ListOptions: ListOptions{Page: 1, Limit: 10}})
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/balance-history/financial-reserve",
		url.Values{"page": {"1"}, "limit": {"10"}}, "")
	assert.Equal(t, "Liberação de Reserva Financeira encontrado com sucesso.", resp.Message)
	assert.Equal(t, 9, page.Total)
	assert.False(t, page.HasNext())
	require.Len(t, page.Data, 9)

	row := page.Data[4]
	assert.Equal(t, int64(200), row.Inflows)
	assert.Equal(t, int64(0), row.Outflows)
	assert.Equal(t, int64(200), row.Total)
	assert.Equal(t, ReserveReserved, row.Status)
	assert.Equal(t, time.Date(2025, 7, 7, 0, 0, 0, 0, time.UTC), row.ReleaseDate.UTC())
}

func TestBalanceFindFinancialReserveUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/balance-history/financial-reserve", 200,
		injectUnknowns(t, fixture(t, "balance/financial-reserve-response.json"), "status"))

	page, _, err := api.client.Balance.FindFinancialReserve(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 9)
	assert.Equal(t, ReserveStatus("BRAND_NEW_VALUE"), page.Data[0].Status)
	assert.Equal(t, int64(800), page.Data[5].Total)
}

func reserveIter() iterCase[FinancialReserve] {
	return iterCase[FinancialReserve]{
		path: "/api/user/balance-history/financial-reserve",
		row: func(id string) string {
			return `{"inflows":1,"outflows":0,"total":1,"status":"` + id + `","releaseDate":"2025-07-14"}`
		},
		walk: func(ctx context.Context, api *mockAPI) iter.Seq2[FinancialReserve, error] {
			return api.client.Balance.FindFinancialReserveIter(ctx, nil)
		},
		id: func(r FinancialReserve) string {
			// Rows have no id; the test puts it in status, which decodes upper-cased.
			return map[ReserveStatus]string{
				"P1-A": "p1-a", "P1-B": "p1-b", "P2-A": "p2-a", "P2-B": "p2-b", "P3-A": "p3-a", "P3-B": "p3-b",
			}[r.Status]
		},
	}
}

func TestBalanceFindFinancialReserveIter(t *testing.T) {
	checkIterWalk(t, reserveIter())
	checkIterError(t, reserveIter())
}

func TestAddExtraQuery(t *testing.T) {
	q := url.Values{"limit": {"10"}, "status": {"A", "B"}}
	addExtraQuery(q, map[string]any{"limit": 50, "status": []string{"C"}, "from": time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)})

	assert.Equal(t, url.Values{"limit": {"50"}, "status": {"C"}, "from": {"2025-01-02"}}, q)
}
