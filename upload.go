package bynet

import (
	"context"
	"io"
	"maps"
	"mime"
	"path/filepath"
	"slices"

	"github.com/bynet-go/bynet/internal/form"
)

// ErrBodyNotRewindable is wrapped by the error of a multipart upload that
// needed a second attempt after the first had read a file whose Reader is
// not an io.Seeker. Pass an *os.File or a *bytes.Reader to allow retries.
var ErrBodyNotRewindable = form.ErrNotRewindable

// File is a file to upload in a multipart form. The SDK streams it while the
// request is sent, without reading it into memory.
type File struct {
	// Name is the file name sent to the server, such as "logo.png".
	Name string
	// ContentType is the file's MIME type. When empty it is guessed from the
	// extension of Name, else application/octet-stream.
	ContentType string
	// Reader is the content. When it is also an io.Seeker, a retried request
	// seeks it back to the offset it had before the first attempt. Otherwise
	// a retry after the file was read fails with ErrBodyNotRewindable. The
	// SDK never closes Reader.
	Reader io.Reader
}

// FilePart is a file sent under a form part name that the caller chooses.
type FilePart struct {
	// Field is the multipart part name.
	Field string
	File  File
}

func (f *File) validate(field string) error {
	switch {
	case f.Reader == nil:
		return invalid(field+".reader", "is nil; expected the file content as an io.Reader")
	case f.Name == "":
		return invalid(field+".name", "is empty; expected a file name such as \"image.png\"")
	}
	return nil
}

// addFile adds f as a file part named field.
func addFile(body *form.Form, field string, f File) {
	contentType := f.ContentType
	if contentType == "" {
		contentType = mime.TypeByExtension(filepath.Ext(f.Name))
	}
	body.File(field, f.Name, contentType, f.Reader)
}

// doForm sends body with the method and path, then stops any goroutine that
// still streams it, whatever the outcome.
func (c *Client) doForm(ctx context.Context, r *request, body *form.Form, out any) (*Response, error) {
	defer body.Close()

	r.body = &rawBody{contentType: body.ContentType(), open: body.Open}
	return c.do(ctx, r, out)
}

// addFields adds text parts in the order of their names, so that a form is
// the same from one call to the next.
func addFields(body *form.Form, fields map[string]string) {
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		body.Field(name, fields[name])
	}
}
