// Package query encodes list parameters into a URL query string from struct
// tags of the form `url:"name,omitempty"`.
package query

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Encoder is implemented by values that add themselves to a query.
type Encoder interface {
	EncodeQuery(key string, v url.Values)
}

// Values encodes the exported fields of the struct that opts points to.
// Embedded structs are flattened, slices become repeated keys (or one
// comma-separated value with the "comma" option), times are
// written as RFC 3339, and nil pointers and omitempty zero values are skipped.
// A nil opts yields empty values.
func Values(opts any) (url.Values, error) {
	v := url.Values{}
	if opts == nil {
		return v, nil
	}

	rv := reflect.ValueOf(opts)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return v, nil
		}
		rv = rv.Elem()
	}

	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("query: expected a struct, got %T", opts)
	}

	addStruct(rv, v)
	return v, nil
}

func addStruct(rv reflect.Value, v url.Values) {
	t := rv.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := rv.Field(i)

		tag := f.Tag.Get("url")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}

		name, rest, _ := strings.Cut(tag, ",")
		omitEmpty := strings.Contains(rest, "omitempty")

		if f.Anonymous && name == "" {
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					continue
				}
				fv = fv.Elem()
			}
			if fv.Kind() == reflect.Struct {
				addStruct(fv, v)
			}
			continue
		}

		if name == "" {
			continue
		}

		addValue(name, fv, omitEmpty, strings.Contains(rest, "comma"), v)
	}
}

func addValue(name string, fv reflect.Value, omitEmpty, comma bool, v url.Values) {
	if fv.Kind() == reflect.Pointer {
		if fv.IsNil() {
			return
		}
		fv = fv.Elem()
		omitEmpty = false
	}

	if omitEmpty && fv.IsZero() {
		return
	}

	if enc, ok := fv.Interface().(Encoder); ok {
		enc.EncodeQuery(name, v)
		return
	}

	if t, ok := fv.Interface().(time.Time); ok {
		v.Add(name, t.Format(time.RFC3339))
		return
	}

	if fv.Kind() == reflect.Slice && comma {
		parts := make([]string, fv.Len())
		for i := range parts {
			parts[i] = scalar(fv.Index(i))
		}
		v.Add(name, strings.Join(parts, ","))
		return
	}

	if fv.Kind() == reflect.Slice {
		for i := 0; i < fv.Len(); i++ {
			v.Add(name, scalar(fv.Index(i)))
		}
		return
	}

	v.Add(name, scalar(fv))
}

func scalar(fv reflect.Value) string {
	switch fv.Kind() {
	case reflect.String:
		return fv.String()
	case reflect.Bool:
		return strconv.FormatBool(fv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(fv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return strconv.FormatUint(fv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return strconv.FormatFloat(fv.Float(), 'f', -1, 64)
	}

	return fmt.Sprint(fv.Interface())
}
