package bench

import (
	"context"
	"net/http"
	"testing"
)

// TestClientsDecodePayloads checks that every client reads the fields of
// the benchmark payloads, so no benchmark measures a failed or empty decode.
func TestClientsDecodePayloads(t *testing.T) {
	ctx := context.Background()

	raw := newRawClient()
	defer raw.close()
	var rawOut rawEnvelope[rawCustomer]
	if err := raw.call(ctx, http.MethodGet, "/api/user/customers/"+customerID, nil, &rawOut); err != nil {
		t.Fatal(err)
	}
	if rawOut.Data.Name != "Maria Silva" || rawOut.Data.Address == nil || rawOut.Data.CreatedAt.IsZero() {
		t.Errorf("raw customer = %+v, want the payload's fields", rawOut.Data)
	}

	customer, _, err := newBynet(t, "").Customers.FindByID(ctx, customerID)
	if err != nil {
		t.Fatal(err)
	}
	if customer.Name != "Maria Silva" || customer.Document.Number != "12345678909" || customer.CreatedAt.IsZero() {
		t.Errorf("bynet customer = %+v, want the payload's fields", customer)
	}

	stripeCustomer, err := newStripe().V1Customers.Retrieve(ctx, "cus_Qx7rT2mYb8LpZa", nil)
	if err != nil {
		t.Fatal(err)
	}
	if stripeCustomer.Name != "Maria Silva" || stripeCustomer.Address == nil {
		t.Errorf("stripe customer = %+v, want the payload's fields", stripeCustomer)
	}

	user, _, err := newGitHub(t).Users.Get(ctx, "mariasilva")
	if err != nil {
		t.Fatal(err)
	}
	if user.GetName() != "Maria Silva" || user.GetFollowers() != 48 {
		t.Errorf("github user = %+v, want the payload's fields", user)
	}
}

// TestPayloadsHaveOneSize checks that the GET bodies are equally long.
func TestPayloadsHaveOneSize(t *testing.T) {
	for name, body := range map[string][]byte{"bynet": fx.bynetCustomer, "stripe": fx.stripeCustomer, "github": fx.githubUser} {
		if len(body) != getPayloadSize {
			t.Errorf("%s body is %d bytes, want %d", name, len(body), getPayloadSize)
		}
	}
}
