package bynettest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"
)

// CompanyID is the id of the sandbox's one merchant account.
const CompanyID = "5f0c7a3e-9b1d-4c2e-8a6f-2d4b6e8f0a1c"

// state is everything the sandbox stores. One mutex guards it all: the
// sandbox serves tests, not load.
type state struct {
	mu  sync.Mutex
	now func() time.Time

	transactions []*transaction
	customers    []*customer
	products     []*product
	layouts      []*layout
	orders       []*order
	banks        []*bankAccount
	transfers    []*transfer
	cashouts     []*cashout
	webhooks     []*webhook
	ledger       []*entry
	company      company

	// reserveBasisPoints of each paid charge is held for reserveDays.
	reserveBasisPoints int64
	reserveDays        int
}

func newState(now func() time.Time) *state {
	st := &state{now: now}
	st.company = newCompany(now())
	st.layouts = []*layout{newDefaultLayout(now())}
	return st
}

// findRecord returns the first row that match accepts, or nil.
func findRecord[T any](rows []*T, match func(*T) bool) *T {
	for _, row := range rows {
		if match(row) {
			return row
		}
	}
	return nil
}

// removeRecord returns rows without target.
func removeRecord[T any](rows []*T, target *T) []*T {
	return slices.DeleteFunc(rows, func(row *T) bool { return row == target })
}

// newID returns a random version 4 UUID.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// timestamp encodes a time as the API does: UTC, milliseconds, "Z".
type timestamp time.Time

// MarshalJSON writes the time as "2006-01-02T15:04:05.000Z".
func (t timestamp) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Time(t).UTC().Format("2006-01-02T15:04:05.000Z"))
}

func stamp(t time.Time) *timestamp {
	ts := timestamp(t)
	return &ts
}

// date encodes a calendar date as the API does: "2006-01-02".
func date(t time.Time) *string {
	d := t.UTC().Format(time.DateOnly)
	return &d
}

func ptr[T any](v T) *T { return &v }

// snapshot encodes v while the caller holds the lock, so the response never
// races with a later change of the record.
func snapshot(v any) json.RawMessage {
	data, err := json.Marshal(v)
	if err != nil {
		panic("bynettest: cannot encode record: " + err.Error())
	}
	return data
}
