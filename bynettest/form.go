package bynettest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"strings"
)

// upload is one file part of a multipart request.
type upload struct {
	Field    string
	FileName string
	Size     int64
}

// form reads the request's fields and file parts. It accepts
// multipart/form-data, which the API documents for uploads, and a JSON
// object, which older clients send; JSON values that are not strings keep
// their JSON text.
func (c *call) form() (map[string]string, []upload, error) {
	mediaType, params, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if mediaType == "multipart/form-data" {
		return readMultipart(c.body, params["boundary"])
	}

	var raw map[string]json.RawMessage
	if err := c.decode(&raw); err != nil {
		return nil, nil, err
	}

	fields := map[string]string{}
	for key, value := range raw {
		var text string
		if json.Unmarshal(value, &text) == nil {
			fields[key] = text
		} else {
			fields[key] = string(value)
		}
	}
	return fields, nil, nil
}

func readMultipart(body []byte, boundary string) (map[string]string, []upload, error) {
	invalid := badRequest("body", "Formulário multipart inválido.")
	if boundary == "" {
		return nil, nil, invalid
	}

	fields := map[string]string{}
	var files []upload
	reader := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := reader.NextPart()
		if err == io.EOF {
			return fields, files, nil
		}
		if err != nil {
			return nil, nil, invalid
		}

		data, err := io.ReadAll(part)
		if err != nil {
			return nil, nil, invalid
		}

		if part.FileName() != "" {
			files = append(files, upload{Field: part.FormName(), FileName: part.FileName(), Size: int64(len(data))})
		} else {
			fields[part.FormName()] = string(data)
		}
	}
}

// fileKey returns the storage key of an uploaded file: the id plus the
// file's extension.
func fileKey(id, fileName string) string {
	ext := ""
	if i := strings.LastIndex(fileName, "."); i >= 0 {
		ext = strings.ToLower(fileName[i:])
	}
	return fmt.Sprintf("%s%s", id, ext)
}
