package bynet

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/bynet-go/bynet/internal/validate"
)

// PaymentMethod is the means by which a charge is paid. Values are upper
// case. The server sometimes sends lower case, which decodes to the same
// constant, and unknown values are kept as sent, upper-cased.
type PaymentMethod string

// Payment methods seen on the API.
const (
	PaymentMethodPix        PaymentMethod = "PIX"
	PaymentMethodBoleto     PaymentMethod = "BOLETO"
	PaymentMethodCreditCard PaymentMethod = "CREDIT_CARD"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (m *PaymentMethod) UnmarshalJSON(data []byte) error {
	*m = PaymentMethod(normalizeEnum(data))
	return nil
}

// TransactionStatus is the state of a charge. The REST API sends upper case
// and postbacks lower case; both decode to the constants below. Unknown
// values are kept, upper-cased.
type TransactionStatus string

// Transaction statuses seen on the API.
const (
	StatusWaitingPayment TransactionStatus = "WAITING_PAYMENT"
	StatusProcessing     TransactionStatus = "PROCESSING"
	StatusAuthorized     TransactionStatus = "AUTHORIZED"
	StatusPaid           TransactionStatus = "PAID"
	StatusRefunded       TransactionStatus = "REFUNDED"
	StatusRefused        TransactionStatus = "REFUSED"
	StatusChargedback    TransactionStatus = "CHARGEDBACK"
	StatusCanceled       TransactionStatus = "CANCELED"
	StatusInProtest      TransactionStatus = "IN_PROTEST"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (s *TransactionStatus) UnmarshalJSON(data []byte) error {
	*s = TransactionStatus(normalizeEnum(data))
	return nil
}

// DocumentType is the kind of a Brazilian tax document: CPF (person) or
// CNPJ (company).
type DocumentType string

// Document types.
const (
	DocumentCPF  DocumentType = "CPF"
	DocumentCNPJ DocumentType = "CNPJ"
)

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (t *DocumentType) UnmarshalJSON(data []byte) error {
	*t = DocumentType(normalizeEnum(data))
	return nil
}

// normalizeEnum returns a JSON string upper-cased and trimmed, or the raw
// JSON text of any other value; null yields "".
func normalizeEnum(data []byte) string {
	if text, ok := plainString(data); ok {
		return strings.ToUpper(strings.TrimSpace(text))
	}

	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		raw := strings.TrimSpace(string(data))
		if raw == "null" {
			return ""
		}
		return strings.ToUpper(raw)
	}

	return strings.ToUpper(strings.TrimSpace(text))
}

// plainString returns the text of a JSON string literal that needs no
// unescaping: no backslash, no control character, valid UTF-8. Other input
// reports false and is left to encoding/json.
func plainString(data []byte) (string, bool) {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return "", false
	}

	inner := data[1 : len(data)-1]
	for _, b := range inner {
		if b == '\\' || b == '"' || b < 0x20 {
			return "", false
		}
	}

	if !utf8.Valid(inner) {
		return "", false
	}
	return string(inner), true
}

// simpleString returns the text of a JSON string literal whose escapes are
// all single-character ones (\" \\ \/ \b \f \n \r \t), as metadata
// holding JSON usually is. It reports false for \u escapes, control
// characters, invalid UTF-8 and anything that is not a string literal,
// which the caller then gives to encoding/json.
func simpleString(data []byte) (string, bool) {
	if text, ok := plainString(data); ok {
		return text, true
	}

	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' || !utf8.Valid(data) {
		return "", false
	}

	inner := data[1 : len(data)-1]
	var out strings.Builder
	out.Grow(len(inner))
	for i := 0; i < len(inner); i++ {
		b := inner[i]
		switch {
		case b < 0x20 || b == '"':
			return "", false
		case b != '\\':
			out.WriteByte(b)
			continue
		}

		i++
		if i == len(inner) {
			return "", false
		}

		unescaped, ok := singleEscapes[inner[i]]
		if !ok {
			return "", false
		}
		out.WriteByte(unescaped)
	}

	return out.String(), true
}

// singleEscapes maps the character after a backslash to what it stands for.
var singleEscapes = map[byte]byte{
	'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

// parseDocumentObject decodes the usual shape of a document, an object
// whose only members are "number" and "type" with string values that need
// no unescaping, without the cost of a nested encoding/json decode. It
// reports false for any other input, which the caller then gives to
// encoding/json.
func parseDocumentObject(data []byte) (Document, bool) {
	var d Document
	ok := scanObject(data, func(name, value []byte) bool {
		text, ok := plainString(value)
		if !ok {
			return false
		}

		switch string(name) {
		case "number":
			d.Number = text
		case "type":
			d.Type = DocumentType(strings.ToUpper(strings.TrimSpace(text)))
		default:
			return false
		}
		return true
	})
	return d, ok
}

// Metadata is the merchant's free-form data on a charge. The API stores and
// returns it as a string that holds JSON; an object sent by the server is
// kept as its JSON text.
type Metadata string

// UnmarshalJSON accepts a string, an object or an array.
func (m *Metadata) UnmarshalJSON(data []byte) error {
	if text, ok := simpleString(data); ok {
		*m = Metadata(text)
		return nil
	}

	var text string
	if err := json.Unmarshal(data, &text); err == nil {
		*m = Metadata(text)
		return nil
	}

	if raw := strings.TrimSpace(string(data)); raw != "null" {
		*m = Metadata(raw)
	}
	return nil
}

// Map decodes the metadata as a JSON object. Empty metadata yields an empty
// map.
func (m Metadata) Map() (map[string]any, error) {
	out := map[string]any{}
	if strings.TrimSpace(string(m)) == "" {
		return out, nil
	}

	err := json.Unmarshal([]byte(m), &out)
	return out, err
}

// Decode decodes the metadata's JSON into v.
func (m Metadata) Decode(v any) error {
	return json.Unmarshal([]byte(m), v)
}

// encodeMetadata turns what a caller passed as metadata into the string the
// API expects: a string or Metadata as it is, anything else as its JSON.
func encodeMetadata(v any) (*string, error) {
	switch m := v.(type) {
	case nil:
		return nil, nil
	case string:
		return &m, nil
	case Metadata:
		s := string(m)
		return &s, nil
	case json.RawMessage:
		s := string(m)
		return &s, nil
	}

	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}

	s := string(data)
	return &s, nil
}

// withExtra adds the caller's extra fields to an encoded JSON object. An
// extra field replaces a typed one of the same name, so a caller can work
// around an encoding that the server does not accept.
func withExtra(data []byte, extra map[string]any) ([]byte, error) {
	if len(extra) == 0 {
		return data, nil
	}

	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, err
	}

	for key, value := range extra {
		encoded, err := json.Marshal(value)
		if err != nil {
			return nil, err
		}
		obj[key] = encoded
	}

	return json.Marshal(obj)
}

// Document is a CPF or CNPJ.
type Document struct {
	// Number is the document number; the SDK sends digits only.
	Number string `json:"number"`
	// Type is CPF or CNPJ. When empty in params, the SDK infers it from the length.
	Type DocumentType `json:"type"`
}

// Format prints the document with all but its last two characters masked,
// for every verb of the fmt package, so that printing a value that holds a
// Document cannot leak a full CPF or CNPJ. Read Number to get the digits.
func (d Document) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "{Number:%s Type:%s}", validate.Mask(d.Number), d.Type)
}

// LogValue logs the document with all but its last two characters masked.
func (d Document) LogValue() slog.Value {
	return slog.GroupValue(slog.String("number", validate.Mask(d.Number)), slog.String("type", string(d.Type)))
}

// Address is a postal address.
type Address struct {
	Street       string `json:"street,omitempty"`
	StreetNumber string `json:"streetNumber,omitempty"`
	Complement   string `json:"complement,omitempty"`
	// ZipCode is the CEP, digits only.
	ZipCode      string `json:"zipCode,omitempty"`
	Neighborhood string `json:"neighborhood,omitempty"`
	City         string `json:"city,omitempty"`
	// State is the two-letter UF, such as "SP".
	State string `json:"state,omitempty"`
	// Country is the ISO country code, such as "BR".
	Country string `json:"country,omitempty"`
}

// normalizeDocument checks the document's number and type and returns it
// with digits only and the type filled in. Error messages mask the number.
func normalizeDocument(field string, d Document) (Document, error) {
	number := validate.Digits(d.Number)
	docType := DocumentType(strings.ToUpper(string(d.Type)))

	if number == "" {
		return d, invalid(field+".number", "is empty; expected a CPF (11 digits) or CNPJ (14 characters)")
	}

	if docType == "" {
		switch len(number) {
		case 11:
			docType = DocumentCPF
		case 14:
			docType = DocumentCNPJ
		default:
			return d, invalid(field+".number", "%s has %d characters; expected a CPF (11 digits) or CNPJ (14 characters)",
				validate.Mask(number), len(number))
		}
	}

	switch docType {
	case DocumentCPF:
		if !validate.CPF(number) {
			return d, invalid(field+".number", "%s is not a valid CPF; expected 11 digits with correct check digits", validate.Mask(number))
		}
	case DocumentCNPJ:
		if !validate.CNPJ(number) {
			return d, invalid(field+".number", "%s is not a valid CNPJ; expected 14 characters with correct check digits", validate.Mask(number))
		}
	default:
		return d, invalid(field+".type", "%q is not a document type; expected CPF or CNPJ", d.Type)
	}

	return Document{Number: number, Type: docType}, nil
}

// IsPaid reports whether the charge's money was collected: PAID or
// AUTHORIZED. AUTHORIZED counts as paid because the API has no capture call
// that could still fail, and integrators of the platform release orders on
// it. A paid charge can later become REFUNDED or CHARGEDBACK.
func (s TransactionStatus) IsPaid() bool {
	return s == StatusPaid || s == StatusAuthorized
}

// IsReversed reports whether the charge was undone: REFUNDED, CHARGEDBACK
// or CANCELED.
func (s TransactionStatus) IsReversed() bool {
	return s == StatusRefunded || s == StatusChargedback || s == StatusCanceled
}

// IsFinal reports whether the charge has left the payment flow: it was paid
// (IsPaid), refused or reversed (IsReversed). WAITING_PAYMENT, PROCESSING,
// IN_PROTEST and unknown values are not final. A paid charge is final for
// order handling, yet a refund or chargeback can still move it on.
func (s TransactionStatus) IsFinal() bool {
	return s.IsPaid() || s.IsReversed() || s == StatusRefused
}

// addExtraQuery adds caller-supplied query parameters to q, replacing a
// typed parameter of the same name. A slice or array becomes a repeated
// parameter; any other value is sent in its fmt %v form.
func addExtraQuery(q url.Values, extra map[string]any) {
	for key, value := range extra {
		q.Del(key)

		rv := reflect.ValueOf(value)
		if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
			for i := 0; i < rv.Len(); i++ {
				q.Add(key, fmt.Sprint(rv.Index(i).Interface()))
			}
			continue
		}

		q.Set(key, fmt.Sprint(value))
	}
}

// marshalWithExtra encodes v, a params struct converted to a type without
// its MarshalJSON method, and merges the caller's extra fields in.
func marshalWithExtra(v any, extra map[string]any) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return withExtra(data, extra)
}
