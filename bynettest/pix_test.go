package bynettest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCRC16CheckValue(t *testing.T) {
	// 0x29B1 is the published check value of CRC-16/CCITT-FALSE for "123456789".
	assert.Equal(t, uint16(0x29B1), crc16("123456789"))
}

func TestPixCodeFields(t *testing.T) {
	code := pixCode(1990, "62acb011-e9d9-4cdc-a3a6-86f1b5855d12")

	require.NoError(t, CheckPixCode(code))
	fields, err := emvFields(code)
	require.NoError(t, err)

	assert.Equal(t, "01", fields["00"])
	assert.Equal(t, "986", fields["53"])
	assert.Equal(t, "19.90", fields["54"])
	assert.Equal(t, "BR", fields["58"])
	assert.Equal(t, pixMerchantName, fields["59"])
	assert.Equal(t, pixMerchantCity, fields["60"])
	assert.Equal(t, "052562acb011e9d94cdca3a686f1b", fields["62"])
	assert.True(t, strings.HasPrefix(fields["26"], "0014br.gov.bcb.pix"))
}

func TestCheckPixCodeRejectsBadCRC(t *testing.T) {
	code := pixCode(1000, "abc")
	broken := code[:len(code)-1] + "0"
	if broken == code {
		broken = code[:len(code)-1] + "1"
	}

	assert.ErrorContains(t, CheckPixCode(broken), "CRC")
	assert.ErrorContains(t, CheckPixCode("0102"+code), "000201")
	assert.Error(t, CheckPixCode("000201"+"2699"))
}
