// Package jsonx decodes JSON tolerantly. It first tries encoding/json. Only
// when that fails on a type mismatch does it decode again by reflection,
// accepting the shapes that the Bynet server is known to send instead of the
// documented ones. These are numbers as strings, booleans as strings or 0/1,
// dates without a time, and values that no longer fit an enum.
package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Unmarshal decodes data into v, which must be a non-nil pointer. Syntax
// errors are returned as they are; type mismatches trigger the tolerant path,
// unless v has its own UnmarshalJSON, whose error is then final.
func Unmarshal(data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}

	if _, custom := v.(json.Unmarshaler); custom || !mismatch(err) {
		return err
	}

	return Lenient(data, v)
}

// mismatch reports whether err came from a value of an unexpected type rather
// than from malformed JSON, which no second pass can repair.
func mismatch(err error) bool {
	var syntaxErr *json.SyntaxError
	return !errors.As(err, &syntaxErr) && !errors.Is(err, io.ErrUnexpectedEOF)
}

// Lenient decodes data into v by reflection, converting values where the
// conversion cannot lose meaning. It fails only on invalid JSON and on a
// fractional number for an integer field, because guessing a money amount is
// worse than reporting it.
func Lenient(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("jsonx: Lenient needs a non-nil pointer, got %T", v)
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()

	var tree any
	if err := dec.Decode(&tree); err != nil {
		return err
	}

	if err := checkShape(tree, rv.Elem().Type()); err != nil {
		return err
	}

	fresh := reflect.New(rv.Elem().Type())
	if err := assign(fresh.Elem(), tree, ""); err != nil {
		return err
	}

	rv.Elem().Set(fresh.Elem())
	return nil
}

// checkShape rejects a top-level value that cannot fill t at all, such as a
// string for a struct, which the field-by-field pass would turn into a zero
// value that looks like a success. Nested values stay tolerant.
func checkShape(tree any, t reflect.Type) error {
	var ok bool
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		_, ok = tree.(map[string]any)
	case reflect.Slice:
		_, ok = tree.([]any)
	default:
		return nil
	}

	if ok || tree == nil || t == timeType || t == rawType {
		return nil
	}
	return fmt.Errorf("jsonx: cannot decode %s into %s", kindOf(tree), t)
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	}
	return "a value"
}

// FieldError reports a value that the lenient decoder could not convert
// without guessing.
type FieldError struct {
	Field string
	Value string
	Type  string
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("jsonx: field %q: cannot convert %s to %s", e.Field, e.Value, e.Type)
}

var (
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	timeType        = reflect.TypeFor[time.Time]()
	rawType         = reflect.TypeFor[json.RawMessage]()
)

func assign(dst reflect.Value, src any, path string) error {
	if src == nil {
		return nil
	}

	if dst.Type() == rawType {
		raw, _ := json.Marshal(src)
		dst.SetBytes(raw)
		return nil
	}

	if dst.Kind() == reflect.Pointer {
		elem := reflect.New(dst.Type().Elem())
		if err := assign(elem.Elem(), src, path); err != nil {
			return err
		}
		dst.Set(elem)
		return nil
	}

	if dst.Type() == timeType {
		dst.Set(reflect.ValueOf(ParseTime(src)))
		return nil
	}

	if dst.CanAddr() && dst.Addr().Type().Implements(unmarshalerType) {
		raw, err := json.Marshal(src)
		if err != nil {
			return nil
		}
		return unmarshalCustom(dst, raw, path)
	}

	return assignKind(dst, src, path)
}

// unmarshalCustom runs the UnmarshalJSON method of dst. A *FieldError from
// it is returned with its field path extended, because a type that decodes
// itself with this package rejects a fractional amount for the same reason
// as a plain field. Any other error leaves dst at its zero value.
func unmarshalCustom(dst reflect.Value, raw []byte, path string) error {
	err := dst.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)

	var fieldErr *FieldError
	if errors.As(err, &fieldErr) {
		return &FieldError{Field: join(path, fieldErr.Field), Value: fieldErr.Value, Type: fieldErr.Type}
	}
	return nil
}

func assignKind(dst reflect.Value, src any, path string) error {
	switch dst.Kind() {
	case reflect.String:
		dst.SetString(toString(src))
	case reflect.Bool:
		b, ok := toBool(src)
		if ok {
			dst.SetBool(b)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return assignInt(dst, src, path)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return assignInt(dst, src, path)
	case reflect.Float32, reflect.Float64:
		if f, ok := toFloat(src); ok {
			dst.SetFloat(f)
		}
	case reflect.Interface:
		if dst.NumMethod() == 0 {
			dst.Set(reflect.ValueOf(plain(src)))
		}
	case reflect.Slice:
		return assignSlice(dst, src, path)
	case reflect.Map:
		return assignMap(dst, src, path)
	case reflect.Struct:
		return assignStruct(dst, src, path)
	}

	return nil
}

func assignInt(dst reflect.Value, src any, path string) error {
	f, ok := toFloat(src)
	if !ok {
		return nil
	}

	if f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
		return &FieldError{Field: path, Value: strconv.Quote(toString(src)), Type: dst.Type().String()}
	}

	switch dst.Kind() {
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if f < 0 || dst.OverflowUint(uint64(f)) {
			return &FieldError{Field: path, Value: toString(src), Type: dst.Type().String()}
		}
		dst.SetUint(uint64(f))
	default:
		if f > math.MaxInt64 || f < math.MinInt64 || dst.OverflowInt(int64(f)) {
			return &FieldError{Field: path, Value: toString(src), Type: dst.Type().String()}
		}
		dst.SetInt(int64(f))
	}

	return nil
}

func assignSlice(dst reflect.Value, src any, path string) error {
	items, ok := src.([]any)
	if !ok {
		return nil
	}

	out := reflect.MakeSlice(dst.Type(), len(items), len(items))
	for i, item := range items {
		if err := assign(out.Index(i), item, fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}

	dst.Set(out)
	return nil
}

func assignMap(dst reflect.Value, src any, path string) error {
	obj, ok := src.(map[string]any)
	if !ok || dst.Type().Key().Kind() != reflect.String {
		return nil
	}

	out := reflect.MakeMapWithSize(dst.Type(), len(obj))
	for k, item := range obj {
		elem := reflect.New(dst.Type().Elem()).Elem()
		if err := assign(elem, item, join(path, k)); err != nil {
			return err
		}
		out.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), elem)
	}

	dst.Set(out)
	return nil
}

func assignStruct(dst reflect.Value, src any, path string) error {
	obj, ok := src.(map[string]any)
	if !ok {
		return nil
	}

	fields := fieldsOf(dst.Type())
	for key, item := range obj {
		index, ok := fields.lookup(key)
		if !ok {
			continue
		}

		field, err := dst.FieldByIndexErr(index)
		if err != nil {
			continue
		}

		if err := assign(field, item, join(path, key)); err != nil {
			return err
		}
	}

	return nil
}

type fieldSet struct {
	exact map[string][]int
	fold  map[string][]int
}

func (s fieldSet) lookup(key string) ([]int, bool) {
	if index, ok := s.exact[key]; ok {
		return index, true
	}

	index, ok := s.fold[strings.ToLower(key)]
	return index, ok
}

var fieldCache sync.Map

// fieldsOf maps JSON names to field indexes the way encoding/json does:
// exported fields, tag names first, embedded structs flattened.
func fieldsOf(t reflect.Type) fieldSet {
	if cached, ok := fieldCache.Load(t); ok {
		return cached.(fieldSet)
	}

	set := fieldSet{exact: map[string][]int{}, fold: map[string][]int{}}
	collectFields(t, nil, set)
	fieldCache.Store(t, set)
	return set
}

func collectFields(t reflect.Type, prefix []int, set fieldSet) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		index := append(append([]int(nil), prefix...), i)

		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}

		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			collectFields(f.Type, index, set)
			continue
		}

		if !f.IsExported() {
			continue
		}

		if name == "" {
			name = f.Name
		}

		if _, taken := set.exact[name]; !taken {
			set.exact[name] = index
		}
		if _, taken := set.fold[strings.ToLower(name)]; !taken {
			set.fold[strings.ToLower(name)] = index
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
