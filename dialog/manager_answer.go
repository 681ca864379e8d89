package dialog

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// A manager's answer to a rating: sent to the visitor, or held back when
// the rating's thread moved on while the manager wrote it.

func (f managerFlow) answer(ctx context.Context, c *Conv) error {
	id, _ := strconv.ParseInt(c.Session.Get(mgrKeyRating), 10, 64)
	text := c.Update.Text
	if n := utf8.RuneCountInString(text); n > cases.MaxAnswerLen {
		c.Say(c.T("mgr.answer_longer", "n", n, "max", cases.MaxAnswerLen), []Button{c.Button("btn.cancel", "mgr:x")})
		return nil
	}
	r, err := f.svc.ManagedRating(ctx, c.Resident.ID, id)
	if err != nil && !vikno.IsNotFound(err) {
		return err
	}
	ref := answerRef(c)
	if err == nil && f.movedOn(c, r, text) {
		f.holdBack(c, r, text, ref)
		return nil
	}
	return f.send(ctx, c, id, text, ref)
}

// answerRef names the manager's message that brings an answer, so that a
// redelivered message answers once: its update id within the manager's
// chat (some channels count updates per chat).
func answerRef(c *Conv) string {
	id := c.Update.ID
	if id == "" {
		id = strconv.FormatInt(time.Now().UnixNano(), 36)
	}
	return strconv.FormatInt(c.Resident.ID, 10) + "-" + id
}

// movedOn reports whether the rating's thread got a message (a colleague's
// answer, the resident's reply) since the manager was asked for the answer
// text. The manager's own answer, stored by an earlier run of this very
// update, does not count; nor does anything when the prompt did not note
// the thread (one given before this check existed).
func (managerFlow) movedOn(c *Conv, r cases.Rating, text string) bool {
	seen := c.Session.Get(mgrKeySeen)
	return seen != "" && threadMark(r) != seen && r.Answer != strings.TrimSpace(text)
}

// holdBack keeps the answer unsent and shows what came meanwhile: the
// manager sends it anyway («mgr:s»), writes another one or cancels.
func (f managerFlow) holdBack(c *Conv, r cases.Rating, text, ref string) {
	c.Session.Set(mgrKeySeen, threadMark(r))
	c.Session.Set(mgrKeyDraft, text)
	c.Session.Set(mgrKeyRef, ref)
	var news Text
	if r.RepliedAt.After(r.AnsweredAt) {
		news = c.T("mgr.replied_meanwhile", "time", localTime(f.city, r.RepliedAt).Format("02.01 15:04"),
			"reply", shorten(r.Reply, answeredQuoteLen))
	} else {
		news = c.T("mgr.answered_meanwhile", "time", localTime(f.city, r.AnsweredAt).Format("02.01 15:04"),
			"answer", shorten(r.Answer, answeredQuoteLen))
	}
	c.Say(news.Append(Plain("\n\n"), c.T("mgr.held")),
		[]Button{c.Button("mgr.btn_send_anyway", "mgr:s")}, []Button{c.Button("btn.cancel", "mgr:x")})
}

// sendHeld sends the answer holdBack kept, under the ref of the manager's
// message that brought it: pressing twice sends it once.
func (f managerFlow) sendHeld(ctx context.Context, c *Conv) error {
	id, _ := strconv.ParseInt(c.Session.Get(mgrKeyRating), 10, 64)
	return f.send(ctx, c, id, c.Session.Get(mgrKeyDraft), c.Session.Get(mgrKeyRef))
}

func (f managerFlow) send(ctx context.Context, c *Conv, id int64, text, ref string) error {
	r, err := f.svc.AnswerRating(ctx, c.Resident.ID, id, text, ref)
	switch vikno.ErrorCode(err) {
	case "":
		key := "mgr.answer_sent"
		if f.unreachable(ctx, c, r.ResidentID) {
			key = "mgr.answer_unreachable"
		}
		c.Done(c.T(key, "id", id))
	case vikno.ENOTFOUND:
		c.Done(c.T("mgr.no_access"))
	case vikno.EINVALID:
		c.Say(c.T("mgr.answer_too_long", "max", cases.MaxAnswerLen), []Button{c.Button("btn.cancel", "mgr:x")})
	default:
		return err
	}
	return nil
}

// unreachable reports whether the visitor blocked the bot, so that an
// answer cannot reach them. Only what the manager is told depends on it: a
// failed look-up says nothing of the answer, which is stored already.
func (managerFlow) unreachable(ctx context.Context, c *Conv, residentID int64) bool {
	res, err := c.engine.cfg.Residents.FindResident(ctx, residentID)
	return err == nil && res.Unreachable
}

// threadMark sums up where a rating's thread stands: when it was last
// answered and last replied to.
func threadMark(r cases.Rating) string {
	return strconv.FormatInt(r.AnsweredAt.UnixNano(), 36) + "/" + strconv.FormatInt(r.RepliedAt.UnixNano(), 36)
}
