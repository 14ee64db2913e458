package bynettest

// routes registers every endpoint of the sandbox.
func (s *Server) routes(mux mux) {
	s.transactionRoutes(mux)
	s.customerRoutes(mux)
}
