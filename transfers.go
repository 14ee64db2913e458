package bynet

// TransfersService creates and reads transfers.
type TransfersService service
