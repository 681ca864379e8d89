package dialog

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// FlowRateReply is the flow of a resident who replies to a manager's answer
// on the resident's rating: the reply goes back to that manager.
const FlowRateReply = "rr"

// RatingReplies passes a resident's reply on to the manager who answered;
// cases.Feedback implements it.
type RatingReplies interface {
	// ReplyRating records the reply and notifies the manager; the result's
	// Managers counts the managers told. ENOTFOUND for a rating that is not
	// the resident's or has no answer; EINVALID for an empty or too long
	// reply.
	ReplyRating(ctx context.Context, residentID, id int64, reply, ref string) (cases.Rating, error)
}

// RegisterRatingReplies registers the reply flow: the «Відповісти» button
// under a manager's answer ("rr:<rating id>") makes the resident's next
// message the reply.
func RegisterRatingReplies(e *Engine, svc RatingReplies) {
	e.Register(rateReplyFlow{svc: svc})
}

const (
	rrStepText  = "text"
	rrKeyRating = "id"
)

type rateReplyFlow struct{ svc RatingReplies }

func (rateReplyFlow) Name() string { return FlowRateReply }

// Start is not a menu entry: the flow begins from the button.
func (f rateReplyFlow) Start(ctx context.Context, c *Conv, arg string) error {
	c.Arg = arg
	return f.Handle(ctx, c)
}

func (f rateReplyFlow) Handle(ctx context.Context, c *Conv) error {
	if c.Update.Action != "" {
		return f.begin(c, c.Arg)
	}
	if c.Session.Flow != FlowRateReply || c.Session.Step != rrStepText {
		c.Done(c.T("rreply.stale"))
		return nil
	}
	if c.Update.Text == "" { // a photo or a location: replies are text
		f.ask(c, "rreply.text_only")
		return nil
	}
	return f.send(ctx, c)
}

// begin makes the resident's next message the reply to rating arg.
func (f rateReplyFlow) begin(c *Conv, arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		c.Done(c.T("rreply.stale"))
		return nil
	}
	c.Session.Reset()
	c.Session.Flow, c.Session.Step = FlowRateReply, rrStepText
	c.Session.Set(rrKeyRating, strconv.FormatInt(id, 10))
	f.ask(c, "rreply.prompt")
	return nil
}

func (f rateReplyFlow) ask(c *Conv, key string) {
	c.Say(c.T(key, "max", cases.MaxReplyLen), c.MenuRow())
}

func (f rateReplyFlow) send(ctx context.Context, c *Conv) error {
	if utf8.RuneCountInString(strings.TrimSpace(c.Update.Text)) > cases.MaxReplyLen {
		f.ask(c, "rreply.too_long")
		return nil
	}
	id, _ := strconv.ParseInt(c.Session.Get(rrKeyRating), 10, 64)
	ref := c.Update.ID
	if ref == "" {
		ref = strconv.FormatInt(c.Update.Time.UnixNano(), 36)
	}
	r, err := f.svc.ReplyRating(ctx, c.Resident.ID, id, c.Update.Text, ref)
	switch vikno.ErrorCode(err) {
	case "":
		key := "rreply.sent"
		if r.Managers == 0 {
			key = "rreply.recorded"
		}
		c.Done(c.T(key))
	case vikno.ENOTFOUND:
		c.Done(c.T("rreply.stale"))
	case vikno.EINVALID:
		f.ask(c, "rreply.too_long")
	default:
		return err
	}
	return nil
}

// replyButton is «✍️ Відповісти» under a manager's answer, when the engine
// has the reply flow.
func replyButton(c *Conv, ratingID int64) []Button {
	if _, ok := c.engine.flows[FlowRateReply]; !ok {
		return nil
	}
	return []Button{c.Button("rreply.btn", FlowRateReply+":"+strconv.FormatInt(ratingID, 10))}
}

// RatingReplyAlert adds the message that brings a resident's reply to the
// manager: the rating, the answer it replies to, the reply, and the buttons
// to answer again or mark it processed. own tells whether the manager wrote
// that answer; a reply to a colleague's answer (who left, or answered from
// the web) calls it the CNAP's.
func RatingReplyAlert(c *Conv, r cases.Rating, city vikno.City, own bool) {
	head, answer := "rreply.alert_head_cnap", "rreply.alert_answer_cnap"
	if own {
		head, answer = "rreply.alert_head", "rreply.alert_answer"
	}
	lines := []Text{
		c.T(head, "id", r.ID, "score", r.Score, "max", cases.MaxScore),
		Plain("📍 " + placeName(c, city, r.LocationID, r.Point)),
		c.T(answer, "answer", r.Answer),
		c.T("rreply.alert_reply", "reply", r.Reply),
	}
	id := strconv.FormatInt(r.ID, 10)
	c.Say(joinLines(lines), []Button{c.Button("mgr.btn_answer", "mgr:a:"+id), c.Button("mgr.btn_done", "mgr:d:"+id)})
}
