package bynettest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/bynettest"
)

func TestSDKCompany(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()

	company, _, err := client.Company.GetAllData(ctx)
	require.NoError(t, err)
	assert.Equal(t, bynettest.CompanyID, company.ID)
	assert.Equal(t, bynet.DocumentCNPJ, company.Document.Type)

	updated, _, err := client.Company.Update(ctx, company.ID, &bynet.UpdateCompanyParams{Phone: "11911112222"})
	require.NoError(t, err)
	assert.Equal(t, "11911112222", updated.Phone)
	assert.Equal(t, company.Name, updated.Name)

	byID, _, err := client.Company.FindByID(ctx, company.ID)
	require.NoError(t, err)
	assert.Equal(t, "11911112222", byID.Phone)

	_, _, err = client.Company.UpdateOtherInfo(ctx, company.ID, &bynet.CompanyOtherInfoParams{Extra: map[string]any{"segment": "educacao"}})
	require.NoError(t, err)

	docs := &bynet.CompanyDocumentsParams{Files: []bynet.FilePart{{Field: "socialContract",
		File: bynet.File{Name: "contrato.pdf", ContentType: "application/pdf", Reader: strings.NewReader("%PDF-1.4")}}}}
	withDocs, _, err := client.Company.UpdateDocuments(ctx, company.ID, docs)
	require.NoError(t, err)
	assert.Contains(t, string(withDocs.Raw), "contrato.pdf")

	_, _, err = client.Company.FindByID(ctx, "00000000-0000-4000-8000-000000000000")
	assert.ErrorIs(t, err, bynet.ErrNotFound)
}

func TestSDKProducts(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()

	product, _, err := client.Products.Create(ctx, &bynet.CreateProductParams{
		Title: "Curso de Go", UnitPrice: 19900, ShippingType: bynet.ShippingDigital, MaxInstallments: 3,
		PaymentMethods: &bynet.PaymentMethods{Pix: true, CreditCard: true},
		Images:         []bynet.File{{Name: "capa.png", ContentType: "image/png", Reader: strings.NewReader("png")}},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(19900), product.UnitPrice)
	assert.Equal(t, bynet.ProductActive, product.Status)
	assert.True(t, product.PaymentMethods.Pix)
	assert.False(t, product.PaymentMethods.Boleto)
	assert.Len(t, product.Images, 1)
	assert.NotEmpty(t, product.UniqueProductLinkID)

	title := "Curso de Go avançado"
	updated, _, err := client.Products.Update(ctx, product.ID, &bynet.UpdateProductParams{Title: &title})
	require.NoError(t, err)
	assert.Equal(t, title, updated.Title)
	assert.Equal(t, int64(19900), updated.UnitPrice)

	inactive, _, err := client.Products.UpdateStatus(ctx, product.ID, bynet.ProductInactive)
	require.NoError(t, err)
	assert.Equal(t, bynet.ProductInactive, inactive.Status)

	page, _, err := client.Products.FindAll(ctx, &bynet.ProductListParams{Status: bynet.ProductInactive})
	require.NoError(t, err)
	assert.Equal(t, 1, page.Total)

	found, _, err := client.Products.FindByID(ctx, product.ID)
	require.NoError(t, err)
	assert.Equal(t, title, found.Title)

	_, err = client.Products.Delete(ctx, product.ID)
	require.NoError(t, err)
	_, _, err = client.Products.FindByID(ctx, product.ID)
	assert.ErrorIs(t, err, bynet.ErrNotFound)
}

func TestSDKBank(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()

	account, _, err := client.Bank.Create(ctx, &bynet.CreateBankAccountParams{BankCode: "341", Agency: "1234",
		Account: "56789-0", AccountType: "CHECKING", HolderName: "Loja Exemplo",
		Document: &bynet.Document{Number: validCNPJ}})
	require.NoError(t, err)
	assert.Equal(t, "Itaú Unibanco S.A.", account.BankName)

	found, _, err := client.Bank.FindByID(ctx, account.ID)
	require.NoError(t, err)
	assert.Equal(t, account.ID, found.ID)

	page, _, err := client.Bank.FindAll(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 1, page.Total)

	banks, _, err := client.Bank.FindPreBank(ctx)
	require.NoError(t, err)
	assert.Contains(t, string(banks.Raw), "Nu Pagamentos")
}

func TestSDKCheckoutFlow(t *testing.T) {
	srv, client := newSandbox(t)
	ctx := context.Background()
	product, _, err := client.Products.Create(ctx, &bynet.CreateProductParams{Title: "Ebook", UnitPrice: 2990,
		PaymentMethods: &bynet.PaymentMethods{Pix: true}})
	require.NoError(t, err)

	info, _, err := client.Checkout.FindInfo(ctx, product.UniqueProductLinkID)
	require.NoError(t, err)
	require.NotNil(t, info.Product)
	assert.Equal(t, "Ebook", info.Product.Title)

	methods, _, err := client.Checkout.FindPaymentMethodsByID(ctx, product.UniqueProductLinkID)
	require.NoError(t, err)
	assert.True(t, methods.Methods.Pix)
	assert.False(t, methods.Methods.CreditCard)

	order, _, err := client.Checkout.CreateOrder(ctx, product.UniqueProductLinkID, nil)
	require.NoError(t, err)
	assert.Equal(t, "OPEN", order.Status)

	payment, _, err := client.Checkout.CreatePayment(ctx, order.ID, &bynet.CreatePaymentParams{FullName: "Ana Souza",
		Document: validCPF, Email: "ana@example.com", PaymentMethod: bynet.PaymentMethodPix})
	require.NoError(t, err)
	require.NotNil(t, payment.Order)
	require.NotNil(t, payment.Order.Payment)
	assert.Equal(t, bynet.StatusWaitingPayment, payment.Order.Payment.Status)
	assert.NoError(t, bynettest.CheckPixCode(payment.Order.Payment.QRCode))

	require.NoError(t, srv.Pay(payment.Order.Payment.ID))
	paid, _, err := client.Checkout.FindOrderInfo(ctx, order.ID)
	require.NoError(t, err)
	assert.Equal(t, "PAID", paid.Status)

	account, _, err := client.Checkout.FindPaymentMethods(ctx)
	require.NoError(t, err)
	assert.True(t, account.Methods.CreditCard)
}

func TestSDKLayouts(t *testing.T) {
	_, client := newSandbox(t)
	ctx := context.Background()

	layout, _, err := client.Checkout.CreateLayout(ctx, &bynet.CreateLayoutParams{PrimaryColor: "#112233", Typography: "MONTSERRAT"})
	require.NoError(t, err)
	assert.Equal(t, bynet.LayoutActive, layout.Status)

	page, _, err := client.Checkout.FindLayouts(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, page.Total)

	updated, _, err := client.Checkout.UpdateLayoutSettings(ctx, layout.ID, &bynet.UpdateLayoutSettingsParams{PrimaryColor: "#445566"})
	require.NoError(t, err)
	assert.Equal(t, "#445566", updated.PrimaryColor)

	inactive, _, err := client.Checkout.UpdateLayoutStatus(ctx, layout.ID, "INACTIVE")
	require.NoError(t, err)
	assert.Equal(t, bynet.LayoutStatus("INACTIVE"), inactive.Status)

	found, _, err := client.Checkout.FindLayoutByID(ctx, layout.ID)
	require.NoError(t, err)
	assert.Equal(t, "#445566", found.PrimaryColor)
}
