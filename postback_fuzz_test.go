package bynet_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/bynet-go/bynet"
)

// FuzzParsePostback checks that any body either decodes into a postback
// with an object id and an upper-case status, or fails with one of the two
// body errors, and that the HTTP path agrees with the bytes path. Its seeds
// live in testdata/fuzz/FuzzParsePostback and run with every go test.
func FuzzParsePostback(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := bynet.ParsePostbackBytes(body)
		if err != nil {
			if p != nil {
				t.Fatalf("got a postback together with error %v", err)
			}
			if !errors.Is(err, bynet.ErrPostbackMalformed) && !errors.Is(err, bynet.ErrPostbackMissingID) {
				t.Fatalf("error %v matches neither ErrPostbackMalformed nor ErrPostbackMissingID", err)
			}
		} else {
			checkFuzzedPostback(t, body, p)
		}

		r := postbackRequest("/postback", "application/json", string(body))
		fromRequest, requestErr := bynet.ParsePostback(r)
		if (err == nil) != (requestErr == nil) {
			t.Fatalf("ParsePostbackBytes error %v, ParsePostback error %v", err, requestErr)
		}
		if err == nil && fromRequest.ObjectID != p.ObjectID {
			t.Fatalf("ParsePostback object id %q, ParsePostbackBytes %q", fromRequest.ObjectID, p.ObjectID)
		}
	})
}

func checkFuzzedPostback(t *testing.T, body []byte, p *bynet.Postback) {
	t.Helper()
	switch {
	case p.ObjectID == "":
		t.Fatal("accepted a postback without an object id")
	case p.Kind == "":
		t.Fatal("accepted a postback without a kind")
	case string(p.Status) != strings.ToUpper(string(p.Status)):
		t.Fatalf("status %q is not upper case", p.Status)
	case !bytes.Equal(p.Raw, body):
		t.Fatal("Raw differs from the body")
	}

	if (p.Kind == bynet.PostbackTransaction) != (p.Transaction != nil) {
		t.Fatalf("kind %q with Transaction set = %v", p.Kind, p.Transaction != nil)
	}
	if p.Kind == bynet.PostbackTransaction && p.Transaction.ID == "" {
		t.Fatal("a transaction postback has a Transaction without an id")
	}
}
