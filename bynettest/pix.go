package bynettest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Merchant data that the sandbox writes into its PIX codes.
const (
	pixMerchantName = "BYNETTEST LOJA EXEMPLO"
	pixMerchantCity = "SAO PAULO"
	pixKey          = "7d9f0c43-2b6e-4a51-9c8d-3e1f5a7b9d20"
)

// pixCode builds the EMV "copia e cola" code of a PIX charge in the BR Code
// layout of the Banco Central do Brasil. The fields are payload format 01,
// a merchant account with the GUI br.gov.bcb.pix and a key, currency 986
// (BRL), the amount, country BR, merchant name and city, the txid in field
// 62, and the CRC16 in field 63.
func pixCode(amount int64, txid string) string {
	var b strings.Builder
	b.WriteString(emvField("00", "01"))
	b.WriteString(emvField("01", "12"))
	b.WriteString(emvField("26", emvField("00", "br.gov.bcb.pix")+emvField("01", pixKey)))
	b.WriteString(emvField("52", "0000"))
	b.WriteString(emvField("53", "986"))
	b.WriteString(emvField("54", fmt.Sprintf("%d.%02d", amount/100, amount%100)))
	b.WriteString(emvField("58", "BR"))
	b.WriteString(emvField("59", pixMerchantName))
	b.WriteString(emvField("60", pixMerchantCity))
	b.WriteString(emvField("62", emvField("05", pixTxID(txid))))
	b.WriteString("6304")

	code := b.String()
	return code + fmt.Sprintf("%04X", crc16(code))
}

func emvField(id, value string) string {
	return fmt.Sprintf("%s%02d%s", id, len(value), value)
}

// pixTxID turns an id into a txid: letters and digits only, at most 25.
func pixTxID(id string) string {
	txid := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, id)
	return txid[:min(len(txid), 25)]
}

// crc16 is CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no
// reflection, no final XOR), the checksum of the BR Code.
func crc16(s string) uint16 {
	crc := uint16(0xFFFF)
	for i := 0; i < len(s); i++ {
		crc ^= uint16(s[i]) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// CheckPixCode returns an error unless code is a well-formed PIX "copia e
// cola" code. Such a code starts with the payload format "000201", and
// every EMV field in it has the length it declares. Its merchant account
// names br.gov.bcb.pix, and it ends with field 63, which holds the CRC16 of
// everything before the CRC digits. Use it to assert on codes from the
// sandbox or any other source.
func CheckPixCode(code string) error {
	if !strings.HasPrefix(code, "000201") {
		return errors.New("bynettest: PIX code does not start with the payload format 000201")
	}

	fields, err := emvFields(code)
	if err != nil {
		return err
	}

	if !strings.Contains(fields["26"], "br.gov.bcb.pix") {
		return errors.New("bynettest: PIX code has no merchant account (field 26) with br.gov.bcb.pix")
	}

	crc, ok := fields["63"]
	if !ok || !strings.HasSuffix(code, "6304"+crc) {
		return errors.New("bynettest: PIX code does not end with the CRC field 6304")
	}

	want := fmt.Sprintf("%04X", crc16(code[:len(code)-4]))
	if !strings.EqualFold(crc, want) {
		return fmt.Errorf("bynettest: PIX code CRC is %s, expected %s", crc, want)
	}
	return nil
}

// emvFields splits the top level of an EMV code into its fields by id.
func emvFields(code string) (map[string]string, error) {
	fields := map[string]string{}
	for rest := code; rest != ""; {
		if len(rest) < 4 {
			return nil, fmt.Errorf("bynettest: PIX code has a truncated field at %q", rest)
		}

		id := rest[:2]
		size, err := strconv.Atoi(rest[2:4])
		if err != nil || len(rest) < 4+size {
			return nil, fmt.Errorf("bynettest: PIX code field %s has an invalid length", id)
		}

		fields[id] = rest[4 : 4+size]
		rest = rest[4+size:]
	}
	return fields, nil
}
