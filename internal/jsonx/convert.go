package jsonx

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// timeLayouts are the timestamp forms seen from the server, most common first.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
	"02/01/2006 15:04:05",
	"02/01/2006",
}

// ParseTime converts a JSON value into a time. It accepts ISO 8601 with or
// without a zone or fraction, a bare YYYY-MM-DD date (as UTC midnight), the
// DD/MM/YYYY form, and Unix seconds or milliseconds. Anything else, including
// null, yields the zero time rather than an error.
func ParseTime(v any) time.Time {
	switch val := v.(type) {
	case string:
		return parseTimeString(strings.TrimSpace(val))
	case json.Number:
		n, err := val.Int64()
		if err != nil || n <= 0 {
			return time.Time{}
		}
		if n > 1e12 {
			return time.UnixMilli(n).UTC()
		}
		return time.Unix(n, 0).UTC()
	}

	return time.Time{}
}

func parseTimeString(s string) time.Time {
	if s == "" {
		return time.Time{}
	}

	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}

	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return ParseTime(json.Number(strconv.FormatInt(n, 10)))
	}

	return time.Time{}
}

func toString(v any) string {
	switch val := v.(type) {
	case string:
		return val
	case json.Number:
		return val.String()
	case bool:
		return strconv.FormatBool(val)
	case nil:
		return ""
	}

	raw, _ := json.Marshal(v)
	return string(raw)
}

func toBool(v any) (bool, bool) {
	switch val := v.(type) {
	case bool:
		return val, true
	case json.Number:
		f, err := val.Float64()
		return f != 0, err == nil
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(val))
		return b, err == nil
	}

	return false, false
}

func toFloat(v any) (float64, bool) {
	switch val := v.(type) {
	case json.Number:
		f, err := val.Float64()
		return f, err == nil
	case string:
		s := strings.TrimSpace(val)
		if s == "" {
			return 0, false
		}
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	case bool:
		if val {
			return 1, true
		}
		return 0, true
	}

	return 0, false
}

// plain turns json.Number values back into float64, so an interface field
// holds what encoding/json would have put there.
func plain(v any) any {
	switch val := v.(type) {
	case json.Number:
		f, _ := val.Float64()
		return f
	case []any:
		for i := range val {
			val[i] = plain(val[i])
		}
	case map[string]any:
		for k := range val {
			val[k] = plain(val[k])
		}
	}

	return v
}
