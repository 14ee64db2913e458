package bynet

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validCashout returns the reference's example request as params.
func validCashout() *CreateCashoutParams {
	return &CreateCashoutParams{
		Amount:              500,
		PixKey:              "123.456.789-09",
		PixType:             PixKeyCPF,
		BeneficiaryName:     "Maria Silva",
		BeneficiaryDocument: "123.456.789-09",
		Description:         "Saque de R$ 5,00.",
		PostbackURL:         "https://shop.example.com/postback",
	}
}

func TestCashoutCreate(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPost, "/api/user/cashout", 200, fixture(t, "cashout/create-response.json"))
	params := validCashout()
	params.ExternalRef = "saque-9"

	cashout, resp, err := api.client.Cashout.Create(context.Background(), params)
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodPost, "/api/user/cashout", nil, `{
		"amount": 500, "pixKey": "12345678909", "pixType": "CPF",
		"beneficiaryName": "Maria Silva", "beneficiaryDocument": "12345678909",
		"description": "Saque de R$ 5,00.", "postbackUrl": "https://shop.example.com/postback",
		"externalRef": "saque-9"}`)
	assert.Equal(t, "123.456.789-09", params.PixKey, "params are not modified")
	assert.Equal(t, "Cashout criado com sucesso.", resp.Message)

	assert.Equal(t, "123e4567-e89b-189-654e-426614174000", cashout.ID)
	assert.Equal(t, int64(500), cashout.Amount)
	assert.Equal(t, int64(50), cashout.Fee)
	assert.Equal(t, PixKeyCPF, cashout.PixType)
	assert.Equal(t, CashoutPending, cashout.Status)
	assert.Equal(t, "https://shop.example.com/postback", cashout.PostbackURL)
	assert.Empty(t, cashout.EndToEndID)
	assert.Equal(t, time.Date(2024, 11, 22, 15, 20, 10, 394_000_000, time.UTC), cashout.CreatedAt.UTC())
}

func TestCashoutCreateRequestFixture(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodPost, "/api/user/cashout", 200, fixture(t, "cashout/create-response.json"))

	_, _, err := api.client.Cashout.Create(context.Background(), validCashout())
	require.NoError(t, err)

	want := strings.ReplaceAll(fixture(t, "cashout/create-request.json"), "123.456.789-09", "12345678909")
	assert.JSONEq(t, want, string(rec.only(t).Body))
}

func TestCashoutCreateUnknowns(t *testing.T) {
	for _, enumKey := range []string{"status", "pixType"} {
		api := newMockAPI(t)
		api.on(http.MethodPost, "/api/user/cashout", 200, injectUnknowns(t, fixture(t, "cashout/create-response.json"), enumKey))

		cashout, _, err := api.client.Cashout.Create(context.Background(), validCashout())
		require.NoError(t, err)
		assert.Contains(t, string(cashout.Raw), "fieldFromTheFuture")
		if enumKey == "status" {
			assert.Equal(t, CashoutStatus("BRAND_NEW_VALUE"), cashout.Status)
		} else {
			assert.Equal(t, PixKeyType("BRAND_NEW_VALUE"), cashout.PixType)
		}
	}
}

func TestCashoutCreateTransactionID(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodPost, "/api/user/cashout", 200, `{"status":200,"data":{"transactionId":"co-7","status":"PENDING"}}`)

	cashout, _, err := api.client.Cashout.Create(context.Background(), validCashout())
	require.NoError(t, err)
	assert.Equal(t, "co-7", cashout.ID)
}

func TestCashoutCreateOutcomeUnknown(t *testing.T) {
	api := newMockAPI(t, WithRetry(3, time.Millisecond, 5*time.Millisecond))
	rec := api.on(http.MethodPost, "/api/user/cashout", 500, `{"status":500,"message":"erro"}`)
	params := validCashout()
	params.ExternalRef = "saque-9"

	_, _, err := api.client.Cashout.Create(context.Background(), params)

	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var unknown *OutcomeUnknownError
	require.ErrorAs(t, err, &unknown)
	assert.Equal(t, "saque-9", unknown.ExternalRef)
	assert.Len(t, rec.requests(), 1)
}

func TestCashoutCreatePixKeys(t *testing.T) {
	cases := []struct {
		keyType PixKeyType
		key     string
		sent    string
	}{
		{PixKeyCPF, "123.456.789-09", "12345678909"},
		{PixKeyCNPJ, "11.222.333/0001-81", "11222333000181"},
		{PixKeyCNPJ, "12.ABC.345/01DE-35", "12ABC34501DE35"},
		{PixKeyEmail, " maria@example.com ", "maria@example.com"},
		{PixKeyPhone, "+55 (11) 99999-9999", "5511999999999"},
		{PixKeyPhone, "11999999999", "11999999999"},
		{PixKeyRandom, "123E4567-E89B-12D3-A456-426614174000", "123e4567-e89b-12d3-a456-426614174000"},
		{"email", "maria@example.com", "maria@example.com"},
	}
	for _, tc := range cases {
		t.Run(string(tc.keyType)+" "+tc.key, func(t *testing.T) {
			api := newMockAPI(t)
			rec := api.on(http.MethodPost, "/api/user/cashout", 200, fixture(t, "cashout/create-response.json"))
			params := validCashout()
			params.PixType, params.PixKey = tc.keyType, tc.key

			_, _, err := api.client.Cashout.Create(context.Background(), params)
			require.NoError(t, err)

			body := string(rec.only(t).Body)
			assert.Contains(t, body, `"pixKey":"`+tc.sent+`"`)
			assert.Contains(t, body, `"pixType":"`+strings.ToUpper(string(tc.keyType))+`"`)
		})
	}
}

func TestCashoutCreateInvalid(t *testing.T) {
	with := func(change func(p *CreateCashoutParams)) func(ctx context.Context, c *Client) error {
		return func(ctx context.Context, c *Client) error {
			params := validCashout()
			change(params)
			_, _, err := c.Cashout.Create(ctx, params)
			return err
		}
	}
	checkInvalid(t, []invalidCase{
		{"nil params", "params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Cashout.Create(ctx, nil)
			return err
		}},
		{"zero amount", "amount", with(func(p *CreateCashoutParams) { p.Amount = 0 })},
		{"negative amount", "amount", with(func(p *CreateCashoutParams) { p.Amount = -500 })},
		{"no pix type", "pixType", with(func(p *CreateCashoutParams) { p.PixType = "" })},
		{"unknown pix type", "pixType", with(func(p *CreateCashoutParams) { p.PixType = "IBAN" })},
		{"empty key", "pixKey", with(func(p *CreateCashoutParams) { p.PixKey = " " })},
		{"cpf check digit", "pixKey", with(func(p *CreateCashoutParams) { p.PixKey = "123.456.789-00" })},
		{"cpf repeated", "pixKey", with(func(p *CreateCashoutParams) { p.PixKey = "111.111.111-11" })},
		{"cnpj check digit", "pixKey", with(func(p *CreateCashoutParams) {
			p.PixType, p.PixKey = PixKeyCNPJ, "11.222.333/0001-80"
		})},
		{"email without at", "pixKey", with(func(p *CreateCashoutParams) { p.PixType, p.PixKey = PixKeyEmail, "maria.example.com" })},
		{"email without domain dot", "pixKey", with(func(p *CreateCashoutParams) { p.PixType, p.PixKey = PixKeyEmail, "maria@example" })},
		{"email with space", "pixKey", with(func(p *CreateCashoutParams) { p.PixType, p.PixKey = PixKeyEmail, "ma ria@example.com" })},
		{"phone too short", "pixKey", with(func(p *CreateCashoutParams) { p.PixType, p.PixKey = PixKeyPhone, "99999-9999" })},
		{"phone with letters", "pixKey", with(func(p *CreateCashoutParams) { p.PixType, p.PixKey = PixKeyPhone, "11 9999X-9999" })},
		{"random not uuid", "pixKey", with(func(p *CreateCashoutParams) { p.PixType, p.PixKey = PixKeyRandom, "not-a-uuid" })},
		{"random bad group", "pixKey", with(func(p *CreateCashoutParams) {
			p.PixType, p.PixKey = PixKeyRandom, "123e4567e-89b-12d3-a456-426614174000"
		})},
		{"random not hex", "pixKey", with(func(p *CreateCashoutParams) {
			p.PixType, p.PixKey = PixKeyRandom, "123e4567-e89b-12d3-a456-42661417400g"
		})},
		{"beneficiary document length", "beneficiaryDocument", with(func(p *CreateCashoutParams) { p.BeneficiaryDocument = "123" })},
		{"beneficiary document digits", "beneficiaryDocument", with(func(p *CreateCashoutParams) { p.BeneficiaryDocument = "123.456.789-01" })},
		{"beneficiary name", "beneficiaryName", with(func(p *CreateCashoutParams) { p.BeneficiaryName = "" })},
		{"description", "description", with(func(p *CreateCashoutParams) { p.Description = "  " })},
		{"postback missing", "postbackUrl", with(func(p *CreateCashoutParams) { p.PostbackURL = "" })},
		{"postback http", "postbackUrl", with(func(p *CreateCashoutParams) { p.PostbackURL = "http://shop.example.com/postback" })},
	})
}

func TestCashoutCreateInvalidMasksDocument(t *testing.T) {
	api := newMockAPI(t)
	params := validCashout()
	params.PixKey = "123.456.789-00"

	_, _, err := api.client.Cashout.Create(context.Background(), params)

	require.ErrorIs(t, err, ErrInvalidParams)
	assert.NotContains(t, err.Error(), "12345678900")
	assert.NotContains(t, err.Error(), "123.456.789-00")
}

const cashoutListBody = `{"status":200,"message":"Cashouts encontrados","data":{"data":[
	{"id":"co-1","amount":500,"fee":50,"pixType":"cpf","status":"PENDING","createdAt":"2024-11-22T15:20:10.394Z"},
	{"transactionId":"co-2","amount":"900","status":"PAID"}],
	"page":"1","pages":"1","limit":"10","total":"2"},"error":null}`

func TestCashoutFindAll(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodGet, "/api/user/cashout", 200, cashoutListBody)
	params := &CashoutListParams{
		ListOptions: ListOptions{Page: 1, Limit: 10},
		Status:      []CashoutStatus{CashoutPending, "PAID"},
		Extra:       map[string]any{"startDate": "2024-11-01", "limit": 20},
	}

	page, _, err := api.client.Cashout.FindAll(context.Background(), params)
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/cashout", url.Values{
		"page": {"1"}, "limit": {"20"}, "status": {"PENDING", "PAID"}, "startDate": {"2024-11-01"},
	}, "")
	assert.Equal(t, 2, page.Total)
	require.Len(t, page.Data, 2)
	assert.Equal(t, PixKeyCPF, page.Data[0].PixType)
	assert.Equal(t, "co-2", page.Data[1].ID)
	assert.Equal(t, int64(900), page.Data[1].Amount)
}

func TestCashoutFindAllUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/cashout", 200, injectUnknowns(t, cashoutListBody, "status"))

	page, _, err := api.client.Cashout.FindAll(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, page.Data, 2)
	assert.Equal(t, CashoutStatus("BRAND_NEW_VALUE"), page.Data[0].Status)
}

func cashoutIter() iterCase[Cashout] {
	return iterCase[Cashout]{
		path: "/api/user/cashout",
		row:  func(id string) string { return `{"id":"` + id + `","amount":500,"status":"PENDING"}` },
		walk: func(ctx context.Context, api *mockAPI) iter.Seq2[Cashout, error] {
			return api.client.Cashout.FindAllIter(ctx, nil)
		},
		id: func(c Cashout) string { return c.ID },
	}
}

func TestCashoutFindAllIter(t *testing.T) {
	checkIterWalk(t, cashoutIter())
	checkIterError(t, cashoutIter())
}

func TestCashoutFindByID(t *testing.T) {
	api := newMockAPI(t)
	rec := api.on(http.MethodGet, "/api/user/cashout/co-1", 200, fixture(t, "cashout/create-response.json"))

	cashout, _, err := api.client.Cashout.FindByID(context.Background(), "co-1")
	require.NoError(t, err)

	assertRequest(t, rec.only(t), http.MethodGet, "/api/user/cashout/co-1", nil, "")
	assert.Equal(t, "Maria Silva", cashout.BeneficiaryName)
	assert.Equal(t, "00000000-0000-0000-0000-000000000000", cashout.GatewayProviderID)
}

func TestCashoutFindByIDUnknowns(t *testing.T) {
	api := newMockAPI(t)
	api.on(http.MethodGet, "/api/user/cashout/co-1", 200, injectUnknowns(t, fixture(t, "cashout/create-response.json"), "status"))

	cashout, _, err := api.client.Cashout.FindByID(context.Background(), "co-1")
	require.NoError(t, err)
	assert.Equal(t, CashoutStatus("BRAND_NEW_VALUE"), cashout.Status)
}

func TestCashoutFindByIDInvalid(t *testing.T) {
	checkInvalid(t, idCases(func(ctx context.Context, c *Client, id string) error {
		_, _, err := c.Cashout.FindByID(ctx, id)
		return err
	}))
}
