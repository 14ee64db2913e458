package bynet

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sellerID = "5b7c1f0e-8a51-4a5e-9f0c-2f4d7d1c9a10"

func checkExampleCompany(t *testing.T, result any) {
	company := result.(*Company)
	assert.Equal(t, sellerID, company.ID)
	assert.Equal(t, "Loja Exemplo LTDA", company.Name)
	assert.Equal(t, Document{Number: "11222333000181", Type: DocumentCNPJ}, company.Document)
	require.NotNil(t, company.Address)
	assert.Equal(t, "SP", company.Address.State)
	assert.Equal(t, 17, company.UpdatedAt.Day())
	assert.Contains(t, string(company.Raw), `"financeiro@example.com"`)
}

func TestCompanyGetAllData(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/sellers",
		fixture: "assumed-company.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			company, _, err := c.Company.GetAllData(ctx)
			return company, err
		},
		check: checkExampleCompany,
	})
}

func TestCompanyFindByID(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:  http.MethodGet,
		path:    "/api/user/sellers/" + sellerID,
		fixture: "assumed-company.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			company, _, err := c.Company.FindByID(ctx, sellerID)
			return company, err
		},
		check: checkExampleCompany,
	})
}

func TestCompanyUpdate(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:   http.MethodPut,
		path:     "/api/user/sellers/" + sellerID,
		jsonBody: `{"name":"Loja Nova","email":"a@example.com","document":{"number":"11222333000181","type":"CNPJ"},"website":"https://example.com"}`,
		fixture:  "assumed-company.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			company, _, err := c.Company.Update(ctx, sellerID, &UpdateCompanyParams{
				Name: "Loja Nova", Email: "a@example.com",
				Document: &Document{Number: "11.222.333/0001-81"},
				Extra:    map[string]any{"website": "https://example.com"},
			})
			return company, err
		},
		check: checkExampleCompany,
	})
}

func TestCompanyUpdateOtherInfo(t *testing.T) {
	runEndpointCase(t, endpointCase{
		method:   http.MethodPut,
		path:     "/api/user/sellers/" + sellerID + "/other-info",
		jsonBody: `{"monthlyRevenue":5000000,"segment":"education"}`,
		fixture:  "assumed-company.json",
		call: func(ctx context.Context, c *Client) (any, error) {
			company, _, err := c.Company.UpdateOtherInfo(ctx, sellerID, &CompanyOtherInfoParams{
				Extra: map[string]any{"monthlyRevenue": 5000000, "segment": "education"},
			})
			return company, err
		},
		check: checkExampleCompany,
	})
}

func TestCompanyUpdateDocuments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "contrato.pdf")
	require.NoError(t, os.WriteFile(path, []byte("%PDF-1.4 contrato"), 0o600))

	runEndpointCase(t, endpointCase{
		method:  http.MethodPut,
		path:    "/api/user/sellers/" + sellerID + "/documents",
		fixture: "assumed-company.json",
		form: []formPart{
			{name: "note", content: "renovação"},
			{name: "socialContract", fileName: "contrato.pdf", content: "%PDF-1.4 contrato"},
			{name: "identity", fileName: "rg.jpg", content: "jpeg"},
		},
		call: func(ctx context.Context, c *Client) (any, error) {
			file, err := os.Open(path)
			require.NoError(t, err)
			defer file.Close()

			company, _, err := c.Company.UpdateDocuments(ctx, sellerID, &CompanyDocumentsParams{
				Files: []FilePart{
					{Field: "socialContract", File: File{Name: "contrato.pdf", Reader: file}},
					{Field: "identity", File: File{Name: "rg.jpg", Reader: strings.NewReader("jpeg")}},
				},
				Fields: map[string]string{"note": "renovação"},
			})
			return company, err
		},
		check: checkExampleCompany,
	})
}

func TestCompanyValidation(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client, id string) error{
		"FindByID": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Company.FindByID(ctx, id)
			return err
		},
		"Update": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Company.Update(ctx, id, &UpdateCompanyParams{Name: "x"})
			return err
		},
		"UpdateOtherInfo": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Company.UpdateOtherInfo(ctx, id, &CompanyOtherInfoParams{Extra: map[string]any{"a": 1}})
			return err
		},
		"UpdateDocuments": func(ctx context.Context, c *Client, id string) error {
			_, _, err := c.Company.UpdateDocuments(ctx, id, &CompanyDocumentsParams{
				Files: []FilePart{{Field: "doc", File: File{Name: "a.pdf", Reader: strings.NewReader("x")}}},
			})
			return err
		},
	}

	for method, call := range calls {
		for name, id := range badIDs {
			t.Run(method+" id "+name, func(t *testing.T) {
				assertRejected(t, "id", func(ctx context.Context, c *Client) error { return call(ctx, c, id) })
			})
		}
	}

	params := map[string]struct {
		field string
		call  func(ctx context.Context, c *Client) error
	}{
		"Update nil params": {"params", func(ctx context.Context, c *Client) error {
			_, _, err := c.Company.Update(ctx, sellerID, nil)
			return err
		}},
		"Update bad CNPJ": {"document.number", func(ctx context.Context, c *Client) error {
			_, _, err := c.Company.Update(ctx, sellerID, &UpdateCompanyParams{Document: &Document{Number: "11222333000100"}})
			return err
		}},
		"Update bad email": {"email", func(ctx context.Context, c *Client) error {
			_, _, err := c.Company.Update(ctx, sellerID, &UpdateCompanyParams{Email: "nope"})
			return err
		}},
		"UpdateOtherInfo empty": {"extra", func(ctx context.Context, c *Client) error {
			_, _, err := c.Company.UpdateOtherInfo(ctx, sellerID, &CompanyOtherInfoParams{})
			return err
		}},
		"UpdateDocuments no files": {"files", func(ctx context.Context, c *Client) error {
			_, _, err := c.Company.UpdateDocuments(ctx, sellerID, &CompanyDocumentsParams{})
			return err
		}},
		"UpdateDocuments no part name": {"files[0].field", func(ctx context.Context, c *Client) error {
			_, _, err := c.Company.UpdateDocuments(ctx, sellerID, &CompanyDocumentsParams{
				Files: []FilePart{{File: File{Name: "a.pdf", Reader: strings.NewReader("x")}}},
			})
			return err
		}},
		"UpdateDocuments nil reader": {"files[0].reader", func(ctx context.Context, c *Client) error {
			_, _, err := c.Company.UpdateDocuments(ctx, sellerID, &CompanyDocumentsParams{
				Files: []FilePart{{Field: "doc", File: File{Name: "a.pdf"}}},
			})
			return err
		}},
	}

	for name, tc := range params {
		t.Run(name, func(t *testing.T) {
			assertRejected(t, tc.field, tc.call)
		})
	}
}

func TestCompanyCNPJNotInError(t *testing.T) {
	c, _ := newMockedClient(t)

	_, _, err := c.Company.Update(context.Background(), sellerID, &UpdateCompanyParams{Document: &Document{Number: "11222333000100"}})

	require.Error(t, err)
	assert.NotContains(t, err.Error(), "11222333000100")
}
