package bynet_test

import (
	"context"
	"fmt"
	"log"
	"net/http/httptest"
	"strings"

	"github.com/bynet-go/bynet"
)

func ExampleNewPostbackHandler() {
	handler, err := bynet.NewPostbackHandler(
		func(ctx context.Context, p *bynet.Postback) error {
			fmt.Println(p.Kind, p.ObjectID, p.Status, p.Status.IsPaid())
			return nil
		},
		bynet.WithPostbackSecret("token", "a-long-random-secret"),
	)
	if err != nil {
		log.Fatal(err)
	}

	body := `{"objectId":"tx-1","data":{"status":"paid","type":"transaction"}}`
	for _, target := range []string{"/postback?token=a-long-random-secret", "/postback?token=guess"} {
		r := httptest.NewRequestWithContext(context.Background(), "POST", target, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")

		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		fmt.Println(w.Code)
	}
	// Output:
	// transaction tx-1 PAID true
	// 200
	// 403
}

func ExampleParsePostbackBytes() {
	flat := `{"id":"tx-2","status":"WAITING_PAYMENT","amount":1500}`
	documented := `{"objectId":"tx-2","data":{"status":"paid","amount":1500,"type":"transaction"}}`

	for _, body := range []string{flat, documented} {
		p, err := bynet.ParsePostbackBytes([]byte(body))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.ObjectID, p.Status, p.Amount, p.Status.IsFinal())
	}
	// Output:
	// tx-2 WAITING_PAYMENT 1500 false
	// tx-2 PAID 1500 true
}
