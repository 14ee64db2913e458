package bynet

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"slices"

	"github.com/bynet-go/bynet/internal/jsonx"
	"github.com/bynet-go/bynet/internal/query"
)

// ListOptions are the pagination and sorting parameters of list endpoints.
// Zero values are left out, so the server applies its defaults.
type ListOptions struct {
	// Page is the 1-based page number.
	Page int `url:"page,omitempty"`
	// Limit is the page size.
	Limit int `url:"limit,omitempty"`
	// OrderBy names the field to sort by, as the API names it (for example "createdAt").
	OrderBy string `url:"orderBy,omitempty"`
	// OrderDirection is "asc" or "desc".
	OrderDirection string `url:"orderDirection,omitempty"`
}

// Page is one page of a list. The server nests the rows at data.data with
// the counters beside them, sometimes as strings; both decode here. A bare
// array in data decodes as a single page holding every row.
type Page[T any] struct {
	// Data holds the rows of this page.
	Data []T `json:"data"`
	// Page is the 1-based number of this page.
	Page int `json:"page"`
	// Pages is the number of pages.
	Pages int `json:"pages"`
	// Limit is the page size that the server applied.
	Limit int `json:"limit"`
	// Total is the number of rows over all pages.
	Total int `json:"total"`
}

// UnmarshalJSON accepts the paginated wrapper and a bare array.
func (p *Page[T]) UnmarshalJSON(data []byte) error {
	if trimmed := firstByte(data); trimmed == '[' {
		var rows []T
		if err := jsonx.Unmarshal(data, &rows); err != nil {
			return err
		}
		*p = Page[T]{Data: rows, Page: 1, Pages: 1, Limit: len(rows), Total: len(rows)}
		return nil
	}

	type plain Page[T]
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*p = Page[T](decoded)
	return nil
}

// pageMembers are the members of a page in its plain shape.
var pageMembers = []string{"data", "page", "pages", "limit", "total"}

// decodeScanned fills p from data in the plain shape of a page: an object
// whose rows are in "data" and whose counters are unsigned integers, each
// member at most once and spelled exactly. Each row's bytes go straight to
// the row type's decoder, which saves encoding/json a scan of every row. It
// reports false for any other shape, and p may then be partly filled.
func (p *Page[T]) decodeScanned(data []byte) bool {
	*p = Page[T]{}
	counters := map[string]*int{"page": &p.Page, "pages": &p.Pages, "limit": &p.Limit, "total": &p.Total}
	var seen [5]bool

	return scanObject(data, func(name, value []byte) bool {
		i := slices.Index(pageMembers, string(name))
		switch {
		case i < 0:
			return !foldsToAny(name, pageMembers) && validValue(value)
		case seen[i]:
			return false
		}
		seen[i] = true

		if i == 0 {
			return p.decodeRows(value)
		}

		var count envelopeCode
		_ = count.UnmarshalJSON(value) // never fails: it flags what it cannot read as unusual
		*counters[string(name)] = count.value
		return !count.unusual
	})
}

// decodeRows fills p.Data from a JSON array, or null, of rows.
func (p *Page[T]) decodeRows(data []byte) bool {
	if string(data) == "null" {
		return true
	}

	rest, ok := consume(data, '[')
	if !ok {
		return false
	}

	p.Data = []T{}
	if end, ok := consume(rest, ']'); ok {
		return len(skipSpace(end)) == 0
	}

	for {
		rest = skipSpace(rest)
		n, ok := valueLength(rest)
		if !ok {
			return false
		}

		var zero T
		p.Data = append(p.Data, zero)
		if decodeData(rest[:n], &p.Data[len(p.Data)-1]) != nil {
			return false
		}

		after := rest[n:]
		if len(p.Data) == 1 {
			// Sizing the slice from the first row's length spares most of
			// the copies that growing it row by row would make.
			p.Data = slices.Grow(p.Data, len(after)/(n+1))
		}

		if next, ok := consume(after, ','); ok {
			rest = next
			continue
		}

		end, ok := consume(after, ']')
		return ok && len(skipSpace(end)) == 0
	}
}

// HasNext reports whether a page follows this one.
func (p *Page[T]) HasNext() bool {
	return !lastPage(p, max(p.Page, 1), max(p.Page-1, 0)*len(p.Data)+len(p.Data))
}

// lastPage reports whether p, fetched as page number requested, ends a walk
// that has yielded seen rows so far, this page included.
func lastPage[T any](p *Page[T], requested, seen int) bool {
	current := p.Page
	if current == 0 {
		current = requested
	}

	switch {
	case len(p.Data) == 0 || current < requested:
		return true
	case p.Pages > 0:
		return current >= p.Pages
	case p.Limit > 0:
		return len(p.Data) < p.Limit
	default:
		// With neither pages nor limit, only the total can tell.
		return seen >= p.Total
	}
}

func firstByte(data []byte) byte {
	for _, b := range data {
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return b
	}
	return 0
}

// getPage fetches one page of the list at path, with a query built from the
// url tags of params and the caller's extra parameters.
func getPage[T any](ctx context.Context, c *Client, path string, params any, extra map[string]any) (*Page[T], *Response, error) {
	q, err := query.Values(params)
	if err != nil {
		return nil, nil, err
	}
	addExtraQuery(q, extra)

	page := new(Page[T])
	resp, err := c.do(ctx, &request{method: http.MethodGet, path: path, query: q}, page)
	if err != nil {
		return nil, resp, err
	}

	return page, resp, nil
}

// pageNumber gives walkPages access to the page of any list params type,
// through the ListOptions that each one embeds.
func (o *ListOptions) pageNumber() *int {
	return &o.Page
}

// walkPages returns an iterator over every row that fetch returns, from
// params.Page (or the first page). Each page is fetched with its own copy of
// params, so the caller's value never changes.
func walkPages[T any, P any, PP interface {
	*P
	pageNumber() *int
}](ctx context.Context, params PP, fetch func(context.Context, PP) (*Page[T], *Response, error)) iter.Seq2[T, error] {
	var base P
	if params != nil {
		base = *params
	}

	return allPages(ctx, *PP(&base).pageNumber(), func(ctx context.Context, page int) (*Page[T], error) {
		p := base
		*PP(&p).pageNumber() = page
		result, _, err := fetch(ctx, PP(&p))
		return result, err
	})
}

// pageFetcher returns the page with the given number.
type pageFetcher[T any] func(ctx context.Context, page int) (*Page[T], error)

// allPages walks the pages that fetch returns, from page start (1 when
// start is 0), yielding every row. It stops at the first error, which it
// yields once, when the caller stops ranging, or after the last page. A
// server that keeps repeating the same page number ends the walk.
func allPages[T any](ctx context.Context, start int, fetch pageFetcher[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page := max(start, 1)
		seen := -1
		for {
			p, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}

			if p.Page != 0 && p.Page < page {
				// The server sent an earlier page again; its rows were already yielded.
				return
			}

			if seen < 0 {
				// Rows of the pages before the first one fetched, estimated.
				seen = (page - 1) * len(p.Data)
			}

			for _, row := range p.Data {
				if !yield(row, nil) {
					return
				}
			}

			seen += len(p.Data)
			if lastPage(p, page, seen) {
				return
			}
			page++
		}
	}
}

// rawJSON keeps a result's original JSON next to its typed fields.
func rawJSON(data []byte) json.RawMessage {
	return append(json.RawMessage(nil), data...)
}
