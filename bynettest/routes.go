package bynettest

// routes registers every endpoint of the sandbox.
func (s *Server) routes(mux mux) {
	s.companyRoutes(mux)
	s.productRoutes(mux)
	s.bankRoutes(mux)
	s.transactionRoutes(mux)
	s.transactionReportRoutes(mux)
	s.checkoutRoutes(mux)
	s.transferRoutes(mux)
	s.cashoutRoutes(mux)
	s.customerRoutes(mux)
	s.balanceRoutes(mux)
	s.webhookRoutes(mux)
	s.controlRoutes(mux)
}
