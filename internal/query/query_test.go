package query

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type paging struct {
	Page  int `url:"page,omitempty"`
	Limit int `url:"limit,omitempty"`
}

type level string

type upper string

func (u upper) EncodeQuery(key string, v url.Values) {
	v.Set(key, "U:"+string(u))
}

type filters struct {
	paging
	Status    []level   `url:"status,omitempty,comma"`
	Method    []string  `url:"method,omitempty"`
	Name      string    `url:"name,omitempty"`
	Always    string    `url:"always"`
	Traceable *bool     `url:"traceable,omitempty"`
	Count     *int      `url:"count,omitempty"`
	Since     time.Time `url:"since,omitempty"`
	Ratio     float64   `url:"ratio,omitempty"`
	Size      uint      `url:"size,omitempty"`
	Flag      bool      `url:"flag,omitempty"`
	Custom    upper     `url:"custom,omitempty"`
	Skipped   string    `url:"-"`
	NoTag     string
	hidden    string `url:"hidden"`
}

func TestValuesEncodesTags(t *testing.T) {
	no, zero := false, 0
	got, err := Values(&filters{
		paging:    paging{Page: 2, Limit: 10},
		Status:    []level{"PAID", "WAITING_PAYMENT"},
		Method:    []string{"PIX", "BOLETO"},
		Name:      "Maria Silva",
		Traceable: &no,
		Count:     &zero,
		Since:     time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
		Ratio:     1.5,
		Size:      7,
		Flag:      true,
		Custom:    "x",
		Skipped:   "no",
		NoTag:     "no",
		hidden:    "no",
	})
	require.NoError(t, err)

	want := url.Values{
		"page":      {"2"},
		"limit":     {"10"},
		"status":    {"PAID,WAITING_PAYMENT"},
		"method":    {"PIX", "BOLETO"},
		"name":      {"Maria Silva"},
		"always":    {""},
		"traceable": {"false"},
		"count":     {"0"},
		"since":     {"2025-01-02T03:04:05Z"},
		"ratio":     {"1.5"},
		"size":      {"7"},
		"flag":      {"true"},
		"custom":    {"U:x"},
	}
	assert.Equal(t, want, got)
}

func TestValuesOmitsEmpty(t *testing.T) {
	got, err := Values(filters{})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"always": {""}}, got)
}

func TestValuesNilAndNonStruct(t *testing.T) {
	got, err := Values(nil)
	require.NoError(t, err)
	assert.Empty(t, got)

	var nilPtr *filters
	got, err = Values(nilPtr)
	require.NoError(t, err)
	assert.Empty(t, got)

	_, err = Values(42)
	assert.Error(t, err)
}

func TestValuesEmbeddedPointer(t *testing.T) {
	type withPointer struct {
		*paging
		Name string `url:"name,omitempty"`
	}

	got, err := Values(withPointer{Name: "x"})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"name": {"x"}}, got)

	got, err = Values(withPointer{paging: &paging{Page: 3}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"page": {"3"}}, got)
}
