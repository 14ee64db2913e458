package bynet

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestPlainStringAgreesWithEncodingJSON(t *testing.T) {
	inputs := []string{
		`"pix"`, `" credit_card "`, `""`, `"São Paulo"`, `"a\"b"`, `"\u00e3"`, `"tab\tin"`,
		"\"raw\ttab\"", "\"bad \xff utf8\"", `"{\"orderId\":1}"`, `null`, `12`, `"unterminated`, `"`,
	}

	for _, input := range inputs {
		got, ok := plainString([]byte(input))
		if !ok {
			continue
		}

		var want string
		if err := json.Unmarshal([]byte(input), &want); err != nil {
			t.Errorf("plainString(%s) accepted input that encoding/json rejects: %v", input, err)
			continue
		}
		if got != want {
			t.Errorf("plainString(%s) = %q, want %q", input, got, want)
		}
	}
}

func TestEnumAndMetadataDecodeUnchanged(t *testing.T) {
	var status TransactionStatus
	var method PaymentMethod
	var meta Metadata
	var doc Document

	body := `{"status":" paid ","method":"pix","meta":"{\"orderId\":\"p-1\"}","doc":"12345678909"}`
	var v struct {
		Status *TransactionStatus `json:"status"`
		Method *PaymentMethod     `json:"method"`
		Meta   *Metadata          `json:"meta"`
		Doc    *Document          `json:"doc"`
	}
	v.Status, v.Method, v.Meta, v.Doc = &status, &method, &meta, &doc
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}

	if status != StatusPaid || method != PaymentMethodPix {
		t.Errorf("status, method = %q, %q; want PAID, PIX", status, method)
	}
	if meta != `{"orderId":"p-1"}` {
		t.Errorf("metadata = %q, want the unescaped JSON text", meta)
	}
	if doc.Number != "12345678909" {
		t.Errorf("document = %+v, want the bare string as its number", doc)
	}

	if err := json.Unmarshal([]byte(`{"number":"12345678909","type":"cpf"}`), &doc); err != nil || doc.Type != DocumentCPF {
		t.Errorf("document object = %+v, %v; want type CPF", doc, err)
	}
}

func TestParseDocumentObjectAgreesWithEncodingJSON(t *testing.T) {
	inputs := []string{
		`{"number":"12345678909","type":"CPF"}`,
		` { "type" : " cnpj " , "number" : "11222333000181" } `,
		`{}`, `{"number":"1"}`, `{"number":"1","number":"2"}`,
		`{"Number":"1"}`, `{"number":1}`, `{"number":null}`, `{"number":"a\"b"}`,
		`{"number":"1",}`, `{"number":"1"} x`, `{"number":"1","extra":"x"}`, `{"number":"1"`,
		`{"number" "1"}`, `[]`, `"12345678909"`, `{"number":"São"}`,
	}

	for _, input := range inputs[:2] {
		if _, ok := parseDocumentObject([]byte(input)); !ok {
			t.Errorf("parseDocumentObject(%s) declined the usual shape", input)
		}
	}

	for _, input := range inputs {
		got, ok := parseDocumentObject([]byte(input))
		if !ok {
			continue
		}

		type plain Document
		var want plain
		if err := json.Unmarshal([]byte(input), &want); err != nil {
			t.Errorf("parseDocumentObject(%s) accepted input that encoding/json rejects: %v", input, err)
			continue
		}
		if got != Document(want) {
			t.Errorf("parseDocumentObject(%s) = %+v, want %+v", input, got, want)
		}
	}
}

func TestUnmarshalInPlaceReplacesOrKeeps(t *testing.T) {
	c := Customer{ID: "a", Name: "Ana"}
	if err := c.UnmarshalJSON([]byte(`{"id":"b"}`)); err != nil || c.ID != "b" || c.Name != "" {
		t.Errorf("customer after decode = %+v, %v; want only id b", c, err)
	}

	before := c
	if err := c.UnmarshalJSON([]byte(`{"id":`)); err == nil || !reflect.DeepEqual(c, before) {
		t.Errorf("customer after failed decode = %+v, %v; want it unchanged", c, err)
	}

	tx := Transaction{ID: "t1", Amount: 5}
	if err := tx.UnmarshalJSON([]byte(`{"id":"t2","amount":"7"}`)); err != nil || tx.ID != "t2" || tx.Amount != 7 {
		t.Errorf("transaction after tolerant decode = %+v, %v; want id t2, amount 7", tx, err)
	}

	txBefore := tx
	if err := tx.UnmarshalJSON([]byte(`{"amount":1.5}`)); err == nil || !reflect.DeepEqual(tx, txBefore) {
		t.Errorf("transaction after rejected decode = %+v, %v; want it unchanged", tx, err)
	}
}

func FuzzParseDocumentObject(f *testing.F) {
	f.Add(`{"number":"12345678909","type":"CPF"}`)
	f.Add(` {"type":"cnpj" ,"number":""}`)

	f.Fuzz(func(t *testing.T, input string) {
		got, ok := parseDocumentObject([]byte(input))
		if !ok {
			return
		}

		type plain Document
		var want plain
		if err := json.Unmarshal([]byte(input), &want); err != nil {
			t.Fatalf("parseDocumentObject(%q) accepted input that encoding/json rejects: %v", input, err)
		}
		if got != Document(want) {
			t.Fatalf("parseDocumentObject(%q) = %+v, want %+v", input, got, want)
		}
	})
}

func TestCheckingDecodersRejectInvalidJSON(t *testing.T) {
	decoders := map[string]checkingDecoder{"Customer": new(Customer), "Transaction": new(Transaction)}
	for name, decoder := range decoders {
		for _, input := range []string{`{"id":"a",}`, `{"id":"a"`, `{"id":01}`, `{"id":"a"} x`, `nul`} {
			if err := decoder.UnmarshalJSON([]byte(input)); err == nil {
				t.Errorf("%s.UnmarshalJSON(%s) accepted invalid JSON", name, input)
			}
		}
	}
}

func FuzzSimpleString(f *testing.F) {
	for _, seed := range []string{`"{\"orderId\":\"p-1\"}"`, `"a\\b\/c\n"`, `"\u00e3"`, `"x\"`, `"tab	"`} {
		f.Add(seed)
	}

	f.Fuzz(func(t *testing.T, input string) {
		got, ok := simpleString([]byte(input))
		if !ok {
			return
		}

		var want string
		if err := json.Unmarshal([]byte(input), &want); err != nil {
			t.Fatalf("simpleString(%q) accepted input that encoding/json rejects: %v", input, err)
		}
		if got != want {
			t.Fatalf("simpleString(%q) = %q, want %q", input, got, want)
		}
	})
}

func TestSimpleStringUnescapes(t *testing.T) {
	got, ok := simpleString([]byte(`"{\"orderId\":\"p-1\"}\n\\"`))
	if !ok || got != "{\"orderId\":\"p-1\"}\n\\" {
		t.Errorf("simpleString = %q, %v; want the unescaped text", got, ok)
	}

	for _, input := range []string{`"\u00e3"`, `"x\"`, `"a"b"`, "\"bad \xff\""} {
		if _, ok := simpleString([]byte(input)); ok {
			t.Errorf("simpleString(%s) accepted input it must leave to encoding/json", input)
		}
	}
}
