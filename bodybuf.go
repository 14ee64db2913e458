package bynet

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

// maxPooledBody is the largest body buffer kept for reuse, so that one huge
// response does not pin its memory for later calls.
const maxPooledBody = 1 << 20

// bodyBuffers holds *bytes.Buffer values that response bodies are read into.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// readBody reads at most limit bytes of body into a pooled buffer, closes
// body, and sets st.body and st.bodyErr like readCapped. st.body stays
// valid until releaseBody.
func (st *callState) readBody(body io.ReadCloser, limit int64) error {
	defer body.Close()

	if st.buf == nil {
		st.buf = bodyBuffers.Get().(*bytes.Buffer)
	}
	st.buf.Reset()

	st.limited = io.LimitedReader{R: body, N: limit + 1}
	_, err := st.buf.ReadFrom(&st.limited)
	st.limited.R = nil
	data := st.buf.Bytes()

	switch {
	case err != nil:
		st.body, st.bodyErr = data, err
	case int64(len(data)) > limit:
		st.body, st.bodyErr = data[:limit], fmt.Errorf("%w (%d bytes)", ErrResponseTooLarge, limit)
	case data == nil:
		st.body, st.bodyErr = []byte{}, nil
	default:
		st.body, st.bodyErr = data, nil
	}

	return st.bodyErr
}

// releaseBody returns the body buffer to the pool. Nothing may hold
// st.body, or a slice of it, afterwards: decoded results and errors copy
// what they keep.
func (st *callState) releaseBody() {
	if st == nil || st.buf == nil {
		return
	}

	st.body = nil
	if st.buf.Cap() <= maxPooledBody {
		bodyBuffers.Put(st.buf)
	}
	st.buf = nil
}
