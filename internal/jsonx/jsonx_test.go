package jsonx

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	Count int `json:"count"`
}

type sample struct {
	Amount   int64           `json:"amount"`
	Small    int8            `json:"small"`
	Unsigned uint            `json:"unsigned"`
	Rate     float64         `json:"rate"`
	Active   bool            `json:"active"`
	Name     string          `json:"name"`
	When     time.Time       `json:"when"`
	Ptr      *int            `json:"ptr"`
	List     []int           `json:"list"`
	Labels   map[string]int  `json:"labels"`
	Any      any             `json:"any"`
	Raw      json.RawMessage `json:"raw"`
	Inner    inner           `json:"inner"`
	Rows     []inner         `json:"rows"`
	Ignored  string          `json:"-"`
	Untagged string
	ByName   map[string]string `json:"byName"`
}

func TestUnmarshalFastPath(t *testing.T) {
	var s sample
	require.NoError(t, Unmarshal([]byte(`{"amount":1990,"name":"x","when":"2025-01-02T03:04:05.678Z"}`), &s))
	assert.Equal(t, int64(1990), s.Amount)
	assert.Equal(t, time.Date(2025, 1, 2, 3, 4, 5, 678e6, time.UTC), s.When)
}

func TestUnmarshalNumbersAsStrings(t *testing.T) {
	var s sample
	data := `{"amount":"1990","small":"-3","unsigned":"7","rate":"4.99","ptr":"5","list":["1",2],` +
		`"labels":{"a":"1"},"inner":{"count":"3"},"rows":[{"count":"4"}],"active":"true","name":123}`
	require.NoError(t, Unmarshal([]byte(data), &s))

	assert.Equal(t, int64(1990), s.Amount)
	assert.Equal(t, int8(-3), s.Small)
	assert.Equal(t, uint(7), s.Unsigned)
	assert.Equal(t, 4.99, s.Rate)
	require.NotNil(t, s.Ptr)
	assert.Equal(t, 5, *s.Ptr)
	assert.Equal(t, []int{1, 2}, s.List)
	assert.Equal(t, map[string]int{"a": 1}, s.Labels)
	assert.Equal(t, 3, s.Inner.Count)
	assert.Equal(t, []inner{{Count: 4}}, s.Rows)
	assert.True(t, s.Active)
	assert.Equal(t, "123", s.Name)
}

func TestUnmarshalWholeFloatIntoInt(t *testing.T) {
	var s sample
	require.NoError(t, Unmarshal([]byte(`{"amount":1990.0,"name":1}`), &s))
	assert.Equal(t, int64(1990), s.Amount)
}

func TestUnmarshalFractionalIntFails(t *testing.T) {
	cases := map[string]string{
		"number":        `{"amount":19.9,"name":1}`,
		"string":        `{"amount":"19.90"}`,
		"nested":        `{"inner":{"count":"1.5"}}`,
		"in a list":     `{"rows":[{"count":1},{"count":"2.5"}]}`,
		"overflow int8": `{"small":300,"name":1}`,
		"negative uint": `{"unsigned":-1,"name":1}`,
	}

	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			var s sample
			err := Unmarshal([]byte(data), &s)

			var fieldErr *FieldError
			require.ErrorAs(t, err, &fieldErr)
			assert.NotEmpty(t, fieldErr.Field)
		})
	}
}

func TestFieldErrorNamesThePath(t *testing.T) {
	var s sample
	err := Unmarshal([]byte(`{"rows":[{"count":1},{"count":"2.5"}]}`), &s)

	var fieldErr *FieldError
	require.ErrorAs(t, err, &fieldErr)
	assert.Equal(t, "rows[1].count", fieldErr.Field)
	assert.Contains(t, err.Error(), `"2.5"`)
	assert.Contains(t, err.Error(), "int")
}

// decodesItself follows the pattern of the SDK's result types: an
// UnmarshalJSON that decodes a plain copy through this package.
type decodesItself struct {
	Amount int64 `json:"amount"`
	Raw    json.RawMessage
}

func (d *decodesItself) UnmarshalJSON(data []byte) error {
	type plain decodesItself
	var decoded plain
	if err := Unmarshal(data, &decoded); err != nil {
		return err
	}

	*d = decodesItself(decoded)
	d.Raw = append(json.RawMessage(nil), data...)
	return nil
}

type holder struct {
	Item  decodesItself   `json:"item"`
	Items []decodesItself `json:"items"`
	Other string          `json:"other"`
}

func TestCustomUnmarshalerKeepsFieldError(t *testing.T) {
	var top decodesItself
	err := Unmarshal([]byte(`{"amount":"1.5"}`), &top)
	assert.Error(t, err, "top level")

	var h holder
	err = Unmarshal([]byte(`{"items":[{"amount":1},{"amount":"2.5"}],"other":1}`), &h)

	var fieldErr *FieldError
	require.ErrorAs(t, err, &fieldErr, "inside a list")
	assert.Equal(t, "items[1].amount", fieldErr.Field)
}

func TestCustomUnmarshalerTolerantInside(t *testing.T) {
	var h holder
	require.NoError(t, Unmarshal([]byte(`{"item":{"amount":"10"},"items":[{"amount":"2"}],"other":5}`), &h))
	assert.Equal(t, int64(10), h.Item.Amount)
	assert.Equal(t, int64(2), h.Items[0].Amount)
	assert.Equal(t, "5", h.Other)
	assert.JSONEq(t, `{"amount":"10"}`, string(h.Item.Raw))
}

func TestUnmarshalWrongTopLevelShape(t *testing.T) {
	for _, data := range []string{`"tx1"`, `42`, `true`, `[1]`} {
		var s sample
		assert.Error(t, Unmarshal([]byte(data), &s), data)

		var d decodesItself
		assert.Error(t, Unmarshal([]byte(data), &d), data)
	}

	var list []inner
	assert.Error(t, Unmarshal([]byte(`{"count":1}`), &list))
	require.NoError(t, Unmarshal([]byte(`[{"count":"1"}]`), &list))
	assert.Equal(t, []inner{{Count: 1}}, list)
}

func TestUnmarshalWrongNestedShapeIsTolerated(t *testing.T) {
	var s sample
	require.NoError(t, Unmarshal([]byte(`{"inner":"x","rows":{},"list":"1","labels":[],"amount":"5"}`), &s))
	assert.Zero(t, s.Inner)
	assert.Nil(t, s.Rows)
	assert.Equal(t, int64(5), s.Amount)
}

func TestUnmarshalSyntaxErrors(t *testing.T) {
	for _, data := range []string{``, `{`, `{"amount":`, `{"amount":1,}`, `nul`} {
		var s sample
		assert.Error(t, Unmarshal([]byte(data), &s), "%q", data)
	}
}

func TestUnmarshalBogusDates(t *testing.T) {
	var s sample
	require.NoError(t, Unmarshal([]byte(`{"when":"not a date","amount":"1"}`), &s))
	assert.True(t, s.When.IsZero())

	require.NoError(t, Unmarshal([]byte(`{"when":"0000-00-00 00:00:00","amount":"1"}`), &s))
	assert.True(t, s.When.IsZero())
}

func TestUnmarshalKeepsInterfaceAndRaw(t *testing.T) {
	var s sample
	require.NoError(t, Unmarshal([]byte(`{"any":{"a":[1,"x"]},"raw":{"k":1},"amount":"1"}`), &s))
	assert.Equal(t, map[string]any{"a": []any{float64(1), "x"}}, s.Any)
	assert.JSONEq(t, `{"k":1}`, string(s.Raw))
}

func TestUnmarshalIgnoresUnknownAndDashFields(t *testing.T) {
	var s sample
	require.NoError(t, Unmarshal([]byte(`{"Ignored":"x","-":"y","untagged":"z","AMOUNT":"2","brandNew":[1]}`), &s))
	assert.Empty(t, s.Ignored)
	assert.Equal(t, "z", s.Untagged, "names match without case, like encoding/json")
	assert.Equal(t, int64(2), s.Amount)
}

func TestLenientNeedsPointer(t *testing.T) {
	var s sample
	assert.Error(t, Lenient([]byte(`{}`), s))
	assert.Error(t, Lenient([]byte(`{}`), (*sample)(nil)))
}

func TestParseTime(t *testing.T) {
	utc := func(y int, m time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, m, d, h, mi, s, ns, time.UTC)
	}

	cases := map[string]struct {
		in   any
		want time.Time
	}{
		"ISO with ms":         {"2025-03-28T21:30:42.929Z", utc(2025, 3, 28, 21, 30, 42, 929e6)},
		"ISO without zone":    {"2025-03-28T21:30:42", utc(2025, 3, 28, 21, 30, 42, 0)},
		"space separated":     {"2025-03-28 21:30:42", utc(2025, 3, 28, 21, 30, 42, 0)},
		"date only":           {"2025-07-14", utc(2025, 7, 14, 0, 0, 0, 0)},
		"Brazilian date":      {"14/07/2025", utc(2025, 7, 14, 0, 0, 0, 0)},
		"Brazilian date time": {"14/07/2025 10:00:00", utc(2025, 7, 14, 10, 0, 0, 0)},
		"Unix seconds":        {json.Number("1736000000"), time.Unix(1736000000, 0).UTC()},
		"Unix milliseconds":   {json.Number("1736000000123"), time.UnixMilli(1736000000123).UTC()},
		"seconds as string":   {"1736000000", time.Unix(1736000000, 0).UTC()},
		"padded":              {"  2025-07-14 ", utc(2025, 7, 14, 0, 0, 0, 0)},
		"empty":               {"", time.Time{}},
		"bogus":               {"yesterday", time.Time{}},
		"invalid month":       {"2025-13-01", time.Time{}},
		"negative number":     {json.Number("-5"), time.Time{}},
		"fraction":            {json.Number("1.5"), time.Time{}},
		"null":                {nil, time.Time{}},
		"boolean":             {true, time.Time{}},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := ParseTime(tc.in)
			assert.True(t, tc.want.Equal(got), "got %v, want %v", got, tc.want)
		})
	}
}

func TestMismatchClassification(t *testing.T) {
	var n int
	err := json.Unmarshal([]byte(`"x"`), &n)
	assert.True(t, mismatch(err))

	err = json.Unmarshal([]byte(`{`), &n)
	assert.False(t, mismatch(err))

}

func TestFieldErrorMessage(t *testing.T) {
	err := &FieldError{Field: "a", Value: `"1.5"`, Type: "int"}
	assert.Equal(t, `jsonx: field "a": cannot convert "1.5" to int`, err.Error())
}
