package bynettest

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Page size rules of the sandbox's lists. The API documents neither; 10
// is the page size of its examples.
const (
	defaultLimit = 10
	maxLimit     = 100
)

// page is the list wrapper of the API: the rows at data.data with the
// counters beside them.
type page[T any] struct {
	Data  []T `json:"data"`
	Page  int `json:"page"`
	Pages int `json:"pages"`
	Limit int `json:"limit"`
	Total int `json:"total"`
}

// paginate sorts rows by creation time, newest first unless
// orderDirection=asc, and cuts the page that the page and limit query
// parameters ask for. A page past the end is empty.
func paginate[T any](rows []T, q url.Values, created func(T) time.Time) (page[T], error) {
	number, err := positiveParam(q, "page", 1)
	if err != nil {
		return page[T]{}, err
	}

	limit, err := positiveParam(q, "limit", defaultLimit)
	if err != nil {
		return page[T]{}, err
	}
	limit = min(limit, maxLimit)

	sorted := slices.Clone(rows)
	slices.SortStableFunc(sorted, func(a, b T) int { return created(b).Compare(created(a)) })
	if strings.EqualFold(q.Get("orderDirection"), "asc") {
		slices.Reverse(sorted)
	}

	start := min((number-1)*limit, len(sorted))
	end := min(start+limit, len(sorted))
	return page[T]{
		Data:  append([]T{}, sorted[start:end]...),
		Page:  number,
		Pages: (len(sorted) + limit - 1) / limit,
		Limit: limit,
		Total: len(sorted),
	}, nil
}

func positiveParam(q url.Values, name string, fallback int) (int, error) {
	raw := q.Get(name)
	if raw == "" {
		return fallback, nil
	}

	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return 0, badRequest(name, "Parâmetro "+name+" inválido: use um inteiro maior que zero.")
	}
	return n, nil
}

// dateRange reads the startDate and endDate query parameters, as
// YYYY-MM-DD or RFC 3339. A bare endDate includes that whole day.
// NOTE: the API does not document date filters for its lists; these names
// are the sandbox's assumption.
func dateRange(q url.Values) (from, to time.Time, err error) {
	if from, err = parseDateParam(q, "startDate", false); err != nil {
		return from, to, err
	}
	to, err = parseDateParam(q, "endDate", true)
	return from, to, err
}

func parseDateParam(q url.Values, name string, endOfDay bool) (time.Time, error) {
	raw := q.Get(name)
	if raw == "" {
		return time.Time{}, nil
	}

	if t, err := time.Parse(time.RFC3339Nano, raw); err == nil {
		return t, nil
	}

	day, err := time.Parse(time.DateOnly, raw)
	if err != nil {
		return time.Time{}, badRequest(name, "Parâmetro "+name+" inválido: use AAAA-MM-DD.")
	}

	if endOfDay {
		return day.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
	}
	return day, nil
}

// inRange reports whether t lies in [from, to]; a zero bound is open.
func inRange(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || !t.After(to))
}
