package main

import (
	"archive/zip"
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListAndExport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "transacoes.xlsx")
	var buf bytes.Buffer

	require.NoError(t, run(context.Background(), &buf, []string{"-out", out}))

	text := buf.String()
	assert.Contains(t, text, "5 charges, R$ 238,80 paid\n", "1990 + 12900 + 8990 centavos")
	assert.Equal(t, 3, strings.Count(text, " PAID "))
	assert.Contains(t, text, "wrote "+out)

	archive, err := zip.OpenReader(out)
	require.NoError(t, err)
	defer archive.Close()
	var names []string
	for _, f := range archive.File {
		names = append(names, f.Name)
	}
	assert.Contains(t, names, "xl/worksheets/sheet1.xml")
}

func TestListSkipsOtherPeriods(t *testing.T) {
	out := filepath.Join(t.TempDir(), "transacoes.xlsx")
	past := time.Now().UTC().AddDate(-1, 0, 0).Format(time.DateOnly)
	var buf bytes.Buffer

	require.NoError(t, run(context.Background(), &buf, []string{"-from", past, "-to", past, "-out", out}))

	assert.Contains(t, buf.String(), "0 charges, R$ 0,00 paid\n")
}

func TestListRejectsBadDate(t *testing.T) {
	err := run(context.Background(), &bytes.Buffer{}, []string{"-from", "01/11/2026"})

	assert.ErrorContains(t, err, "-from")
}
