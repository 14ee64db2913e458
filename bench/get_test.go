package bench

import (
	"context"
	"net/http"
	"testing"
)

// BenchmarkGetCustomer fetches one object of getPayloadSize bytes per
// operation: the Bynet customer through raw net/http and bynet-go, a Stripe
// customer through stripe-go and a GitHub user through go-github.
func BenchmarkGetCustomer(b *testing.B) {
	ctx := context.Background()

	b.Run("sdk=raw", func(b *testing.B) {
		c := newRawClient()
		defer c.close()
		b.ReportAllocs()
		for b.Loop() {
			var out rawEnvelope[rawCustomer]
			if err := c.call(ctx, http.MethodGet, "/api/user/customers/"+customerID, nil, &out); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("sdk=bynet", func(b *testing.B) {
		c := newBynet(b, "")
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := c.Customers.FindByID(ctx, customerID); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("sdk=stripe", func(b *testing.B) {
		c := newStripe()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.V1Customers.Retrieve(ctx, "cus_Qx7rT2mYb8LpZa", nil); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("sdk=github", func(b *testing.B) {
		c := newGitHub(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := c.Users.Get(ctx, "mariasilva"); err != nil {
				b.Fatal(err)
			}
		}
	})
}
