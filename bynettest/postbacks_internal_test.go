package bynettest

import "testing"

func TestUndeliveredPostbackLogOmitsQuery(t *testing.T) {
	if got := withoutQuery("http://127.0.0.1:9/pb?token=SECRETTOKEN"); got != "http://127.0.0.1:9/pb" {
		t.Errorf("withoutQuery kept the query: %s", got)
	}
	if got := withoutQuery("http://user:pass@127.0.0.1:9/pb#frag"); got != "http://127.0.0.1:9/pb" {
		t.Errorf("withoutQuery kept credentials or fragment: %s", got)
	}
}
