package bynet

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coverageDoc is the generated endpoint table.
const coverageDoc = "docs/coverage.md"

// endpointRow is one line of testdata/endpoints.tsv.
type endpointRow struct {
	Group, DocsName, Method, Path, Source, GoMethod string
}

func (r endpointRow) service() string {
	service, _, _ := strings.Cut(r.GoMethod, ".")
	return service
}

func (r endpointRow) method() string {
	_, method, _ := strings.Cut(r.GoMethod, ".")
	return method
}

// coverage is what the check found for one row: the test that covers it
// and its file.
type coverage struct {
	row  endpointRow
	test string
	file string
}

// TestCoverageDoc checks every endpoint of testdata/endpoints.tsv against
// the code. The Go method must exist on the right service of *Client, its
// doc comment must name the endpoint, method and path and flag an
// unconfirmed path, and a test must call it. docs/coverage.md must match the
// table generated from that; run "go test -run TestCoverageDoc -update" to
// rewrite it.
func TestCoverageDoc(t *testing.T) {
	rows := readEndpoints(t)
	require.Len(t, rows, 52, "endpoints in testdata/endpoints.tsv")

	docs := methodDocs(t)
	calls := testCalls(t)

	var found []coverage
	for _, row := range rows {
		found = append(found, checkEndpoint(t, row, docs, calls))
	}

	want := renderCoverage(found)
	if updating() {
		require.NoError(t, os.MkdirAll(filepath.Dir(coverageDoc), 0o750))
		require.NoError(t, os.WriteFile(coverageDoc, want, 0o600))
	}

	got, err := os.ReadFile(coverageDoc)
	require.NoError(t, err, "run: go test -run TestCoverageDoc -update")
	assert.Equal(t, string(want), string(got), "docs/coverage.md is stale; run: go test -run TestCoverageDoc -update")
}

// updating reports whether -update was given. The flag is defined in the
// external test package (update_flag_test.go), which may share it with
// other tests, so it is looked up at run time.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func checkEndpoint(t *testing.T, row endpointRow, docs map[string]string, calls map[string][]testRef) coverage {
	t.Helper()
	c := coverage{row: row}

	if !hasMethod(row.service(), row.method()) {
		t.Errorf("%s: no method %s on Client.%s", row.DocsName, row.method(), row.service())
		return c
	}

	doc := docs[row.GoMethod]
	endpoint := row.Method + " " + row.Path
	assert.Contains(t, doc, endpoint, "doc comment of %s names its method and path", row.GoMethod)
	assert.Contains(t, strings.ToLower(doc), strings.ToLower(row.DocsName), "doc comment of %s names the endpoint as the docs do", row.GoMethod)
	if row.Source != "docs" {
		assert.Contains(t, doc, "The public reference does not publish this path", "doc comment of %s flags the unconfirmed path", row.GoMethod)
	}

	ref, ok := coveringTest(row, calls[row.GoMethod])
	if !ok {
		t.Errorf("%s: no test named after it or its service calls it", row.GoMethod)
		return c
	}
	c.test, c.file = ref.test, ref.file
	return c
}

func readEndpoints(t *testing.T) []endpointRow {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "endpoints.tsv"))
	require.NoError(t, err)
	defer f.Close()

	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	records, err := r.ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, records)
	require.Equal(t, []string{"group", "docs_name", "method", "path", "path_source", "go_method"}, records[0])

	var rows []endpointRow
	for _, rec := range records[1:] {
		rows = append(rows, endpointRow{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]})
	}
	return rows
}

// hasMethod reports whether the Client field named service has method.
func hasMethod(service, method string) bool {
	field, ok := reflect.TypeOf(Client{}).FieldByName(service)
	if !ok || !field.IsExported() {
		return false
	}
	_, ok = field.Type.MethodByName(method)
	return ok
}

// methodDocs returns the doc comment of every method of a service type in
// the package's non-test files, keyed "Service.Method" as endpoints.tsv
// names it (the receiver type without its "Service" suffix).
func methodDocs(t *testing.T) map[string]string {
	t.Helper()
	docs := map[string]string{}
	for _, file := range parseFiles(t, false) {
		for _, decl := range file.ast.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Doc == nil {
				continue
			}
			receiver := receiverName(fn)
			if service, ok := strings.CutSuffix(receiver, "Service"); ok {
				docs[service+"."+fn.Name.Name] = fn.Doc.Text()
			}
		}
	}
	return docs
}

func receiverName(fn *ast.FuncDecl) string {
	expr := fn.Recv.List[0].Type
	if star, ok := expr.(*ast.StarExpr); ok {
		expr = star.X
	}
	if ident, ok := expr.(*ast.Ident); ok {
		return ident.Name
	}
	return ""
}

// testRef is a test function that calls a service method.
type testRef struct {
	test, file string
}

// testCalls maps "Service.Method" to the Test functions whose bodies call
// it as x.Service.Method, where Service is a field of Client.
func testCalls(t *testing.T) map[string][]testRef {
	t.Helper()
	calls := map[string][]testRef{}
	for _, file := range parseFiles(t, true) {
		for _, decl := range file.ast.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") {
				continue
			}
			seen := map[string]bool{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if key := serviceCall(n); key != "" && !seen[key] {
					seen[key] = true
					calls[key] = append(calls[key], testRef{test: fn.Name.Name, file: file.name})
				}
				return true
			})
		}
	}
	return calls
}

// serviceCall returns "Service.Method" when n is a selector x.Service.Method
// and Service is a field of Client.
func serviceCall(n ast.Node) string {
	sel, ok := n.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	inner, ok := sel.X.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	if _, ok := reflect.TypeOf(Client{}).FieldByName(inner.Sel.Name); !ok || !ast.IsExported(inner.Sel.Name) {
		return ""
	}
	return inner.Sel.Name + "." + sel.Sel.Name
}

// coveringTest picks the test that best represents the method: the one
// named TestServiceMethod, else the first (in file and declaration order)
// of the best tier below. A test that only calls the method on the way to
// checking something else (tier 4) does not count, so that adding such a
// test elsewhere cannot change the table.
func coveringTest(row endpointRow, refs []testRef) (testRef, bool) {
	var best testRef
	bestTier := 4
	for _, ref := range refs {
		if tier := testTier(row, ref); tier < bestTier {
			best, bestTier = ref, tier
		}
	}
	return best, bestTier < 4
}

// testTier ranks how closely a test's name and file match the method.
func testTier(row endpointRow, ref testRef) int {
	full := "Test" + row.service() + row.method()
	serviceFile := strings.ToLower(row.service())
	switch {
	case ref.test == full:
		return 0
	case strings.HasPrefix(ref.test, full):
		return 1
	case ref.file == serviceFile+"_test.go" && strings.HasPrefix(ref.test, "Test"+row.method()):
		return 2
	case strings.HasPrefix(ref.file, serviceFile):
		return 3
	}
	return 4
}

type parsedFile struct {
	name string
	ast  *ast.File
}

// parseFiles parses the package's test files, or its other Go files.
func parseFiles(t *testing.T, tests bool) []parsedFile {
	t.Helper()
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)

	var files []parsedFile
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") != tests {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, parsedFile{name: name, ast: f})
	}
	return files
}

// renderCoverage writes the Markdown table of docs/coverage.md.
func renderCoverage(found []coverage) []byte {
	var b bytes.Buffer

	b.WriteString("# Endpoint coverage\n\n")
	b.WriteString("Generated by `go test -run TestCoverageDoc -update` from `testdata/endpoints.tsv`\n")
	b.WriteString("(the list of every endpoint in the Bynet docs) and the code; do not edit by hand.\n")
	b.WriteString("`go test` fails when this file, a method, its doc comment or its test drifts apart.\n\n")
	b.WriteString("A path is confirmed when the public Bynet reference publishes it (`docs`). The others\n")
	b.WriteString("follow the platform's REST pattern (`convention`) or public client programs\n")
	b.WriteString("(`client-code`); their results keep the raw JSON and their params take extra fields.\n\n")
	fmt.Fprintf(&b, "%d endpoints, each with its Go method and the test that checks its request and response.\n\n", len(found))

	b.WriteString("| # | Group | Docs name | Method | Path | Path confirmed | Go method | Test |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for i, c := range found {
		r := c.row
		confirmed := "yes (`docs`)"
		if r.Source != "docs" {
			confirmed = "no (`" + r.Source + "`)"
		}

		fmt.Fprintf(&b, "| %d | %s | %s | %s | `%s` | %s | `client.%s` | `%s` (%s) |\n",
			i+1, r.Group, r.DocsName, r.Method, r.Path, confirmed, r.GoMethod, c.test, c.file)
	}
	return b.Bytes()
}
