package redact

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBodyMasksSensitiveKeys(t *testing.T) {
	in := `{"cvv":"123","card":{"number":"4111111111111111"},"document":"52998224725","x-api-key":"sk_live_abc",` +
		`"apiKey":"k","password":"p","documentNumber":52998224725,"name":"Maria"}`
	got := Body(in)

	for _, secret := range []string{`"123"`, "4111111111111111", "52998224725", "sk_live_abc", `"k"`, `"p"`} {
		assert.NotContains(t, got, secret)
	}
	assert.Contains(t, got, `"cvv":"***"`)
	assert.Contains(t, got, `"name":"Maria"`, "other keys are kept")
}

func TestBodyMasksDigitRuns(t *testing.T) {
	cases := map[string]string{
		"CPF 529.982.247-25 bloqueado": "CPF ***.***.***-25 bloqueado",
		"CPF 52998224725":              "CPF *********25",
		"CNPJ 11.222.333/0001-81":      "CNPJ **.***.***/****-81",
		"cartão 4111 1111 1111 1111":   "cartão **** **** **** **11",
		"pedido 12345 de R$ 10,00":     "pedido 12345 de R$ 10,00",
		"telefone 1199999999":          "telefone 1199999999",
		"id 2a205aaf-0000-0000":        "id 2a205aaf-0000-0000",
		"CNPJ 12.ABC.345/01DE-35":      "CNPJ **.***.***/****-35",
		"CNPJ 12ABC34501DE35 inválido": "CNPJ ************35 inválido",
		"CNPJ 12abc34501de35":          "CNPJ ************35",
		"pedido ORDER0000000001":       "pedido ORDER0000000001",
		"ref 12ABC34501DE36":           "ref 12ABC34501DE36",
	}

	for in, want := range cases {
		assert.Equal(t, want, Body(in), in)
	}
}

func TestSecret(t *testing.T) {
	assert.Equal(t, "key [redacted] and [redacted]", Secret("key sk_test_1234 and sk_test_1234", "sk_test_1234"))
	assert.Equal(t, "abc", Secret("abc", "abc"), "secrets shorter than 4 characters are left alone")
	assert.Equal(t, "text", Secret("text", ""))
}
