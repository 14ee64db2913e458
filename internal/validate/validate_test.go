package validate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCPF(t *testing.T) {
	valid := []string{"52998224725", "529.982.247-25", "12345678909", "111.444.777-35", " 529 982 247 25 "}
	invalid := []string{
		"", "52998224724", "52998224715", "5299822472", "529982247250", "11111111111", "00000000000",
		"5299822472A", "abc", "529.982.247-2x",
	}

	for _, doc := range valid {
		assert.True(t, CPF(doc), doc)
	}
	for _, doc := range invalid {
		assert.False(t, CPF(doc), doc)
	}
}

func TestCNPJ(t *testing.T) {
	valid := []string{
		"11222333000181", "11.222.333/0001-81",
		// Alphanumeric CNPJs: check digits computed with the letter value
		// rule (ASCII code minus 48) of the format issued from July 2026.
		"12ABC34501DE35", "12.ABC.345/01DE-35", "12abc34501de35", "A1B2C3D4E5F668",
	}
	invalid := []string{
		"", "11222333000180", "11222333000191", "1122233300018", "112223330001810", "00000000000000",
		"12ABC34501DE36", "12ABC34501DE3A", "12ABC34501D!35", "A1B2C3D4E5F669", "AAAAAAAAAAAAAA",
	}

	for _, doc := range valid {
		assert.True(t, CNPJ(doc), doc)
	}
	for _, doc := range invalid {
		assert.False(t, CNPJ(doc), doc)
	}
}

func TestDigits(t *testing.T) {
	assert.Equal(t, "52998224725", Digits("529.982.247-25"))
	assert.Equal(t, "12ABC34501DE35", Digits("12.abc.345/01de-35"))
	assert.Equal(t, "", Digits(" .-/ "))
}

func TestMask(t *testing.T) {
	cases := map[string]string{
		"529.982.247-25":     "*********25",
		"11222333000181":     "************81",
		"12.ABC.345/01DE-35": "************35",
		"12":                 "**",
		"7":                  "*",
		"":                   "",
	}

	for doc, want := range cases {
		got := Mask(doc)
		assert.Equal(t, want, got, doc)
		if len(Digits(doc)) > 2 {
			assert.NotContains(t, got, Digits(doc)[:len(Digits(doc))-2], "only the last two characters stay")
		}
	}
}

func TestPathID(t *testing.T) {
	valid := []string{"2a205aaf-0000-0000-0000-000000000000", "abc", "a.b", "a b", "ção", "a:b", "a@b"}
	invalid := []string{
		"", " a", "a ", ".", "..", "a..b", "../x", "a/b", "a\\b", "a?b", "a#b", "a%2Fb",
		"a\x00b", "a\nb", "a\tb", "a\x7fb", "a\u0085b", "a\xffb",
	}

	for _, id := range valid {
		assert.NoError(t, PathID(id), "%q", id)
	}
	for _, id := range invalid {
		assert.Error(t, PathID(id), "%q", id)
	}
}

func TestCallbackURL(t *testing.T) {
	valid := []string{
		"https://shop.example.com/postback",
		"https://shop.example.com:8443/p?x=1",
		"http://127.0.0.1:8080/hook",
		"http://127.1.2.3/hook",
		"http://localhost/hook",
		"http://LOCALHOST:9000/hook",
		"http://[::1]:9000/hook",
	}
	invalid := map[string]string{
		"http://shop.example.com/postback":   "https",
		"http://10.0.0.1/hook":               "https",
		"http://localhost.example.com/":      "https",
		"ftp://shop.example.com/":            "scheme",
		"/postback":                          "absolute",
		"shop.example.com/postback":          "absolute",
		"https:///path":                      "absolute",
		"https://user:pass@shop.example.com": "credentials",
		"https://shop.example.com/%zz":       "valid URL",
		"":                                   "absolute",
	}

	for _, raw := range valid {
		assert.NoError(t, CallbackURL(raw), raw)
	}
	for raw, wantText := range invalid {
		err := CallbackURL(raw)
		if assert.Error(t, err, raw) {
			assert.Contains(t, err.Error(), wantText, raw)
		}
	}
}

func TestIsLoopbackHost(t *testing.T) {
	assert.True(t, IsLoopbackHost("localhost"))
	assert.True(t, IsLoopbackHost("127.0.0.1"))
	assert.True(t, IsLoopbackHost("::1"))
	assert.False(t, IsLoopbackHost("0.0.0.0"))
	assert.False(t, IsLoopbackHost("169.254.169.254"))
	assert.False(t, IsLoopbackHost(strings.Repeat("a", 10)))
}
