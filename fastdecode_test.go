package bynet

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/bynet-go/bynet/internal/jsonx"
)

// generalDecode is the decode path without decodeTyped: the reference that
// the one-pass decode must agree with.
func generalDecode(body []byte, out any) (message string, failed bool) {
	env, err := parseEnvelope(body)
	if err != nil || envelopeFailed(env) || isNull(env.Data) {
		return "", true
	}

	if jsonx.Unmarshal(env.Data, out) != nil {
		return "", true
	}
	return env.Message, false
}

// decodeBody runs the client's decode on a 200 response with body.
func decodeBody(body string, callerOut bool, out any) (*Response, error) {
	c := newClient("sk_test_fake", defaultConfig())
	return c.decode(&callState{body: []byte(body)}, &request{method: http.MethodGet, path: "/x", callerOut: callerOut},
		&http.Response{StatusCode: http.StatusOK, Header: http.Header{}}, out)
}

func TestDecodeAgreesWithGeneralPath(t *testing.T) {
	bodies := map[string]string{
		"envelope":           `{"data":{"id":"c1","name":"Ana","document":{"number":"12345678909","type":"cpf"}},"message":"ok","status":200,"error":null}`,
		"no status or error": `{"data":{"id":"c1"},"message":"ok"}`,
		"error false":        `{"data":{"id":"c1"},"status":201,"error":false}`,
		"status as string":   `{"data":{"id":"c1"},"status":"200"}`,
		"status 400 in body": `{"data":{"id":"c1"},"message":"bad","status":400}`,
		"error true":         `{"data":{"id":"c1"},"error":true}`,
		"error empty object": `{"data":{"id":"c1"},"error":{}}`,
		"error blank string": `{"data":{"id":"c1"},"error":"  "}`,
		"error text":         `{"data":{"id":"c1"},"error":"Cliente não encontrado"}`,
		"data null":          `{"data":null,"message":"ok","status":200}`,
		"data missing":       `{"message":"ok","status":200}`,
		"bare object":        `{"id":"c1","name":"Ana"}`,
		"bare array":         `[{"id":"c1"}]`,
		"date only":          `{"data":{"id":"c1","createdAt":"2025-04-22"},"status":200}`,
		"number as id":       `{"data":{"id":42},"status":200}`,
		"invalid json":       `{"data":{"id":"c1"`,
		"negative status":    `{"data":{"id":"c1"},"status":-1}`,
		"message not string": `{"data":{"id":"c1"},"message":7}`,
		"escaped message":    `{"data":{"id":"c1"},"message":"Transa\u00e7\u00e3o \"ok\""}`,
		"padding member":     `{"data":{"id":"c1"},"x_padding":"xxxx","status":200}`,
		"nested other":       `{"meta":{"a":[1,{"b":"}"}]},"data":{"id":"c1"},"n":-1.5e3,"t":true}`,
		"invalid other":      `{"data":{"id":"c1"},"n":01}`,
		"bad escape other":   `{"data":{"id":"c1"},"s":"\x"}`,
		"folded data name":   `{"Data":{"id":"c1"},"status":200}`,
		"duplicate data":     `{"data":{"id":"c1"},"data":{"name":"Ana"}}`,
		"status leading 0":   `{"data":{"id":"c1"},"status":00}`,
		"trailing garbage":   `{"data":{"id":"c1"}} x`,
		"invalid in data":    `{"data":{"id":"c1",},"status":200}`,
		"page envelope":      `{"data":{"data":[{"id":"t1","customer":{"document":{"number":"1","type":"cpf"}}}],"page":1,"pages":1},"status":200}`,
		"page empty rows":    `{"data":{"data":[],"page":1,"pages":1,"limit":10,"total":0}}`,
		"page null rows":     `{"data":{"data":null,"page":null,"extra":{"a":[1]}}}`,
		"page null row":      `{"data":{"data":[null,{"id":"t2"}],"page":1}}`,
		"page folded name":   `{"data":{"Data":[{"id":"t1"}],"page":1}}`,
		"page twice":         `{"data":{"data":[{"id":"t1"}],"data":[{"id":"t2"}]}}`,
		"page bad row":       `{"data":{"data":[{"id":"t1"},{"id":}],"page":1}}`,
		"page row mismatch":  `{"data":{"data":[{"id":"t1","amount":"12"},"x"],"page":1}}`,
		"page trailing":      `{"data":{"data":[{"id":"t1"}] ,"page":1 , "limit" : 1 }}`,
		"page counter float": `{"data":{"data":[{"id":"t1"}],"page":1.0}}`,
	}

	for name, body := range bodies {
		for _, callerOut := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/callerOut=%v", name, callerOut), func(t *testing.T) {
				checkDecodeAgrees[Customer](t, body, callerOut)
				checkDecodeAgrees[Page[Transaction]](t, body, callerOut)
			})
		}
	}
}

func checkDecodeAgrees[T any](t *testing.T, body string, callerOut bool) {
	t.Helper()
	var want T
	wantMessage, wantFailed := generalDecode([]byte(body), &want)

	var got T
	resp, err := decodeBody(body, callerOut, &got)
	if gotFailed := err != nil; gotFailed != wantFailed {
		t.Fatalf("decode into %T: error = %v, want failure %v", got, err, wantFailed)
	}
	if wantFailed {
		var zero T
		if callerOut && !reflect.DeepEqual(got, zero) {
			t.Errorf("failed decode changed the caller's value to %+v", got)
		}
		return
	}
	if resp.Message != wantMessage {
		t.Errorf("message = %q, want %q", resp.Message, wantMessage)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decoded %+v, want %+v", got, want)
	}
}

func TestDecodeTypedKeepsCallerOutOnFallback(t *testing.T) {
	out := Customer{ID: "kept"}
	for _, body := range []string{`{"data":null}`, `{"data":{"id":"c2"},"status":500}`, `{"data":{"id":"c2"},"error":true}`, `[]`} {
		if _, ok := decodeTyped([]byte(body), &out, true); ok {
			t.Errorf("decodeTyped(%s) took the one-pass path, want the general one", body)
		}
		if out.ID != "kept" {
			t.Fatalf("decodeTyped(%s) changed out to %+v", body, out)
		}
	}
}

func TestDecodeTypedFillsPage(t *testing.T) {
	body := `{"data":{"data":[{"id":"t1","amount":"1990"},{"id":"t2","amount":500}],"page":1,"pages":2,"limit":2,"total":4},"status":200}`
	var page Page[Transaction]
	_, err := decodeBody(body, false, &page)
	if err != nil {
		t.Fatal(err)
	}

	if len(page.Data) != 2 || page.Data[0].Amount != 1990 || page.Page != 1 || page.Pages != 2 {
		t.Errorf("page = %+v, want 2 rows, amount 1990, page 1 of 2", page)
	}
	if string(page.Data[1].Raw) != `{"id":"t2","amount":500}` {
		t.Errorf("row Raw = %s, want the row as received", page.Data[1].Raw)
	}
}

func TestEnvelopeCodeParsesDigitsOnly(t *testing.T) {
	cases := map[string]envelopeCode{
		`200`:        {value: 200},
		`null`:       {},
		`"200"`:      {unusual: true},
		`2.5`:        {unusual: true},
		`1234567890`: {unusual: true},
	}
	for input, want := range cases {
		var got envelopeCode
		if err := got.UnmarshalJSON([]byte(input)); err != nil || got != want {
			t.Errorf("envelopeCode(%s) = %+v, %v; want %+v", input, got, err, want)
		}
	}
}

func TestDecodePageOtherShapes(t *testing.T) {
	bodies := map[string]string{
		"bare array":      `{"data":[{"id":"t1"},{"id":"t2"}],"status":200}`,
		"string counters": `{"data":{"data":[{"id":"t1"},{"id":"t2"}],"page":"1","pages":"1","limit":"2","total":"2"},"status":200}`,
	}

	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			var page Page[Transaction]
			_, err := decodeBody(body, false, &page)
			if err != nil {
				t.Fatal(err)
			}

			if len(page.Data) != 2 || page.Data[1].ID != "t2" || page.Page != 1 || page.Total != 2 {
				t.Errorf("page = %+v, want 2 rows on page 1 of 1", page)
			}
		})
	}
}

func FuzzDecodeAgreesWithGeneralPath(f *testing.F) {
	f.Add(`{"data":{"id":"c1","document":{"number":"1","type":"cpf"}},"message":"ok","status":200,"error":null}`)
	f.Add(`{"data":{"data":[{"id":"t1","amount":"5"}],"page":1,"pages":1},"status":"200"}`)
	f.Add(`{"data":null,"error":false}`)
	f.Add(`{"data":{"data":[null,{"id":"t2","customer":{"id":"c"}}],"page":1,"x":[{}]},"message":"ok"}`)

	f.Fuzz(func(t *testing.T, body string) {
		for _, callerOut := range []bool{false, true} {
			checkDecodeAgrees[Customer](t, body, callerOut)
			checkDecodeAgrees[Page[Transaction]](t, body, callerOut)
		}
	})
}

func TestDecodeScannedTakesPlainEnvelopes(t *testing.T) {
	for _, body := range []string{
		`{"data":{"id":"c1"},"message":"ok","status":200,"error":null}`,
		` { "data" : {"id":"c1"} , "message" : "Transa\u00e7\u00e3o" , "x_padding" : "xxxx" } `,
		`{"status":201,"error":false,"data":{"id":"c1","document":{"number":"1","type":"cpf"}}}`,
	} {
		var c Customer
		if _, ok := decodeScanned([]byte(body), &c); !ok || c.ID != "c1" {
			t.Errorf("decodeScanned(%s) = %+v, %v; want the one-pass decode of id c1", body, c, ok)
		}
	}
}

func TestPageDecodeScannedTakesPlainPages(t *testing.T) {
	var page Page[Transaction]
	body := ` {"data":[{"id":"t1"}, {"id":"t2","amount":"5"}],"page":2,"pages":3,"limit":2,"total":6,"extra":true} `
	if !page.decodeScanned([]byte(body)) {
		t.Fatalf("decodeScanned declined a plain page")
	}
	if len(page.Data) != 2 || page.Data[1].Amount != 5 || page.Page != 2 || page.Total != 6 {
		t.Errorf("page = %+v, want 2 rows, amount 5, page 2, total 6", page)
	}
	if string(page.Data[1].Raw) != `{"id":"t2","amount":"5"}` {
		t.Errorf("row Raw = %s, want the row as received", page.Data[1].Raw)
	}
}
