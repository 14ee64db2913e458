package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// customerID is the id that every GET benchmark asks for.
const customerID = "3f6a1c2e-8b4d-4e7a-9c15-2d8e6f0a7b91"

// getPayloadSize is the byte size of every GET one object response body,
// whichever client reads it, so no client gets a smaller body to decode.
const getPayloadSize = 1536

// paddingKey names the key that brings a body to getPayloadSize. No client
// decodes it: each skips it as an unknown key.
const paddingKey = "x_padding"

// bynetCustomerData is a customer as the Bynet envelope carries it in data.
// The reference has no example body for Customers / Find by ID, so the
// fields are those of the customer of a charge's request plus the usual id,
// reference and timestamps.
const bynetCustomerData = `{
	"id": "3f6a1c2e-8b4d-4e7a-9c15-2d8e6f0a7b91",
	"externalRef": "cliente-000123",
	"name": "Maria Silva",
	"email": "maria.silva@example.com",
	"phone": "11999999999",
	"birthdate": "1990-05-17T00:00:00.000Z",
	"document": {"number": "12345678909", "type": "CPF"},
	"address": {
		"street": "Avenida Paulista",
		"streetNumber": "1578",
		"complement": "Conjunto 42",
		"zipCode": "01310200",
		"neighborhood": "Bela Vista",
		"city": "São Paulo",
		"state": "SP",
		"country": "BR"
	},
	"createdAt": "2025-04-22T13:05:12.345Z",
	"updatedAt": "2025-04-23T09:41:07.120Z"
}`

// stripeCustomer is a customer object as the Stripe API returns it.
const stripeCustomer = `{
	"id": "cus_Qx7rT2mYb8LpZa",
	"object": "customer",
	"address": {
		"city": "São Paulo",
		"country": "BR",
		"line1": "Avenida Paulista, 1578",
		"line2": "Conjunto 42",
		"postal_code": "01310200",
		"state": "SP"
	},
	"balance": 0,
	"created": 1745327112,
	"currency": "brl",
	"default_source": null,
	"delinquent": false,
	"description": "Cliente 000123",
	"discount": null,
	"email": "maria.silva@example.com",
	"invoice_prefix": "7C1F0B2A",
	"invoice_settings": {
		"custom_fields": null,
		"default_payment_method": null,
		"footer": null,
		"rendering_options": null
	},
	"livemode": false,
	"metadata": {"external_ref": "cliente-000123"},
	"name": "Maria Silva",
	"next_invoice_sequence": 1,
	"phone": "+5511999999999",
	"preferred_locales": ["pt-BR"],
	"shipping": null,
	"tax_exempt": "none",
	"test_clock": null
}`

// githubUser is a user object as the GitHub REST API returns it.
const githubUser = `{
	"login": "mariasilva",
	"id": 5812347,
	"node_id": "MDQ6VXNlcjU4MTIzNDc=",
	"avatar_url": "https://avatars.githubusercontent.com/u/5812347?v=4",
	"gravatar_id": "",
	"url": "https://api.github.com/users/mariasilva",
	"html_url": "https://github.com/mariasilva",
	"followers_url": "https://api.github.com/users/mariasilva/followers",
	"following_url": "https://api.github.com/users/mariasilva/following{/other_user}",
	"gists_url": "https://api.github.com/users/mariasilva/gists{/gist_id}",
	"starred_url": "https://api.github.com/users/mariasilva/starred{/owner}{/repo}",
	"subscriptions_url": "https://api.github.com/users/mariasilva/subscriptions",
	"organizations_url": "https://api.github.com/users/mariasilva/orgs",
	"repos_url": "https://api.github.com/users/mariasilva/repos",
	"events_url": "https://api.github.com/users/mariasilva/events{/privacy}",
	"received_events_url": "https://api.github.com/users/mariasilva/received_events",
	"type": "User",
	"site_admin": false,
	"name": "Maria Silva",
	"company": "Example Pagamentos",
	"blog": "https://example.com",
	"location": "São Paulo",
	"email": "maria.silva@example.com",
	"hireable": null,
	"bio": "Payments engineer",
	"twitter_username": null,
	"public_repos": 12,
	"public_gists": 3,
	"followers": 48,
	"following": 17,
	"created_at": "2013-10-30T14:22:05Z",
	"updated_at": "2025-04-23T09:41:07Z"
}`

// envelope wraps data the way the Bynet API wraps every response.
func envelope(message string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`{"data":`)
	b.Write(data)
	fmt.Fprintf(&b, `,"message":%q,"status":200,"error":null}`, message)
	return b.Bytes()
}

// compact removes the indentation of a literal above.
func compact(text string) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(text)); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// padTo adds paddingKey to the JSON object obj so that it is exactly size
// bytes long.
func padTo(obj []byte, size int) []byte {
	head := obj[:len(obj)-1]
	empty := len(head) + len(`,"`+paddingKey+`":""}`)
	if empty > size {
		panic(fmt.Sprintf("payload of %d bytes does not fit in %d", empty, size))
	}

	padded := append([]byte(nil), head...)
	padded = append(padded, `,"`+paddingKey+`":"`...)
	padded = append(padded, strings.Repeat("x", size-empty)...)
	return append(padded, `"}`...)
}

// getPayloads returns the three GET one object bodies, each getPayloadSize
// bytes long: the Bynet envelope (read by raw and bynet-go), the Stripe
// customer and the GitHub user.
func getPayloads() (bynetBody, stripeBody, githubBody []byte) {
	bynetBody = padTo(envelope("Cliente encontrado.", compact(bynetCustomerData)), getPayloadSize)
	stripeBody = padTo(compact(stripeCustomer), getPayloadSize)
	githubBody = padTo(compact(githubUser), getPayloadSize)
	return bynetBody, stripeBody, githubBody
}

// transactionJSON returns one PIX charge as the API sends it, with a
// customer, an item, the PIX code and the fee. n varies the ids and
// amounts so that rows differ.
func transactionJSON(n int, status string) []byte {
	return compact(fmt.Sprintf(`{
		"id": "7b1e4c2a-0000-4000-8000-%012d",
		"amount": %d,
		"refundedAmount": 0,
		"companyId": "c0a80101-0000-4000-8000-000000000042",
		"installments": 1,
		"paymentMethod": "PIX",
		"status": %q,
		"postbackUrl": "https://example.com/webhooks/bynet",
		"metadata": "{\"orderId\":\"pedido-%d\"}",
		"traceable": false,
		"secureId": "5d0c9e1f-0000-4000-8000-%012d",
		"secureUrl": "https://checkout.example.com/pay/5d0c9e1f",
		"createdAt": "2025-04-22T13:05:12.345Z",
		"updatedAt": "2025-04-22T13:05:12.345Z",
		"paidAt": null,
		"ip": "203.0.113.7",
		"externalRef": "pedido-%d",
		"endToEndId": null,
		"refusedReason": null,
		"customer": {
			"id": "3f6a1c2e-8b4d-4e7a-9c15-2d8e6f0a7b91",
			"externalRef": "cliente-000123",
			"name": "Maria Silva",
			"email": "maria.silva@example.com",
			"phone": "11999999999",
			"document": {"number": "12345678909", "type": "CPF"},
			"createdAt": "2025-04-22T13:05:12.345Z",
			"updatedAt": "2025-04-22T13:05:12.345Z"
		},
		"pix": {
			"qrcode": "00020101021226850014br.gov.bcb.pix2563pix.example.com/qr/v2/cobv/7b1e4c2a5204000053039865802BR5911Maria Silva6009Sao Paulo62070503***6304ABCD",
			"expirationDate": "2025-04-23T13:05:12.345Z"
		},
		"items": [
			{"title": "Convite", "unitPrice": %d, "quantity": 1, "tangible": false}
		],
		"fee": {"fixedAmount": 100, "spreadPercentage": 0.99, "estimatedFee": 120, "netAmount": %d}
	}`, n, 1990+n%1000, status, n, n, n, 1990+n%1000, 1870+n%1000))
}

// pageRows returns the 100 rows that every list page carries.
func pageRows() [][]byte {
	rows := make([][]byte, listPageSize)
	for i := range rows {
		rows[i] = transactionJSON(i+1, "WAITING_PAYMENT")
	}
	return rows
}

// listPageSize is the number of rows on every list page.
const listPageSize = 100
