package form

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"
)

// readParts opens the form once and returns its parts as name=content.
func readParts(t *testing.T, f *Form) []string {
	t.Helper()

	r, err := f.Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("reading the body: %v", err)
	}

	_, params, err := mime.ParseMediaType(f.ContentType())
	if err != nil {
		t.Fatalf("content type %q: %v", f.ContentType(), err)
	}

	var parts []string
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return parts
		}
		if err != nil {
			t.Fatalf("next part: %v", err)
		}
		content, _ := io.ReadAll(p)
		parts = append(parts, p.FormName()+"|"+p.FileName()+"|"+p.Header.Get("Content-Type")+"|"+string(content))
	}
}

func TestFormPartsInOrder(t *testing.T) {
	f := New(context.Background())
	f.Field("title", "Produto \"X\"")
	f.File("images", `a"b.png`, "image/png", strings.NewReader("png"))
	f.File("doc", "c.bin", "", strings.NewReader("bin"))

	got := readParts(t, f)

	want := []string{"title|||Produto \"X\"", `images|a"b.png|image/png|png`, "doc|c.bin|application/octet-stream|bin"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestFormProbeReadsNothing(t *testing.T) {
	file := strings.NewReader("content")
	f := New(context.Background())
	f.File("images", "a.png", "", file)

	probe, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	if err := probe.(io.Closer).Close(); err != nil {
		t.Fatal(err)
	}

	if file.Len() != len("content") {
		t.Errorf("the probe read %d bytes of the file", len("content")-file.Len())
	}
	if _, err := probe.Read(make([]byte, 1)); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("Read after Close: got %v, want io.ErrClosedPipe", err)
	}
}

func TestFormRewindsToStartOffset(t *testing.T) {
	file := strings.NewReader("skip:content")
	if _, err := file.Seek(5, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	f := New(context.Background())
	f.File("images", "a.png", "text/plain", file)

	first := readParts(t, f)
	second := readParts(t, f)

	if len(first) != 1 || first[0] != "images|a.png|text/plain|content" {
		t.Errorf("first pass: %q", first)
	}
	if len(second) != 1 || second[0] != first[0] {
		t.Errorf("second pass: %q, want %q", second, first)
	}
}

func TestFormNotRewindable(t *testing.T) {
	f := New(context.Background())
	f.File("images", "a.png", "", io.MultiReader(strings.NewReader("once")))
	readParts(t, f)

	_, err := f.Open()

	if !errors.Is(err, ErrNotRewindable) {
		t.Fatalf("second Open: got %v, want ErrNotRewindable", err)
	}
	if !strings.Contains(err.Error(), `part "images"`) {
		t.Errorf("error %q does not name the part", err)
	}
}

func TestFormCancelStopsReader(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	f := New(ctx)
	f.File("images", "a.bin", "", io.LimitReader(endless{}, 1<<30))

	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	cancel()

	_, err = io.Copy(io.Discard, r)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Read after cancel: got %v, want context.Canceled", err)
	}
	_ = f.Close() // the form was cancelled, so Close reports that again
}

type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }
