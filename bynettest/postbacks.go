package bynettest

// postman delivers postbacks.
type postman struct{ st *state }

func newPostman(st *state) *postman { return &postman{st: st} }

func (p *postman) close() {}

type postback struct{}

func postbackFor(tx *transaction) postback { return postback{} }

func (st *state) postbackTargets(tx *transaction) []string { return nil }

func (p *postman) send(event postback, targets []string) {}
