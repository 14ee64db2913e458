package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// rawClient is the floor: what a careful programmer writes by hand with
// net/http and encoding/json, with no retries, no tolerant decoding and no
// error mapping.
type rawClient struct {
	http *http.Client
	base string
}

// newRawClient returns a raw client whose transport keeps up to 64 idle
// connections, the same pool size as bynet-go's default transport, so that
// the concurrency benchmark compares request handling, not pool settings.
func newRawClient() *rawClient {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 128
	t.MaxIdleConnsPerHost = 64
	return &rawClient{http: &http.Client{Transport: t, Timeout: 30 * time.Second}, base: fx.srv.URL}
}

func (c *rawClient) close() {
	c.http.CloseIdleConnections()
}

// call sends one request and decodes the envelope into out.
func (c *rawClient) call(ctx context.Context, method, path string, body []byte, out any) error {
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}

	req, err := http.NewRequestWithContext(ctx, method, c.base+path, reader)
	if err != nil {
		return err
	}

	req.Header.Set("x-api-key", fakeKey)
	req.Header.Set("User-Agent", "AtivoB2B/1.0")
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()

	if resp.StatusCode >= 300 {
		_, _ = io.Copy(io.Discard, resp.Body)
		return fmt.Errorf("%s %s: status %d", method, path, resp.StatusCode)
	}

	err = json.NewDecoder(resp.Body).Decode(out)
	// Reading to the end lets the transport reuse the connection.
	if _, drainErr := io.Copy(io.Discard, resp.Body); err == nil {
		err = drainErr
	}
	return err
}

// rawEnvelope is the Bynet response wrapper, typed for one kind of data.
type rawEnvelope[T any] struct {
	Data    T      `json:"data"`
	Message string `json:"message"`
	Status  int    `json:"status"`
}

// rawDocument, rawAddress and rawCustomer hold the same fields as the
// SDK's types, with plain strings for enums.
type rawDocument struct {
	Number string `json:"number"`
	Type   string `json:"type"`
}

type rawAddress struct {
	Street       string `json:"street"`
	StreetNumber string `json:"streetNumber"`
	Complement   string `json:"complement"`
	ZipCode      string `json:"zipCode"`
	Neighborhood string `json:"neighborhood"`
	City         string `json:"city"`
	State        string `json:"state"`
	Country      string `json:"country"`
}

type rawCustomer struct {
	ID          string      `json:"id"`
	ExternalRef string      `json:"externalRef"`
	Name        string      `json:"name"`
	Email       string      `json:"email"`
	Phone       string      `json:"phone"`
	Birthdate   time.Time   `json:"birthdate"`
	Document    rawDocument `json:"document"`
	Address     *rawAddress `json:"address"`
	CreatedAt   time.Time   `json:"createdAt"`
	UpdatedAt   time.Time   `json:"updatedAt"`
}

type rawPix struct {
	QRCode         string    `json:"qrcode"`
	URL            string    `json:"url"`
	ExpirationDate time.Time `json:"expirationDate"`
	EndToEndID     string    `json:"endToEndId"`
}

type rawItem struct {
	Title       string `json:"title"`
	UnitPrice   int64  `json:"unitPrice"`
	Quantity    int    `json:"quantity"`
	Tangible    bool   `json:"tangible"`
	ExternalRef string `json:"externalRef,omitempty"`
}

type rawFee struct {
	FixedAmount      int64   `json:"fixedAmount"`
	SpreadPercentage float64 `json:"spreadPercentage"`
	EstimatedFee     int64   `json:"estimatedFee"`
	NetAmount        int64   `json:"netAmount"`
}

// rawTransaction holds the fields of bynet.Transaction that the benchmark
// payloads carry.
type rawTransaction struct {
	ID             string       `json:"id"`
	Amount         int64        `json:"amount"`
	RefundedAmount int64        `json:"refundedAmount"`
	CompanyID      string       `json:"companyId"`
	Installments   int          `json:"installments"`
	PaymentMethod  string       `json:"paymentMethod"`
	Status         string       `json:"status"`
	PostbackURL    string       `json:"postbackUrl"`
	Metadata       string       `json:"metadata"`
	Traceable      bool         `json:"traceable"`
	SecureID       string       `json:"secureId"`
	SecureURL      string       `json:"secureUrl"`
	CreatedAt      time.Time    `json:"createdAt"`
	UpdatedAt      time.Time    `json:"updatedAt"`
	PaidAt         time.Time    `json:"paidAt"`
	IP             string       `json:"ip"`
	ExternalRef    string       `json:"externalRef"`
	EndToEndID     string       `json:"endToEndId"`
	Customer       *rawCustomer `json:"customer"`
	Pix            *rawPix      `json:"pix"`
	Items          []rawItem    `json:"items"`
	Fee            *rawFee      `json:"fee"`
}

type rawPage struct {
	Data  []rawTransaction `json:"data"`
	Page  int              `json:"page"`
	Pages int              `json:"pages"`
	Limit int              `json:"limit"`
	Total int              `json:"total"`
}

// rawCreateParams is the PIX create body, typed by hand.
type rawCreateParams struct {
	Amount        int64  `json:"amount"`
	PaymentMethod string `json:"paymentMethod"`
	Customer      struct {
		Name     string      `json:"name"`
		Email    string      `json:"email"`
		Phone    string      `json:"phone"`
		Document rawDocument `json:"document"`
	} `json:"customer"`
	Items []rawItem `json:"items"`
	Pix   struct {
		ExpiresInDays int `json:"expiresInDays"`
	} `json:"pix"`
}
