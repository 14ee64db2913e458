package bynet

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet/internal/jsonx"
)

func TestDecodeRejectsFractionalAmount(t *testing.T) {
	cases := map[string]struct {
		body string
		out  any
	}{
		"transaction":      {`{"id":"tx_1","amount":1000.5}`, new(Transaction)},
		"transaction text": {`{"id":"tx_1","amount":"1000.5"}`, new(Transaction)},
		"page row":         {`{"data":[{"id":"tx_1","amount":1000.5}],"page":1}`, new(Page[Transaction])},
		"bare array row":   {`[{"id":"tx_1","amount":"1000.5"}]`, new(Page[Transaction])},
	}

	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			err := jsonx.Unmarshal([]byte(tc.body), tc.out)

			var fieldErr *jsonx.FieldError
			require.ErrorAs(t, err, &fieldErr, "a fractional amount must not decode as zero")
			assert.Contains(t, fieldErr.Field, "amount")
		})
	}
}

func TestFindByIDRejectsFractionalAmount(t *testing.T) {
	fs := newFaultServer(t, nil)
	fs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeBody(w, http.StatusOK, "application/json", `{"data":{"id":"tx_1","amount":"1000.5"}}`)
	})
	c := newFaultClient(t, fs, nil)

	tx, _, err := c.Transactions.FindByID(context.Background(), "tx_1")

	var decodeErr *DecodeError
	require.ErrorAs(t, err, &decodeErr)
	assert.Nil(t, tx)
}
