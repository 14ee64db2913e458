package bynet

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadBodyCapsAndReleases(t *testing.T) {
	st := &callState{}
	err := st.readBody(io.NopCloser(strings.NewReader("0123456789")), 4)
	if !errors.Is(err, ErrResponseTooLarge) || string(st.body) != "0123" {
		t.Fatalf("readBody over the limit = %q, %v; want the first 4 bytes and ErrResponseTooLarge", st.body, err)
	}

	if err := st.readBody(io.NopCloser(strings.NewReader("")), 4); err != nil || st.body == nil || len(st.body) != 0 {
		t.Fatalf("readBody of an empty body = %#v, %v; want an empty non-nil slice", st.body, err)
	}

	if err := st.readBody(io.NopCloser(strings.NewReader("abcd")), 4); err != nil || string(st.body) != "abcd" {
		t.Fatalf("readBody at the limit = %q, %v; want the whole body", st.body, err)
	}

	st.releaseBody()
	if st.body != nil || st.buf != nil {
		t.Errorf("releaseBody left body %q and buffer %v", st.body, st.buf)
	}

	var none *callState
	none.releaseBody()
}
