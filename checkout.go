package bynet

// CheckoutService manages checkout layouts, orders and payments.
type CheckoutService service
