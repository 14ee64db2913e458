package bynettest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bynet-go/bynet/internal/validate"
)

// Postback retry rules of the sandbox. The API documents none; these keep
// tests fast while still exercising a receiver that fails at first.
const (
	postbackAttempts = 4
	postbackBackoff  = 10 * time.Millisecond
	postbackTimeout  = 5 * time.Second
)

// Delivery is one postback that the sandbox sent, or tried to send, to one
// URL, as Server.Deliveries returns it.
type Delivery struct {
	// URL is the destination: a postbackUrl or a registered webhook.
	URL string
	// ObjectID is the id of the transaction, cashout or transfer.
	ObjectID string
	// Type is "transaction", "cashout" or "transfer".
	Type string
	// Status is the object's status as sent, in lower case, such as "paid".
	Status string
	// Body is the JSON that was posted.
	Body []byte
	// Attempts is how many times the body was posted.
	Attempts int
	// StatusCode is the HTTP status of the last attempt, 0 if none arrived.
	StatusCode int
	// Delivered reports whether an attempt got a 2xx response.
	Delivered bool
	// Error describes why the delivery failed, or is empty.
	Error string
}

// postback is one event to deliver to a set of URLs.
type postback struct {
	objectID, kind, status string
	body                   []byte
	targets                []string
}

// postman delivers postbacks in the order the events happened, one at a
// time, from a single goroutine.
type postman struct {
	client *http.Client
	logger *slog.Logger

	mu         sync.Mutex
	queue      []postback
	wake       chan struct{}
	deliveries []Delivery
	// pending counts queued events not yet delivered; idle is signalled
	// when it drops to zero.
	pending int
	idle    *sync.Cond

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
}

func newPostman(logger *slog.Logger) *postman {
	ctx, cancel := context.WithCancel(context.Background())
	p := &postman{
		client: loopbackClient(),
		logger: logger,
		wake:   make(chan struct{}, 1),
		ctx:    ctx,
		cancel: cancel,
		done:   make(chan struct{}),
	}
	p.idle = sync.NewCond(&p.mu)
	go p.run()
	return p
}

// loopbackClient returns an HTTP client that connects only to loopback
// addresses and does not follow redirects, so a postback never leaves the
// machine whatever a URL or a DNS record points to.
func loopbackClient() *http.Client {
	dialer := &net.Dialer{Timeout: postbackTimeout, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, _ := net.SplitHostPort(address)
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("bynettest: postback to non-loopback address %s blocked", address)
		}
		return nil
	}}

	return &http.Client{
		Timeout:   postbackTimeout,
		Transport: &http.Transport{DialContext: dialer.DialContext, Proxy: nil},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// send queues an event for its targets. Events without targets are dropped.
func (p *postman) send(event postback) {
	if len(event.targets) == 0 {
		return
	}

	p.mu.Lock()
	p.queue = append(p.queue, event)
	p.pending++
	p.mu.Unlock()

	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *postman) run() {
	defer close(p.done)
	for {
		event, ok := p.next()
		if !ok {
			select {
			case <-p.wake:
				continue
			case <-p.ctx.Done():
				return
			}
		}

		for _, target := range event.targets {
			p.record(p.deliver(event, target))
		}
		p.finish()
	}
}

func (p *postman) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()

	p.pending--
	if p.pending == 0 {
		p.idle.Broadcast()
	}
}

func (p *postman) next() (postback, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()

	if len(p.queue) == 0 {
		return postback{}, false
	}
	event := p.queue[0]
	p.queue = p.queue[1:]
	return event, true
}

// deliver posts the event to target, retrying on connection errors and 5xx
// with a doubling backoff.
func (p *postman) deliver(event postback, target string) Delivery {
	d := Delivery{URL: target, ObjectID: event.objectID, Type: event.kind, Status: event.status, Body: event.body}
	if err := checkPostbackURL(target); err != nil {
		d.Error = err.Error()
		return d
	}

	wait := postbackBackoff
	for d.Attempts < postbackAttempts {
		d.Attempts++
		status, err := p.post(target, event.body)
		d.StatusCode = status

		switch {
		case err == nil && status < 300:
			d.Delivered, d.Error = true, ""
			return d
		case err != nil:
			d.Error = err.Error()
		default:
			d.Error = fmt.Sprintf("receiver responded HTTP %d", status)
		}

		if err == nil && status < 500 {
			return d
		}

		select {
		case <-time.After(wait):
		case <-p.ctx.Done():
			return d
		}
		wait *= 2
	}
	return d
}

func (p *postman) post(target string, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(p.ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "bynettest-postback/1.0")

	resp, err := p.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// checkPostbackURL accepts only http(s) URLs whose host is a loopback
// address or "localhost".
func checkPostbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("bynettest: postback URL %q is not an absolute http(s) URL", raw)
	}

	if !validate.IsLoopbackHost(u.Hostname()) {
		return errors.New("bynettest: postback not sent: the sandbox delivers only to loopback hosts, got " + u.Hostname())
	}
	return nil
}

// withoutQuery drops the query string of a postback URL before it is
// logged, because merchants put a shared secret there.
func withoutQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}

	u.RawQuery, u.Fragment, u.User = "", "", nil
	return u.String()
}

func (p *postman) record(d Delivery) {
	if !d.Delivered && p.logger != nil {
		p.logger.Warn("bynettest: postback not delivered", slog.String("url", withoutQuery(d.URL)),
			slog.String("object_id", d.ObjectID), slog.Int("attempts", d.Attempts), slog.String("error", d.Error))
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	p.deliveries = append(p.deliveries, d)
}

// close stops the worker and drops the events still queued.
func (p *postman) close() {
	p.cancel()
	<-p.done

	p.mu.Lock()
	defer p.mu.Unlock()
	p.queue, p.pending = nil, 0
	p.idle.Broadcast()
}

// Deliveries returns the postbacks sent so far, in the order they ended.
// Call Flush first to include the ones still in flight.
func (s *Server) Deliveries() []Delivery {
	s.post.mu.Lock()
	defer s.post.mu.Unlock()
	return append([]Delivery(nil), s.post.deliveries...)
}

// Flush waits until every postback queued so far has been delivered or
// has used up its retries. The wait is bounded: each delivery makes at
// most 4 attempts of up to 5 seconds each.
func (s *Server) Flush() {
	p := s.post
	p.mu.Lock()
	defer p.mu.Unlock()

	for p.pending > 0 {
		p.idle.Wait()
	}
}

// postbackBody encodes the documented postback shape: the object id at the
// root and the object under data, with its status in lower case and a type.
func postbackBody(id, kind string, object any) (body []byte, status string) {
	var fields map[string]any
	if err := json.Unmarshal(snapshot(object), &fields); err != nil {
		panic("bynettest: cannot encode postback: " + err.Error())
	}

	status = strings.ToLower(fmt.Sprint(fields["status"]))
	fields["status"] = status
	fields["type"] = kind

	return snapshot(map[string]any{"objectId": id, "data": fields}), status
}

// transactionPostback builds the postback of a charge for its postbackUrl
// and the TRANSACTION webhooks. The caller holds the lock.
func (st *state) transactionPostback(tx *transaction) postback {
	target := ""
	if tx.PostbackURL != nil {
		target = *tx.PostbackURL
	}
	return st.newPostback(tx.ID, "transaction", tx, target, "TRANSACTION")
}

// newPostback builds the postback of an object for its own postback URL
// (when set) and the webhooks of webhookType. The caller holds the lock.
func (st *state) newPostback(id, kind string, object any, postbackURL, webhookType string) postback {
	body, status := postbackBody(id, kind, object)
	event := postback{objectID: id, kind: kind, status: status, body: body}
	if postbackURL != "" {
		event.targets = append(event.targets, postbackURL)
	}

	event.targets = append(event.targets, st.webhookURLs(webhookType)...)
	return event
}
