package bynet_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
)

const customersURL = mockBase + "/api/user/customers"

// customerJSON is a customer shaped like the customer of a create request,
// plus the identifiers and timestamps the server adds.
const customerJSON = `{
	"id": "c0ffee00-0000-0000-0000-000000000001",
	"externalRef": "customer-0001",
	"name": "Maria Silva",
	"email": "maria@example.com",
	"phone": "11999999999",
	"birthdate": "1990-05-17",
	"document": {"number": "52998224725", "type": "cpf"},
	"address": {"street": "Rua Exemplo", "streetNumber": "100", "complement": "", "zipCode": "01000000",
		"neighborhood": "Centro", "city": "São Paulo", "state": "SP", "country": "BR"},
	"createdAt": "2025-03-28T21:30:42.929Z",
	"updatedAt": null,
	"loyaltyTier": "gold"
}`

func TestCustomersFindByIDRequest(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, customersURL+"/c0ffee00-0000-0000-0000-000000000001",
		rec.respond(jsonResponder(200, `{"status":200,"message":"Cliente encontrado","data":`+customerJSON+`,"error":null}`)))

	customer, resp, err := client.Customers.FindByID(context.Background(), "c0ffee00-0000-0000-0000-000000000001")
	require.NoError(t, err)
	assert.Equal(t, "Cliente encontrado", resp.Message)

	got := rec.only(t)
	assert.Equal(t, http.MethodGet, got.Method)
	assert.Empty(t, got.Query)
	assert.Empty(t, got.Body)
	assert.Equal(t, "AtivoB2B/1.0", got.Header.Get("User-Agent"))
	assert.Equal(t, fakeKey, got.Header.Get("x-api-key"))

	assert.Equal(t, "c0ffee00-0000-0000-0000-000000000001", customer.ID)
	assert.Equal(t, "customer-0001", customer.ExternalRef)
	assert.Equal(t, "Maria Silva", customer.Name)
	assert.Equal(t, "maria@example.com", customer.Email)
	assert.Equal(t, "11999999999", customer.Phone)
	assert.Equal(t, time.Date(1990, 5, 17, 0, 0, 0, 0, time.UTC), customer.Birthdate)
	assert.Equal(t, bynet.Document{Number: validCPF, Type: bynet.DocumentCPF}, customer.Document)
	require.NotNil(t, customer.Address)
	assert.Equal(t, "São Paulo", customer.Address.City)
	assert.Equal(t, "01000000", customer.Address.ZipCode)
	assert.Equal(t, time.Date(2025, 3, 28, 21, 30, 42, 929e6, time.UTC), customer.CreatedAt.UTC())
	assert.True(t, customer.UpdatedAt.IsZero())
	assert.Contains(t, string(customer.Raw), "loyaltyTier", "unknown fields stay in Raw")
}

func TestCustomersFindByIDNotFound(t *testing.T) {
	client, mock := mockedClient(t)
	mock.RegisterResponder(http.MethodGet, customersURL+"/c404",
		jsonResponder(404, `{"status":404,"message":"Cliente não encontrado","data":null,"error":{}}`))

	customer, resp, err := client.Customers.FindByID(context.Background(), "c404")
	assert.Nil(t, customer)
	assert.Equal(t, 404, resp.StatusCode)
	assert.ErrorIs(t, err, bynet.ErrNotFound)
	assert.Contains(t, err.Error(), "Cliente não encontrado")
}

func TestCustomersFindAllQuery(t *testing.T) {
	cases := map[string]struct {
		params *bynet.CustomerListParams
		want   string
	}{
		"nil params": {nil, ""},
		"pagination": {&bynet.CustomerListParams{ListOptions: bynet.ListOptions{
			Page: 3, Limit: 25, OrderBy: "createdAt", OrderDirection: "asc",
		}}, "limit=25&orderBy=createdAt&orderDirection=asc&page=3"},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			rec := &recorder{}
			mock.RegisterResponder(http.MethodGet, customersURL, rec.respond(jsonResponder(200, envelopeBody(t, []any{}))))

			_, _, err := client.Customers.FindAll(context.Background(), tc.params)
			require.NoError(t, err)

			got := rec.only(t)
			assert.Equal(t, "/api/user/customers", got.Path)
			assert.Equal(t, tc.want, got.Query)
		})
	}
}

func TestCustomersFindAllShapes(t *testing.T) {
	cases := map[string]string{
		"nested page":    `{"status":200,"data":{"data":[` + customerJSON + `],"page":1,"pages":1,"limit":10,"total":1}}`,
		"string counter": `{"status":200,"data":{"data":[` + customerJSON + `],"page":"1","pages":"1","limit":"10","total":"1"}}`,
		"flat array":     `{"status":200,"data":[` + customerJSON + `]}`,
		"bare array":     `[` + customerJSON + `]`,
	}

	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			client, mock := mockedClient(t)
			mock.RegisterResponder(http.MethodGet, customersURL, jsonResponder(200, body))

			page, _, err := client.Customers.FindAll(context.Background(), nil)
			require.NoError(t, err)
			require.Len(t, page.Data, 1)
			assert.Equal(t, "Maria Silva", page.Data[0].Name)
			assert.Equal(t, 1, page.Page)
			assert.Equal(t, 1, page.Total)
			assert.False(t, page.HasNext())
		})
	}
}

func TestCustomersFindAllIter(t *testing.T) {
	client, mock := mockedClient(t)
	rec := &recorder{}
	mock.RegisterResponder(http.MethodGet, customersURL, rec.respond(pagedResponder(t, [][]string{{"a", "b"}, {"c"}})))

	params := &bynet.CustomerListParams{ListOptions: bynet.ListOptions{Limit: 2}}
	var ids []string
	for customer, err := range client.Customers.FindAllIter(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, customer.ID)
	}

	assert.Equal(t, []string{"a", "b", "c"}, ids)
	assert.Equal(t, 2, rec.count())
	assert.Zero(t, params.Page, "params are not modified")
}

func TestCustomerDocumentShapes(t *testing.T) {
	cases := map[string]struct {
		json string
		want bynet.Document
	}{
		"object":          {`{"number":"52998224725","type":"CPF"}`, bynet.Document{Number: validCPF, Type: bynet.DocumentCPF}},
		"lower-case type": {`{"number":"11222333000181","type":"cnpj"}`, bynet.Document{Number: validCNPJ, Type: bynet.DocumentCNPJ}},
		"bare string":     {`"52998224725"`, bynet.Document{Number: validCPF}},
		"number as JSON":  {`{"number":52998224725}`, bynet.Document{Number: validCPF}},
		"null":            {`null`, bynet.Document{}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var doc bynet.Document
			require.NoError(t, json.Unmarshal([]byte(tc.json), &doc))
			assert.Equal(t, tc.want, doc)
		})
	}
}
