package bench

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
)

// fakeKey is the API key every client sends. It is not a real key.
const fakeKey = "sk_test_fake"

// exportChunk is what the export endpoint repeats until it has sent the
// requested size. Its content does not matter to the client, which streams it.
var exportChunk = make([]byte, 64<<10)

// fixture is the one loopback server of the run and the bodies it sends.
type fixture struct {
	srv *httptest.Server
	// newConns counts the TCP connections that the server accepted.
	newConns atomic.Int64

	bynetCustomer  []byte
	stripeCustomer []byte
	githubUser     []byte
	createResponse []byte
	// pageRows holds the rows of every list page, joined by commas.
	pageRows []byte
}

var fx *fixture

func TestMain(m *testing.M) {
	fx = startFixture()
	code := m.Run()
	fx.srv.Close()
	os.Exit(code)
}

func startFixture() *fixture {
	f := &fixture{}
	f.bynetCustomer, f.stripeCustomer, f.githubUser = getPayloads()
	f.createResponse = envelope("Transação criada com sucesso.", transactionJSON(1, "WAITING_PAYMENT"))
	f.pageRows = joinRows(pageRows())

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/user/customers/{id}", f.sendJSON(f.bynetCustomer))
	mux.HandleFunc("GET /v1/customers/{id}", f.sendJSON(f.stripeCustomer))
	mux.HandleFunc("GET /users/{login}", f.sendJSON(f.githubUser))
	mux.HandleFunc("POST /api/user/transactions", f.create)
	mux.HandleFunc("GET /api/user/transactions", f.list)
	mux.HandleFunc("GET /p/{pages}/api/user/transactions", f.list)
	mux.HandleFunc("POST /x/{mib}/api/user/transactions/export", f.export)

	f.srv = httptest.NewUnstartedServer(mux)
	f.srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			f.newConns.Add(1)
		}
	}
	f.srv.Start()
	return f
}

func joinRows(rows [][]byte) []byte {
	var out []byte
	for i, row := range rows {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, row...)
	}
	return out
}

func (f *fixture) sendJSON(body []byte) http.HandlerFunc {
	length := strconv.Itoa(len(body))
	return func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h["Content-Type"] = []string{"application/json; charset=utf-8"}
		h["Content-Length"] = []string{length}
		_, _ = w.Write(body)
	}
}

func (f *fixture) create(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header()["Content-Type"] = []string{"application/json; charset=utf-8"}
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write(f.createResponse)
}

// list sends page ?page= (1 when absent) of a list of {pages} pages, 1000
// when the path has no prefix. Every page holds the same 100 rows.
func (f *fixture) list(w http.ResponseWriter, r *http.Request) {
	pages := 1000
	if p := r.PathValue("pages"); p != "" {
		pages, _ = strconv.Atoi(p)
	}

	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)

	var tail [128]byte
	t := append(tail[:0], `],"page":`...)
	t = strconv.AppendInt(t, int64(page), 10)
	t = append(t, `,"pages":`...)
	t = strconv.AppendInt(t, int64(pages), 10)
	t = append(t, `,"limit":100,"total":`...)
	t = strconv.AppendInt(t, int64(pages*listPageSize), 10)
	t = append(t, `},"message":"Transações encontradas.","status":200,"error":null}`...)

	w.Header()["Content-Type"] = []string{"application/json; charset=utf-8"}
	// A write error means the client went away; the handler has nothing
	// left to do then.
	_, _ = w.Write([]byte(`{"data":{"data":[`))
	_, _ = w.Write(f.pageRows)
	_, _ = w.Write(t)
}

// export streams {mib} MiB of bytes as an .xlsx download.
func (f *fixture) export(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	mib, _ := strconv.Atoi(r.PathValue("mib"))
	size := int64(mib) << 20

	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	for size > 0 {
		n := min(size, int64(len(exportChunk)))
		if _, err := w.Write(exportChunk[:n]); err != nil {
			return
		}
		size -= n
	}
}
