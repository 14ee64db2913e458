// Product-link sells a product through a checkout link: it creates the
// product, opens a checkout order on the product's link, pays the order by
// PIX and waits until the order is paid.
//
// By default it runs against the bynettest sandbox, with no API key and no
// network, and pays the PIX code on the sandbox itself:
//
//	go run ./examples/product-link
//
// With -live it uses the real API with the key in BYNET_API_KEY. It then
// creates a real product on the account and waits (up to -timeout) for
// someone to pay the printed PIX code:
//
//	BYNET_API_KEY=... go run ./examples/product-link -live
package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/bynet-go/bynet"
	"github.com/bynet-go/bynet/examples/internal/exampleenv"
)

func main() {
	exampleenv.Main("product-link", run)
}

// run is the whole program, so a test can run it in-process.
func run(ctx context.Context, w io.Writer, args []string) error {
	env, err := exampleenv.Setup("product-link", w, args, nil)
	if err != nil {
		return err
	}
	defer env.Close()

	order, payment, err := sell(ctx, w, env.Client)
	if err != nil {
		return err
	}

	if err := env.PayOnSandbox(w, payment.ID); err != nil {
		return err
	}

	status, err := exampleenv.Poll(ctx, env.Timeout, func(ctx context.Context) (string, bool, error) {
		got, _, err := env.Client.Checkout.FindOrderInfo(ctx, order.ID)
		if err != nil {
			return "", false, fmt.Errorf("read order: %w", err)
		}
		return got.Status, got.Status != "OPEN" && got.Status != string(bynet.StatusWaitingPayment), nil
	})
	if err != nil {
		return fmt.Errorf("order %s is %s: %w", order.ID, status, err)
	}

	fmt.Fprintf(w, "order %s: %s\n", order.ID, status)
	return nil
}

// sell creates the product, opens an order on its link and pays the order
// by PIX, printing each step.
func sell(ctx context.Context, w io.Writer, client *bynet.Client) (*bynet.CheckoutOrder, *bynet.OrderPayment, error) {
	product, _, err := client.Products.Create(ctx, &bynet.CreateProductParams{
		Title:          "Camiseta Gopher",
		Description:    "Camiseta de algodão com estampa do Gopher.",
		ShippingType:   bynet.ShippingPhysical,
		UnitPrice:      7990,
		PaymentMethods: &bynet.PaymentMethods{Pix: true},
	})
	if err != nil {
		return nil, nil, fmt.Errorf("create product: %w", err)
	}
	fmt.Fprintf(w, "product:  %s (link %s)\n", product.ID, product.UniqueProductLinkID)

	order, _, err := client.Checkout.CreateOrder(ctx, product.UniqueProductLinkID, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("open checkout order: %w", err)
	}
	fmt.Fprintf(w, "order:    %s (%s)\n", order.ID, order.Status)

	payment, _, err := client.Checkout.CreatePayment(ctx, order.ID, buyer())
	if err != nil {
		return nil, nil, fmt.Errorf("pay order: %w", err)
	}
	if payment.Order == nil || payment.Order.Payment == nil {
		return nil, nil, errors.New("pay order: the response has no payment")
	}

	p := payment.Order.Payment
	fmt.Fprintf(w, "payment:  %s (%s)\nPIX code: %s\n", p.ID, p.Status, p.QRCode)
	return order, p, nil
}

func buyer() *bynet.CreatePaymentParams {
	return &bynet.CreatePaymentParams{
		FullName:      "Carlos Eduardo Pereira",
		Document:      "28614095333",
		Email:         "carlos.pereira@example.com",
		Phone:         "21987654321",
		PaymentMethod: bynet.PaymentMethodPix,
		Address: bynet.Address{Street: "Rua das Laranjeiras", StreetNumber: "120", Neighborhood: "Laranjeiras",
			City: "Rio de Janeiro", State: "RJ", ZipCode: "22240003", Country: "BR"},
	}
}
