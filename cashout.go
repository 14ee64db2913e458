package bynet

// CashoutService creates and reads withdrawals to a PIX key.
type CashoutService service
