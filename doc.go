// Package bynet is a typed Go client for the Bynet payment API, a Brazilian
// gateway for PIX, boleto and card charges, transfers, cashouts, balance,
// customers, products, checkout pages and webhooks. The same API runs under
// other brands (UmbrellaPag, Fyntra, AtivoPay, AtivoB2B); pass their host to
// WithBaseURL.
//
// # Client and services
//
// NewClient builds a Client for one API key (or the BYNET_API_KEY
// environment variable). Each API group is a service field of the client:
//
//	client, err := bynet.NewClient("")
//	tx, _, err := client.Transactions.Create(ctx, &bynet.CreateTransactionParams{...})
//	customer, _, err := client.Customers.FindByID(ctx, id)
//
// Every method takes a context, checks its input before any network I/O,
// and returns the typed data of the API's {message, data, status, error}
// envelope, a *Response describing the exchange, and an error.
//
// # Money
//
// Every amount is an int64 in centavos: R$ 10,00 is 1000.
//
// # Errors
//
// A failed call returns an *APIError (HTTP status, the server's message, the
// refusal reason, the request id) that matches the sentinels ErrBadRequest,
// ErrUnauthorized, ErrForbidden, ErrNotFound, ErrRateLimited, ErrServer and
// ErrRefused with errors.Is. Invalid input returns a *ValidationError that
// matches ErrInvalidParams. A body that is not the expected JSON returns a
// *DecodeError.
//
// # Retries and money
//
// Reads and idempotent writes are retried on connection errors, 429 and 5xx
// (except 501), with jittered exponential backoff that honours Retry-After
// and stops when the context ends. A request that creates a charge, transfer,
// cashout or payment is sent again only when the first attempt provably did
// not reach the server: the connection could not be opened, or the server
// answered 429. When the outcome cannot be known (a timeout or reset after
// sending, or a 5xx), the error wraps ErrOutcomeUnknown: look the object up
// before you try again.
//
// # Testing
//
// Package bynettest runs an in-process fake of the API on loopback, so tests
// and examples run with no key and no network.
package bynet
