package bynet_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

var (
	sectionMarker = regexp.MustCompile(`(?m)^<!-- section: ([a-z-]+) -->$`)
	codeBlock     = regexp.MustCompile("(?ms)^```[a-z]*\n.*?^```$")
	// lineComment matches a trailing Go or shell comment, which each README
	// writes in its own language.
	lineComment = regexp.MustCompile(`(?m)(^|[ \t])(//|#) .*$`)
)

// TestReadmesInStep keeps README.md and its Portuguese twin in step: the
// same sections in the same order, and the same code blocks once comments,
// which each README writes in its own language, are removed.
func TestReadmesInStep(t *testing.T) {
	english := readFile(t, "README.md")
	portuguese := readFile(t, "README.pt-BR.md")

	englishSections := sectionMarker.FindAllStringSubmatch(english, -1)
	portugueseSections := sectionMarker.FindAllStringSubmatch(portuguese, -1)
	if len(englishSections) == 0 {
		t.Fatal("README.md has no section markers")
	}
	if len(englishSections) != len(portugueseSections) {
		t.Fatalf("README.md has %d sections, README.pt-BR.md has %d", len(englishSections), len(portugueseSections))
	}
	for i := range englishSections {
		if englishSections[i][1] != portugueseSections[i][1] {
			t.Errorf("section %d: README.md has %q, README.pt-BR.md has %q", i, englishSections[i][1], portugueseSections[i][1])
		}
	}

	englishCode := withoutComments(codeBlock.FindAllString(english, -1))
	portugueseCode := withoutComments(codeBlock.FindAllString(portuguese, -1))
	if len(englishCode) != len(portugueseCode) {
		t.Fatalf("README.md has %d code blocks, README.pt-BR.md has %d", len(englishCode), len(portugueseCode))
	}
	for i := range englishCode {
		if englishCode[i] != portugueseCode[i] {
			t.Errorf("code block %d differs:\nREADME.md:\n%s\nREADME.pt-BR.md:\n%s", i, englishCode[i], portugueseCode[i])
		}
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()

	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(data), "\r\n", "\n")
}

func withoutComments(blocks []string) []string {
	out := make([]string, len(blocks))
	for i, block := range blocks {
		out[i] = lineComment.ReplaceAllString(block, "")
	}
	return out
}
