package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebhookReceiverPrintsVerifiedPaid(t *testing.T) {
	var out, logs bytes.Buffer
	require.NoError(t, run(context.Background(), &out, &logs))

	text := out.String()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.Equal(t, "PAID", lines[len(lines)-1])
	assert.Regexp(t, regexp.MustCompile(`(?m)^verified:  transaction [0-9a-f-]+ R\$ 10,00, end-to-end id E\w+, paid at \S+$`), text)
	assert.Contains(t, text, "forged postback without the secret: 401 Unauthorized")
	assert.Contains(t, text, "forged postback with a changed amount: 403 Forbidden")

	assert.Contains(t, logs.String(), "bynet: postback processed")
	assert.Contains(t, logs.String(), "bynet: postback rejected")
	assert.NotContains(t, logs.String(), "token=")
}

func TestFormatBRL(t *testing.T) {
	assert.Equal(t, "R$ 10,00", formatBRL(1000))
	assert.Equal(t, "R$ 0,05", formatBRL(5))
	assert.Equal(t, "-R$ 1,50", formatBRL(-150))
}
