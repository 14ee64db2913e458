package bynettest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// order is a checkout order opened on a product link. Its payment is the
// transaction that Create payment made.
type order struct {
	ID        string
	LinkID    string
	Metadata  json.RawMessage
	PaymentID string
	CreatedAt timestamp
	UpdatedAt timestamp
	product   *product
}

// orderView is an order as the API returns it, with its payment read from
// the transaction.
type orderView struct {
	ID        string          `json:"id"`
	LinkID    string          `json:"linkId"`
	Status    string          `json:"status"`
	Amount    int64           `json:"amount"`
	Product   orderProduct    `json:"product"`
	Metadata  json.RawMessage `json:"metadata"`
	Payment   *paymentView    `json:"payment"`
	CreatedAt timestamp       `json:"createdAt"`
	UpdatedAt timestamp       `json:"updatedAt"`
}

type orderProduct struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	UnitPrice int64  `json:"unitPrice"`
}

// paymentView is the payment of an order, in the shape public client code
// reads at data.order.payment.
type paymentView struct {
	ID            string          `json:"id"`
	Status        string          `json:"status"`
	Amount        int64           `json:"amount"`
	PaymentMethod string          `json:"paymentMethod"`
	RefusedReason *refusal        `json:"refusedReason"`
	QRCode        *string         `json:"qrCode"`
	Pix           *orderPix       `json:"pix"`
	ExternalRef   *string         `json:"externalRef"`
	GatewayID     string          `json:"gatewayId"`
	Provider      string          `json:"provider"`
	Payload       json.RawMessage `json:"payload"`
}

type orderPix struct {
	ID             string    `json:"id"`
	QRCode         string    `json:"qrcode"`
	ExpirationDate timestamp `json:"expirationDate"`
	EndToEndID     *string   `json:"endToEndId"`
}

// view builds the order as the API returns it. The caller holds the lock.
func (st *state) view(o *order) orderView {
	v := orderView{ID: o.ID, LinkID: o.LinkID, Status: "OPEN", Amount: o.product.UnitPrice,
		Product:  orderProduct{ID: o.product.ID, Title: o.product.Title, UnitPrice: o.product.UnitPrice},
		Metadata: o.Metadata, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}

	if tx := st.transaction(o.PaymentID); tx != nil {
		v.Status = tx.Status
		v.Payment = &paymentView{ID: tx.ID, Status: tx.Status, Amount: tx.Amount, PaymentMethod: tx.PaymentMethod,
			RefusedReason: tx.RefusedReason, ExternalRef: tx.ExternalRef, GatewayID: GatewayID,
			Provider: "bynettest", Payload: tx.Payload}
		if tx.Pix != nil {
			v.Payment.QRCode = &tx.Pix.QRCode
			v.Payment.Pix = &orderPix{ID: tx.ID, QRCode: tx.Pix.QRCode, ExpirationDate: tx.Pix.ExpirationDate,
				EndToEndID: tx.Pix.EndToEndID}
		}
	}
	return v
}

func (st *state) order(id string) *order {
	return findRecord(st.orders, func(o *order) bool { return o.ID == id })
}

func (s *Server) createOrder(c *call) (string, any, error) {
	var req struct {
		Metadata json.RawMessage `json:"metadata"`
	}
	if len(strings.TrimSpace(string(c.body))) > 0 {
		if err := c.decode(&req); err != nil {
			return "", nil, err
		}
	}

	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	p, err := st.sellableProduct(c.r.PathValue("id"))
	if err != nil {
		return "", nil, err
	}

	now := timestamp(st.now())
	o := &order{ID: newID(), LinkID: p.UniqueProductLinkID, Metadata: req.Metadata, CreatedAt: now, UpdatedAt: now, product: p}
	st.orders = append(st.orders, o)
	return "Pedido criado com sucesso.", created{snapshot(st.view(o))}, nil
}

func (s *Server) getOrder(c *call) (string, any, error) {
	st := s.state
	st.mu.Lock()
	defer st.mu.Unlock()

	o := st.order(c.r.PathValue("id"))
	if o == nil {
		return "", nil, notFound("Pedido não encontrado.")
	}
	return "Pedido encontrado com sucesso.", snapshot(st.view(o)), nil
}

// checkoutPaymentRequest is the buyer's data. It accepts the flat fields
// that public client code sends and a nested customer object.
type checkoutPaymentRequest struct {
	FullName      string         `json:"fullName"`
	Document      string         `json:"document"`
	Email         string         `json:"email"`
	Phone         string         `json:"phone"`
	ZipCode       string         `json:"zipCode"`
	Street        string         `json:"street"`
	StreetNumber  string         `json:"streetNumber"`
	Neighborhood  string         `json:"neighborhood"`
	Complement    string         `json:"complement"`
	City          string         `json:"city"`
	State         string         `json:"state"`
	Country       string         `json:"country"`
	PaymentMethod string         `json:"paymentMethod"`
	Installments  int            `json:"installments"`
	Card          *cardRequest   `json:"card"`
	ExternalRef   string         `json:"externalRef"`
	Customer      *customerInput `json:"customer"`
}

// transactionRequest turns the buyer's data into a charge of the product.
func (r *checkoutPaymentRequest) transactionRequest(p *product) (*createTransactionRequest, error) {
	method := strings.ToUpper(strings.TrimSpace(r.PaymentMethod))
	if !p.PaymentMethod[method] {
		return nil, badRequest("paymentMethod", "Método de pagamento não disponível para este produto.")
	}

	customer := r.Customer
	if customer == nil {
		customer = &customerInput{Name: r.FullName, Email: r.Email, Phone: r.Phone, Document: documentOf(r.Document)}
		customer.Address = snapshot(map[string]string{"street": r.Street, "streetNumber": r.StreetNumber,
			"complement": r.Complement, "zipCode": validate.Digits(r.ZipCode), "neighborhood": r.Neighborhood,
			"city": r.City, "state": r.State, "country": r.Country})
	}

	req := &createTransactionRequest{
		Amount: json.Number(fmt.Sprint(p.UnitPrice)), PaymentMethod: method, Customer: customer, Card: r.Card,
		Items:       []itemRequest{{Title: p.Title, UnitPrice: p.UnitPrice, Quantity: 1, Tangible: p.ShippingType == "PHYSICAL"}},
		ExternalRef: r.ExternalRef,
	}
	if r.Installments > 0 {
		req.Installments = &r.Installments
	}
	return req, req.validate()
}

func (s *Server) createCheckoutPayment(c *call) (string, any, error) {
	var req checkoutPaymentRequest
	if err := c.decode(&req); err != nil {
		return "", nil, err
	}

	st := s.state
	st.mu.Lock()
	o := st.order(c.r.PathValue("id"))
	if o == nil {
		st.mu.Unlock()
		return "", nil, notFound("Pedido não encontrado.")
	}

	tx, err := st.payOrder(o, &req, c)
	if err != nil {
		st.mu.Unlock()
		return "", nil, err
	}

	data := snapshot(map[string]any{"id": tx.ID, "order": st.view(o)})
	settled := tx.Status != "WAITING_PAYMENT"
	event := st.transactionPostback(tx)
	st.mu.Unlock()

	if settled {
		s.post.send(event)
	} else {
		s.settleLater(func() { _ = s.Pay(tx.ID) })
	}
	return "Pagamento criado com sucesso.", created{data}, nil
}

// payOrder creates the order's charge, unless one is already pending or
// paid. The caller holds the lock.
func (st *state) payOrder(o *order, req *checkoutPaymentRequest, c *call) (*transaction, error) {
	if tx := st.transaction(o.PaymentID); tx != nil && tx.Status != "REFUSED" && tx.Status != "CANCELED" {
		return nil, badRequest("id", "Este pedido já possui um pagamento.")
	}

	txReq, err := req.transactionRequest(o.product)
	if err != nil {
		return nil, err
	}

	tx, err := st.newTransaction(txReq, c.body, clientIP(c))
	if err != nil {
		return nil, err
	}

	o.PaymentID, o.UpdatedAt = tx.ID, timestamp(time.Time(tx.CreatedAt))
	return tx, nil
}
