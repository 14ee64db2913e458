// Package redact masks secrets and personal data in text that may end up in
// an error or a log line.
package redact

import (
	"regexp"
	"strings"

	"github.com/bynet-go/bynet/internal/validate"
)

var (
	// sensitiveKey matches a JSON key whose value must never be shown, and the value after it.
	sensitiveKey = regexp.MustCompile(`(?i)("(?:cvv|cvc|securityCode|number|cardNumber|document|documentNumber|cpf|cnpj|x-api-key|apiKey|api_key|password|token|secretKey)"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+)`)
	// digitRun matches 11 to 19 digits, possibly punctuated: CPF, CNPJ and card numbers.
	digitRun = regexp.MustCompile(`\d(?:[\d.\-/ ]{9,24})\d`)
	// alphanumericCNPJ matches the shape of a CNPJ whose first twelve
	// characters may be letters, written with or without punctuation.
	alphanumericCNPJ = regexp.MustCompile(`\b[0-9A-Za-z]{2}\.?[0-9A-Za-z]{3}\.?[0-9A-Za-z]{3}/?[0-9A-Za-z]{4}-?\d{2}\b`)
	// labelledCVV matches a CVV written after its label in free text, such as "CVV 123".
	labelledCVV = regexp.MustCompile(`(?i)(\b(?:cvv2?|cvc2?|security code|c[oó]digo de seguran[cç]a)\b\W{0,3})\d{3,4}\b`)
)

// Body returns text with sensitive JSON values replaced by "***", a CVV
// after its label replaced by "***", long digit runs masked except for
// their last two digits, and alphanumeric CNPJs with valid check digits
// masked the same way.
func Body(text string) string {
	text = sensitiveKey.ReplaceAllString(text, `$1"***"`)
	text = labelledCVV.ReplaceAllString(text, `$1***`)
	text = alphanumericCNPJ.ReplaceAllStringFunc(text, maskCNPJ)
	return digitRun.ReplaceAllStringFunc(text, maskRun)
}

// maskCNPJ masks a match of alphanumericCNPJ when it is a valid CNPJ, so
// that other codes of the same shape, such as order references, stay.
func maskCNPJ(match string) string {
	if !validate.CNPJ(match) {
		return match
	}

	out := []byte(match)
	for i := 0; i < len(out)-2; i++ {
		if isAlphanumeric(out[i]) {
			out[i] = '*'
		}
	}
	return string(out)
}

func isAlphanumeric(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
}

// Secret removes every occurrence of secret (when it is at least 4
// characters long) from text.
func Secret(text, secret string) string {
	if len(secret) < 4 {
		return text
	}
	return strings.ReplaceAll(text, secret, "[redacted]")
}

func maskRun(run string) string {
	digits := 0
	for i := 0; i < len(run); i++ {
		if run[i] >= '0' && run[i] <= '9' {
			digits++
		}
	}

	if digits < 11 {
		return run
	}

	out := []byte(run)
	kept := 0
	for i := len(out) - 1; i >= 0; i-- {
		if out[i] < '0' || out[i] > '9' {
			continue
		}
		if kept < 2 {
			kept++
			continue
		}
		out[i] = '*'
	}
	return string(out)
}
