package bynet

// CompanyService reads and updates the merchant account, which the API calls a seller.
type CompanyService service
