package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPayoutIsPaid(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, nil))

	text := out.String()
	assert.Contains(t, text, "available balance: R$ 98,01\n", "R$ 100,00 minus the sandbox's PIX fee")
	assert.Regexp(t, `cashout [0-9a-f-]{36}: PENDING, R\$ 50,00 plus a fee of R\$ 0,50`, text)
	assert.Regexp(t, `cashout [0-9a-f-]{36}: PAID \(end-to-end id E\w{31}\)`, text)
	assert.Contains(t, text, "is paid\n", "the local receiver got the postback")
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.Equal(t, "available balance: R$ 47,51", lines[len(lines)-1])
}

func TestPayoutLiveNeedsDestination(t *testing.T) {
	t.Setenv("BYNET_API_KEY", "sk_test_fake")

	err := run(context.Background(), &bytes.Buffer{}, []string{"-live"})

	assert.ErrorContains(t, err, "-pix-key")
}
