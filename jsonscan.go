package bynet

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
)

// errInvalidData reports invalid JSON in the envelope's data.
var errInvalidData = errors.New("invalid JSON in data")

// envelopeMembers are the JSON values of the envelope's members in a body,
// each nil when the member is absent.
type envelopeMembers struct {
	data, message, status, errorValue []byte
}

// envelopeNames are the member names that encoding/json would match to the
// envelope struct, exactly or with case folded.
var envelopeNames = []string{"data", "message", "status", "error"}

// scanEnvelope finds the envelope's members in a JSON object body without
// decoding them. It follows only strings and brackets, which costs less
// than the encoding/json scanner, and checks that every member
// other than the four is valid JSON; the four are left to their decoders,
// which must check them. It reports false for anything it cannot take
// apart with certainty. That is a body that is not an object, a member name
// that needs unescaping or matches an envelope name only once case is
// folded, an envelope member given twice, or invalid JSON around them.
func scanEnvelope(body []byte) (envelopeMembers, bool) {
	var m envelopeMembers
	ok := scanObject(body, m.store)
	return m, ok
}

// scanObject calls member with the name and the raw value of each member
// of the JSON object data, in order. It reports false when data is not an
// object, when a member name needs unescaping, when a value is cut short,
// or when member returns false. It does not check the values.
func scanObject(data []byte, member func(name, value []byte) bool) bool {
	rest, ok := consume(data, '{')
	if !ok {
		return false
	}

	if end, ok := consume(rest, '}'); ok {
		return len(skipSpace(end)) == 0
	}

	for {
		name, value, after, ok := cutRawMember(rest)
		if !ok || !member(name, value) {
			return false
		}

		if next, ok := consume(after, ','); ok {
			rest = next
			continue
		}

		end, ok := consume(after, '}')
		return ok && len(skipSpace(end)) == 0
	}
}

// cutRawMember splits `"name": value` off the start of data, with a name
// that needs no unescaping and a value of any type, not yet checked.
func cutRawMember(data []byte) (name, value, rest []byte, ok bool) {
	literal, rest, ok := cutPlainString(skipSpace(data))
	if !ok {
		return nil, nil, nil, false
	}

	if _, ok := plainString(literal); !ok {
		return nil, nil, nil, false
	}

	if rest, ok = consume(rest, ':'); !ok {
		return nil, nil, nil, false
	}

	rest = skipSpace(rest)
	n, ok := valueLength(rest)
	if !ok {
		return nil, nil, nil, false
	}

	return literal[1 : len(literal)-1], rest[:n], rest[n:], true
}

// store keeps value as the envelope member name, or checks it when name is
// another member. It reports false for a repeated envelope member, a name
// that differs from one only in case, or an invalid other value.
func (m *envelopeMembers) store(name, value []byte) bool {
	i := slices.Index(envelopeNames, string(name))
	if i < 0 {
		return !foldsToAny(name, envelopeNames) && validValue(value)
	}

	slot := []*[]byte{&m.data, &m.message, &m.status, &m.errorValue}[i]
	if *slot != nil {
		return false
	}
	*slot = value
	return true
}

// foldsToAny reports whether name equals one of names once case is folded,
// which encoding/json would take as that member.
func foldsToAny(name []byte, names []string) bool {
	for _, known := range names {
		if bytes.EqualFold(name, []byte(known)) {
			return true
		}
	}
	return false
}

// valueLength returns the length of the JSON value at the start of data. It
// is exact for valid JSON, whose validity is checked elsewhere: a string
// ends at its closing quote, an object or array at its matching bracket,
// and a literal before the next delimiter.
func valueLength(data []byte) (int, bool) {
	if len(data) == 0 {
		return 0, false
	}

	switch data[0] {
	case '"':
		return stringLength(data)
	case '{', '[':
		return bracketLength(data)
	}

	n := 0
	for n < len(data) && !endsLiteral(data[n]) {
		n++
	}
	return n, n > 0
}

func endsLiteral(b byte) bool {
	switch b {
	case ',', '}', ']', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// stringLength returns the length of the string literal at the start of
// data: up to the first quote that no backslash escapes.
func stringLength(data []byte) (int, bool) {
	i := 1
	for {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			return 0, false
		}

		end := i + j
		backslashes := 0
		for end-1-backslashes >= 1 && data[end-1-backslashes] == '\\' {
			backslashes++
		}

		if backslashes%2 == 0 {
			return end + 1, true
		}
		i = end + 1
	}
}

// bracketLength returns the length of the object or array at the start of
// data, skipping brackets inside strings.
func bracketLength(data []byte) (int, bool) {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '"':
			n, ok := stringLength(data[i:])
			if !ok {
				return 0, false
			}
			i += n - 1
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

// validValue reports whether value is valid JSON, checking a string without
// escapes by hand and anything else with json.Valid.
func validValue(value []byte) bool {
	if len(value) < 2 || value[0] != '"' {
		return json.Valid(value)
	}

	for _, b := range value[1 : len(value)-1] {
		if b < 0x20 || b == '\\' {
			return json.Valid(value)
		}
	}
	return true
}

// decodeScanned decodes a body that scanEnvelope takes apart, with a plainly
// successful envelope, into out and returns the envelope's message. Only
// data is parsed by encoding/json, and only as deep as out needs. It
// reports false for any other body; out may then be partly filled.
func decodeScanned(body []byte, out any) (string, bool) {
	m, ok := scanEnvelope(body)
	if !ok || m.data == nil || string(m.data) == "null" {
		return "", false
	}

	var code envelopeCode
	var failure envelopeError
	// Both decoders never fail: they flag what they cannot read as unusual.
	if m.status != nil {
		_ = code.UnmarshalJSON(m.status)
	}
	if m.errorValue != nil {
		_ = failure.UnmarshalJSON(m.errorValue)
	}
	if code.unusual || code.value >= 400 || failure.unusual {
		return "", false
	}

	message, ok := envelopeMessage(m.message)
	if !ok || decodeData(m.data, out) != nil {
		return "", false
	}
	return message, true
}

// envelopeMessage decodes the message member, which must be a string or
// null when present.
func envelopeMessage(value []byte) (string, bool) {
	if value == nil || string(value) == "null" {
		return "", true
	}

	if text, ok := plainString(value); ok {
		return text, true
	}

	var text string
	if value[0] != '"' || json.Unmarshal(value, &text) != nil {
		return "", false
	}
	return text, true
}

// decodeData decodes data into out the way encoding/json would as a member
// of an object. A type with its own UnmarshalJSON gets the bytes after a
// validity check, unless it checks them itself. A Page in its plain shape
// is filled row by row.
func decodeData(data []byte, out any) error {
	if target, ok := out.(scannedDecoder); ok && target.decodeScanned(data) {
		return nil
	}

	switch target := out.(type) {
	case checkingDecoder:
		return target.UnmarshalJSON(data)
	case json.Unmarshaler:
		if !json.Valid(data) {
			return errInvalidData
		}
		return target.UnmarshalJSON(data)
	}

	return json.Unmarshal(data, out)
}

// scannedDecoder is a result type that fills itself from the plain shape
// of its JSON with the scanner of this file, reporting false for other
// shapes.
type scannedDecoder interface {
	decodeScanned(data []byte) bool
}

// checkingDecoder is a result type whose UnmarshalJSON rejects invalid JSON
// itself, because it decodes through jsonx.Unmarshal, so decodeData need not
// check the bytes first.
type checkingDecoder interface {
	json.Unmarshaler
	checksJSON()
}

// cutPlainString splits a string literal without escapes off the start of
// data.
func cutPlainString(data []byte) (literal, rest []byte, ok bool) {
	if len(data) == 0 || data[0] != '"' {
		return nil, nil, false
	}

	end := bytes.IndexByte(data[1:], '"')
	if end < 0 {
		return nil, nil, false
	}

	literal = data[:end+2]
	if bytes.IndexByte(literal, '\\') >= 0 {
		return nil, nil, false
	}
	return literal, data[end+2:], true
}

// consume skips white space and then the byte want.
func consume(data []byte, want byte) ([]byte, bool) {
	data = skipSpace(data)
	if len(data) == 0 || data[0] != want {
		return nil, false
	}
	return data[1:], true
}

func skipSpace(data []byte) []byte {
	for len(data) > 0 && (data[0] == ' ' || data[0] == '\t' || data[0] == '\r' || data[0] == '\n') {
		data = data[1:]
	}
	return data
}
