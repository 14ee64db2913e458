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

func TestQuickstartPrintsPaid(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, nil))

	text := out.String()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	assert.Equal(t, "PAID", lines[len(lines)-1])
	assert.Regexp(t, regexp.MustCompile(`(?m)^charge id: [0-9a-f-]{36}$`), text)
	assert.Contains(t, text, "status:    WAITING_PAYMENT")

	code := regexp.MustCompile(`(?m)^PIX code:  (.+)$`).FindStringSubmatch(text)
	require.Len(t, code, 2)
	assert.NoError(t, bynettest.CheckPixCode(code[1]))
}
