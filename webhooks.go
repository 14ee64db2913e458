package bynet

// WebhooksService manages the webhooks registered on the account.
type WebhooksService service
