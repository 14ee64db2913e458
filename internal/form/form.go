// Package form streams a multipart/form-data request body whose file parts
// come from io.Readers, without holding the files in memory.
//
// A Form hands out readers through Open, once per attempt of a request. Each
// reader is lazy: it starts the goroutine that writes the form into an
// io.Pipe only on its first Read, so opening a reader to probe it and closing
// it again consumes nothing. A later reader first stops the earlier one, then
// seeks every file back to where it started. A file that is not an io.Seeker
// makes that later Open fail with ErrNotRewindable.
//
// NOTE: the body's length is not computed, so HTTP/1.1 sends it with chunked
// transfer encoding, which a server that requires Content-Length may reject.
package form

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
	"sync"
)

// ErrNotRewindable is returned by Open when an earlier attempt already read
// a file part whose reader cannot seek back to its start.
var ErrNotRewindable = errors.New("multipart body cannot be sent again: a file reader is not an io.Seeker")

// part is one text or file part, in the order it was added.
type part struct {
	name        string
	value       string
	fileName    string
	contentType string
	file        io.Reader
	// start is the file's offset before the first attempt read it.
	start int64
}

// Form is a multipart/form-data body. Add parts, then pass ContentType and
// Open to the HTTP client. It is safe for the concurrent Open, Read and Close
// calls that an HTTP transport makes.
type Form struct {
	ctx      context.Context
	parts    []part
	boundary string

	// mu guards current and orders Open and Close.
	mu      sync.Mutex
	current *reader

	// filesMu guards consumed and the parts' start offsets.
	filesMu  sync.Mutex
	consumed bool
}

// New returns an empty form. Its readers stop when ctx ends; a nil ctx
// never ends.
func New(ctx context.Context) *Form {
	if ctx == nil {
		ctx = context.Background()
	}
	return &Form{ctx: ctx, boundary: multipart.NewWriter(io.Discard).Boundary()}
}

// Field adds a text part.
func (f *Form) Field(name, value string) {
	f.parts = append(f.parts, part{name: name, value: value})
}

// File adds a file part whose content is read from r while the body is sent.
// An empty contentType is sent as application/octet-stream.
func (f *Form) File(name, fileName, contentType string, r io.Reader) {
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	f.parts = append(f.parts, part{name: name, fileName: fileName, contentType: contentType, file: r})
}

// ContentType returns the Content-Type header value, with the boundary.
func (f *Form) ContentType() string {
	return "multipart/form-data; boundary=" + f.boundary
}

// Open returns a fresh reader of the whole body. It stops the reader that an
// earlier call returned, and when that reader had started, rewinds every file
// or fails with ErrNotRewindable.
func (f *Form) Open() (io.Reader, error) {
	f.mu.Lock()
	defer f.mu.Unlock()

	if prev := f.current; prev != nil {
		prev.stop()
		if err := prev.wait(f.ctx); err != nil {
			return nil, err
		}
	}

	if err := f.rewind(); err != nil {
		return nil, err
	}

	f.current = &reader{form: f}
	return f.current, nil
}

// Close stops the current reader, so that no goroutine outlives the request
// even when the transport never closed the body.
func (f *Form) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()

	if f.current != nil {
		f.current.stop()
	}
	return nil
}

// rewind seeks every file part back to its start, when an earlier reader
// has read them.
func (f *Form) rewind() error {
	f.filesMu.Lock()
	defer f.filesMu.Unlock()

	if !f.consumed {
		return nil
	}

	for _, p := range f.parts {
		if p.file == nil {
			continue
		}

		seeker, ok := p.file.(io.Seeker)
		if !ok {
			return fmt.Errorf("%w (part %q); pass an *os.File or a *bytes.Reader to allow retries", ErrNotRewindable, p.name)
		}

		if _, err := seeker.Seek(p.start, io.SeekStart); err != nil {
			return fmt.Errorf("multipart body cannot be sent again: seeking file part %q: %w", p.name, err)
		}
	}
	return nil
}

// markStarts records where each seekable file starts, on the first read of
// the first reader.
func (f *Form) markStarts() error {
	f.filesMu.Lock()
	defer f.filesMu.Unlock()

	if f.consumed {
		return nil
	}
	f.consumed = true

	for i, p := range f.parts {
		seeker, ok := p.file.(io.Seeker)
		if !ok {
			continue
		}

		offset, err := seeker.Seek(0, io.SeekCurrent)
		if err != nil {
			return fmt.Errorf("reading file part %q: %w", p.name, err)
		}
		f.parts[i].start = offset
	}
	return nil
}

// write encodes the form into w.
func (f *Form) write(w io.Writer) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(f.boundary); err != nil {
		return err
	}

	for _, p := range f.parts {
		if err := writePart(mw, p); err != nil {
			return err
		}
	}

	return mw.Close()
}

func writePart(mw *multipart.Writer, p part) error {
	if p.file == nil {
		return mw.WriteField(p.name, p.value)
	}

	header := textproto.MIMEHeader{}
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, escapeQuotes(p.name), escapeQuotes(p.fileName)))
	header.Set("Content-Type", p.contentType)

	w, err := mw.CreatePart(header)
	if err != nil {
		return err
	}

	if _, err := io.Copy(w, p.file); err != nil {
		return fmt.Errorf("reading file part %q: %w", p.name, err)
	}
	return nil
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"", "\r", "", "\n", "")

func escapeQuotes(s string) string {
	return quoteEscaper.Replace(s)
}

// reader is one pass over the body. The pipe and its writing goroutine exist
// only after the first Read.
type reader struct {
	form *Form

	mu      sync.Mutex
	pipe    *io.PipeReader
	done    chan struct{}
	stopped bool
}

// Read starts the writing goroutine on the first call, then reads the pipe.
func (r *reader) Read(p []byte) (int, error) {
	pipe, err := r.start()
	if err != nil {
		return 0, err
	}
	return pipe.Read(p)
}

// Close stops the reader; a writing goroutine ends at its next write.
func (r *reader) Close() error {
	r.stop()
	return nil
}

func (r *reader) start() (*io.PipeReader, error) {
	r.mu.Lock()
	defer r.mu.Unlock()

	if r.stopped {
		return nil, io.ErrClosedPipe
	}

	if r.pipe != nil {
		return r.pipe, nil
	}

	if err := r.form.markStarts(); err != nil {
		return nil, err
	}

	pr, pw := io.Pipe()
	r.pipe, r.done = pr, make(chan struct{})
	stopOnCancel := context.AfterFunc(r.form.ctx, func() { pw.CloseWithError(r.form.ctx.Err()) })

	go func() {
		defer close(r.done)
		defer stopOnCancel()
		pw.CloseWithError(r.form.write(pw))
	}()

	return pr, nil
}

func (r *reader) stop() {
	r.mu.Lock()
	defer r.mu.Unlock()

	r.stopped = true
	if r.pipe != nil {
		_ = r.pipe.CloseWithError(io.ErrClosedPipe) // always returns nil
	}
}

// wait blocks until the writing goroutine, if any, has returned, so that a
// file is never read and rewound at the same time.
func (r *reader) wait(ctx context.Context) error {
	r.mu.Lock()
	done := r.done
	r.mu.Unlock()

	if done == nil {
		return nil
	}

	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
