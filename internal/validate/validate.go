// Package validate checks caller input before the SDK sends a request.
package validate

import (
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"
)

// PathID returns an error when id cannot be used as one path segment: it is
// empty, has surrounding spaces, or contains '/', '\', '?', '#', '%', "..",
// or a control character.
func PathID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("is empty")
	case strings.TrimSpace(id) != id:
		return fmt.Errorf("has leading or trailing spaces")
	case id == "." || strings.Contains(id, ".."):
		return fmt.Errorf("contains a dot segment")
	case strings.ContainsAny(id, "/\\?#%"):
		return fmt.Errorf("contains one of / \\ ? # %%")
	}

	for _, r := range id {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return fmt.Errorf("contains a control or invalid character")
		}
	}

	return nil
}

// CallbackURL returns an error unless raw is an absolute https URL with a host.
// Plain http is accepted only for loopback hosts, so tests can point a
// postback at a local server.
func CallbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("is not a valid URL; expected an https URL such as https://example.com/postback")
	}

	if !u.IsAbs() || u.Host == "" {
		return fmt.Errorf("is not an absolute URL with a host; expected an https URL such as https://example.com/postback")
	}

	if u.User != nil {
		return fmt.Errorf("must not carry user credentials")
	}

	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if IsLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("must use https (http is accepted only for loopback hosts)")
	default:
		return fmt.Errorf("has scheme %q, expected https", u.Scheme)
	}
}

// IsLoopbackHost reports whether host is "localhost" or a loopback IP address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}

	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
