module github.com/bynet-go/bynet/bench

go 1.24

replace github.com/bynet-go/bynet => ../

require (
	github.com/bynet-go/bynet v0.0.0-00010101000000-000000000000
	github.com/google/go-github/v74 v74.0.0
	github.com/stripe/stripe-go/v82 v82.5.1
)

require (
	github.com/google/go-querystring v1.1.0 // indirect
	github.com/hashicorp/go-cleanhttp v0.5.2 // indirect
	github.com/hashicorp/go-retryablehttp v0.7.8 // indirect
)
