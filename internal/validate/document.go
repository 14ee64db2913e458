package validate

import "strings"

// Digits strips the punctuation that Brazilian documents are usually written
// with (dots, dashes, slashes and spaces) and upper-cases letters.
func Digits(doc string) string {
	var b strings.Builder
	b.Grow(len(doc))

	for _, r := range doc {
		switch {
		case r == '.' || r == '-' || r == '/' || r == ' ':
			continue
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		default:
			b.WriteRune(r)
		}
	}

	return b.String()
}

// CPF reports whether doc is a CPF with valid check digits. Punctuation is
// ignored; a number made of one repeated digit is rejected.
func CPF(doc string) bool {
	d := Digits(doc)
	if len(d) != 11 || !allDigits(d) || repeated(d) {
		return false
	}

	return cpfDigit(d[:9], 10) == d[9] && cpfDigit(d[:10], 11) == d[10]
}

func cpfDigit(base string, weight int) byte {
	sum := 0
	for i := 0; i < len(base); i++ {
		sum += int(base[i]-'0') * (weight - i)
	}

	rest := (sum * 10) % 11
	if rest == 10 {
		rest = 0
	}

	return byte('0' + rest)
}

// CNPJ reports whether doc is a CNPJ with valid check digits. It accepts the
// numeric form and the alphanumeric form issued from July 2026, in which the
// first twelve characters may be letters A-Z and each character counts as its
// ASCII code minus 48. The two check digits are always numeric.
func CNPJ(doc string) bool {
	d := Digits(doc)
	if len(d) != 14 || !allDigits(d[12:]) || repeated(d) {
		return false
	}

	for i := 0; i < 12; i++ {
		c := d[i]
		if (c < '0' || c > '9') && (c < 'A' || c > 'Z') {
			return false
		}
	}

	return cnpjDigit(d[:12]) == d[12] && cnpjDigit(d[:13]) == d[13]
}

func cnpjDigit(base string) byte {
	sum := 0
	weight := len(base) - 7
	for i := 0; i < len(base); i++ {
		sum += int(base[i]-'0') * weight
		weight--
		if weight < 2 {
			weight = 9
		}
	}

	rest := sum % 11
	if rest < 2 {
		return '0'
	}

	return byte('0' + 11 - rest)
}

// Mask hides all but the last two characters of a CPF or CNPJ, so that an
// error message can point at the value without revealing it.
func Mask(doc string) string {
	d := Digits(doc)
	if len(d) <= 2 {
		return strings.Repeat("*", len(d))
	}

	return strings.Repeat("*", len(d)-2) + d[len(d)-2:]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func repeated(s string) bool {
	return strings.Count(s, s[:1]) == len(s)
}
