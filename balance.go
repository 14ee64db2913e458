package bynet

// BalanceService reads the balance history and the financial reserve.
type BalanceService service
