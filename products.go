package bynet

// ProductsService manages the products sold through checkout pages.
type ProductsService service
