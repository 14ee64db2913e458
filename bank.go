package bynet

// BankService manages the bank accounts that receive payouts.
type BankService service
