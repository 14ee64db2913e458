package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/bynet-go/bynet/bynettest"
)

func TestProductLinkOrderIsPaid(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, nil))

	text := out.String()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.Regexp(t, `^order [0-9a-f-]{36}: PAID$`, lines[len(lines)-1])
	assert.Contains(t, text, "payment:  ")
	assert.Contains(t, text, "(WAITING_PAYMENT)")

	code := regexp.MustCompile(`(?m)^PIX code: (.+)$`).FindStringSubmatch(text)
	require.Len(t, code, 2)
	assert.NoError(t, bynettest.CheckPixCode(code[1]))
}
