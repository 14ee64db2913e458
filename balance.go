package bynet

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"time"

	"github.com/bynet-go/bynet/internal/jsonx"
)

// BalanceService reads the balance history and the financial reserve.
type BalanceService service

// BalanceEntry is one movement of the balance history. The reference
// describes the list but none of its fields, so only the usual identifiers
// are typed; Raw holds the object as received.
type BalanceEntry struct {
	ID        string    `json:"id"`
	CreatedAt time.Time `json:"createdAt"`
	// Raw is the movement object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes tolerantly and keeps the raw object in Raw.
func (e *BalanceEntry) UnmarshalJSON(data []byte) error {
	type plain BalanceEntry
	var decoded plain
	if err := jsonx.Unmarshal(data, &decoded); err != nil {
		return err
	}

	*e = BalanceEntry(decoded)
	e.Raw = rawJSON(data)
	return nil
}

// BalanceHistoryParams pages Balance.Find. The reference documents no query
// parameter; the pagination names are those of Transfers / Find all.
type BalanceHistoryParams struct {
	ListOptions
	// Extra holds query parameters that this type does not know, such as a
	// date filter. Each value is sent in its fmt %v form and a slice as a
	// repeated parameter.
	Extra map[string]any `url:"-"`
}

// Find returns one page of the balance history.
//
// Bynet docs: Balance / Find, GET /api/user/balance-history.
func (s *BalanceService) Find(ctx context.Context, params *BalanceHistoryParams) (*Page[BalanceEntry], *Response, error) {
	var extra map[string]any
	if params != nil {
		extra = params.Extra
	}

	return getPage[BalanceEntry](ctx, s.client, "/api/user/balance-history", params, extra)
}

// FindIter walks every page of Find from params.Page (or the first),
// yielding each movement. It stops at the first error, which it yields, or
// when the caller breaks. params is copied, never modified.
func (s *BalanceService) FindIter(ctx context.Context, params *BalanceHistoryParams) iter.Seq2[BalanceEntry, error] {
	return walkPages(ctx, params, s.Find)
}

// BalanceSummary is the summary of the account balance. The reference
// documents none of its fields, so Raw holds the object as received; decode
// it with encoding/json into your own type.
type BalanceSummary struct {
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the object in Raw.
func (b *BalanceSummary) UnmarshalJSON(data []byte) error {
	b.Raw = rawJSON(data)
	return nil
}

// BalanceSummaryParams are the query parameters of Balance.Summary, none of
// which the reference documents.
type BalanceSummaryParams struct {
	// Extra holds query parameters; each value is sent in its fmt %v form,
	// a slice as a repeated parameter.
	Extra map[string]any
}

// Summary returns the summary of the account balance. params may be nil.
//
// Bynet docs: Balance / Summary, GET /api/user/balance-history/summary.
// The public reference does not publish this path; it comes from a public
// client's endpoint list for a sibling brand of the platform.
func (s *BalanceService) Summary(ctx context.Context, params *BalanceSummaryParams) (*BalanceSummary, *Response, error) {
	q := url.Values{}
	if params != nil {
		addExtraQuery(q, params.Extra)
	}

	summary := new(BalanceSummary)
	r := &request{method: http.MethodGet, path: "/api/user/balance-history/summary", query: q}
	resp, err := s.client.do(ctx, r, summary)
	if err != nil {
		return nil, resp, err
	}

	return summary, resp, nil
}

// ReserveStatus is the state of a financial reserve row. Unknown values are
// kept, upper-cased.
type ReserveStatus string

// ReserveReserved is the only reserve status the reference shows: the money
// is held until the row's release date.
const ReserveReserved ReserveStatus = "RESERVED"

// UnmarshalJSON normalises the value to upper case and never fails on a
// string.
func (s *ReserveStatus) UnmarshalJSON(data []byte) error {
	*s = ReserveStatus(normalizeEnum(data))
	return nil
}

// FinancialReserve is the money held back for one release date. Amounts
// are integer centavos; Total is Inflows minus Outflows in every example.
type FinancialReserve struct {
	Inflows  int64         `json:"inflows"`
	Outflows int64         `json:"outflows"`
	Total    int64         `json:"total"`
	Status   ReserveStatus `json:"status"`
	// ReleaseDate is the day the money is released. The server sends a bare
	// date ("2025-07-14"), decoded as midnight UTC.
	ReleaseDate time.Time `json:"releaseDate"`
}

// FinancialReserveParams pages Balance.FindFinancialReserve. The reference
// documents no query parameter although the response is paginated, so the names
// are those of Transfers / Find all.
type FinancialReserveParams struct {
	ListOptions
}

// FindFinancialReserve returns one page of the financial reserve, one row
// per release date.
//
// Bynet docs: Balance / Find finalcial reserve (sic), GET /api/user/balance-history/financial-reserve.
func (s *BalanceService) FindFinancialReserve(ctx context.Context, params *FinancialReserveParams) (*Page[FinancialReserve], *Response, error) {
	return getPage[FinancialReserve](ctx, s.client, "/api/user/balance-history/financial-reserve", params, nil)
}

// FindFinancialReserveIter walks every page of FindFinancialReserve from
// params.Page (or the first), yielding each row. It stops at the first
// error, which it yields, or when the caller breaks. params is copied, never
// modified.
func (s *BalanceService) FindFinancialReserveIter(ctx context.Context, params *FinancialReserveParams) iter.Seq2[FinancialReserve, error] {
	return walkPages(ctx, params, s.FindFinancialReserve)
}
