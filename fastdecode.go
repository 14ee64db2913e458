package bynet

import (
	"encoding/json"
	"reflect"
)

// typedEnvelope is the response wrapper with data decoded straight into the
// caller's type, so a well-formed success body is parsed once instead of
// once for the wrapper and again for the data.
type typedEnvelope struct {
	Message string `json:"message"`
	// Data holds a **T whose *T starts nil, so that a missing or null data
	// leaves it nil.
	Data   any           `json:"data"`
	Status envelopeCode  `json:"status"`
	Error  envelopeError `json:"error"`
}

// decodeTyped decodes a success body whose envelope is plainly successful
// (numeric status below 400, null or false error, non-null data) into out,
// which must be a non-nil pointer, and returns the envelope's message. It
// reports false for anything else: a bare object or array, a status or
// error of another shape, a type mismatch that the tolerant decoder may
// repair, or invalid JSON. The caller then takes the general path, which
// handles every case and decodes out from scratch. Without keepOut it uses
// decodeScanned, which may leave out partly filled when it reports false.
// With keepOut, out belongs to the caller and then stays untouched.
func decodeTyped(body []byte, out any, keepOut bool) (string, bool) {
	if !keepOut {
		return decodeScanned(body, out)
	}

	outValue := reflect.ValueOf(out)
	if outValue.Kind() != reflect.Pointer || outValue.IsNil() {
		return "", false
	}

	// A fresh *T rather than out itself, so that out stays untouched when
	// the envelope turns out to be a failure.
	target := reflect.New(outValue.Type())
	env := typedEnvelope{Data: target.Interface()}
	if err := json.Unmarshal(body, &env); err != nil {
		return "", false
	}

	decoded := target.Elem()
	if decoded.IsNil() || !env.succeeded() {
		return "", false
	}

	outValue.Elem().Set(decoded.Elem())
	return env.Message, true
}

func (env *typedEnvelope) succeeded() bool {
	return !env.Status.unusual && env.Status.value < 400 && !env.Error.unusual
}

// envelopeCode is the envelope's status when it is null or an unsigned
// integer literal; any other value sets unusual.
type envelopeCode struct {
	value   int
	unusual bool
}

// UnmarshalJSON implements json.Unmarshaler without allocating.
func (c *envelopeCode) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}

	if len(data) > 9 || (len(data) > 1 && data[0] == '0') {
		c.unusual = true
		return nil
	}

	value := 0
	for _, b := range data {
		if b < '0' || b > '9' {
			c.unusual = true
			return nil
		}
		value = value*10 + int(b-'0')
	}

	c.value = value
	return nil
}

// envelopeError records whether the envelope's error is anything other
// than null or false.
type envelopeError struct {
	unusual bool
}

// UnmarshalJSON implements json.Unmarshaler without allocating.
func (e *envelopeError) UnmarshalJSON(data []byte) error {
	e.unusual = string(data) != "null" && string(data) != "false"
	return nil
}

var _ json.Unmarshaler = (*envelopeCode)(nil)
