package bynet

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func checkExampleBankAccount(t *testing.T, result any) {
	account := result.(*BankAccount)
	assert.Equal(t, "bank-1", account.ID)
	assert.Equal(t, "001", account.BankCode)
	assert.Equal(t, "123456-7", account.Account)
	assert.Equal(t, "11222333000181", account.Document.Number)
	assert.True(t, account.UpdatedAt.IsZero())
	assert.Contains(t, string(account.Raw), `"Banco do Brasil"`)
}

func TestBankCreate(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:   http.MethodPost,
		path:     "/api/user/banks",
		jsonBody: `{"bankCode":"001","agency":"0001","account":"123456-7","accountType":"CHECKING","holderName":"Loja Exemplo LTDA","document":{"number":"11222333000181","type":"CNPJ"},"accountDigit":"7"}`,
		fixture:  "assumed-bank-account.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			account, _, err := c.Bank.Create(ctx, &CreateBankAccountParams{
				BankCode: "001", Agency: "0001", Account: "123456-7", AccountType: "CHECKING",
				HolderName: "Loja Exemplo LTDA", Document: &Document{Number: "11.222.333/0001-81"},
				Extra: map[string]any{"accountDigit": "7"},
			})
			return account, err
		},
		check: checkExampleBankAccount,
	})
}

func TestBankCreateValidation(t *testing.T) {
	cases := map[string]struct {
		field  string
		params *CreateBankAccountParams
	}{
		"nil params":   {"params", nil},
		"empty params": {"params", &CreateBankAccountParams{}},
		"bad CPF":      {"document.number", &CreateBankAccountParams{BankCode: "001", Document: &Document{Number: "123.456.789-00"}}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			assertRejected(t, tc.field, func(ctx context.Context, c *Client) error {
				_, _, err := c.Bank.Create(ctx, tc.params)
				return err
			})
		})
	}
}

func TestBankCreateIsNotRetried(t *testing.T) {
	c, mock := newMockedClient(t)
	mock.RegisterResponder(http.MethodPost, mockBaseURL+"/api/user/banks",
		httpmock.NewStringResponder(http.StatusServiceUnavailable, `{"message":"indisponível"}`))

	_, _, err := c.Bank.Create(context.Background(), &CreateBankAccountParams{BankCode: "001"})

	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mock.GetTotalCallCount())
}

func TestBankFindAll(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/banks",
		query:   url.Values{"page": {"1"}, "limit": {"20"}, "status": {"ACTIVE"}},
		fixture: "assumed-banks-list.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			page, _, err := c.Bank.FindAll(ctx, &BankListParams{ListOptions: ListOptions{Page: 1, Limit: 20}, Extra: map[string]any{"status": "ACTIVE"}})
			return page, err
		},
		check: func(t *testing.T, result any) {
			page := result.(*Page[BankAccount])
			require.Len(t, page.Data, 2)
			assert.Equal(t, "bank-2", page.Data[1].ID)
			assert.False(t, page.HasNext())
		},
	})
}

func TestBankFindAllIter(t *testing.T) {
	params := &BankListParams{ListOptions: ListOptions{Limit: 1}}
	testPageWalk(t, "/api/user/banks", `{"id":"row-%d","status":"ACTIVE"}`,
		func(c *Client) iter.Seq2[BankAccount, error] { return c.Bank.FindAllIter(context.Background(), params) },
		func(a BankAccount) string { return a.ID },
		func() bool { return params.Page == 0 && params.Limit == 1 })
}

func TestBankFindByID(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/banks/bank-1",
		fixture: "assumed-bank-account.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			account, _, err := c.Bank.FindByID(ctx, "bank-1")
			return account, err
		},
		check: checkExampleBankAccount,
	})
}

func TestBankFindByIDValidation(t *testing.T) {
	ids := map[string]string{"reserved segment": "Pre-Bank"}
	for name, id := range badIDs {
		ids[name] = id
	}

	for name, id := range ids {
		t.Run(name, func(t *testing.T) {
			assertRejected(t, "id", func(ctx context.Context, c *Client) error {
				_, _, err := c.Bank.FindByID(ctx, id)
				return err
			})
		})
	}
}

func TestBankFindPreBank(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/banks/pre-bank",
		fixture: "assumed-pre-bank.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			result, _, err := c.Bank.FindPreBank(ctx)
			return result, err
		},
		check: func(t *testing.T, result any) {
			var banks []struct{ Code, Name string }
			require.NoError(t, result.(*PreBank).Decode(&banks))
			assert.Equal(t, "Itaú", banks[1].Name)
		},
	})
}
