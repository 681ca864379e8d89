package admin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/staff"
)

// OperatorDesk is what the operators' pages need: the queue of residents
// who asked for a person, their conversations, and the call-back
// requests; *handoff.Desk implements it. Errors are *vikno.Error values:
// ECONFLICT when another operator has the conversation or it has ended.
type OperatorDesk interface {
	Queue(ctx context.Context) ([]handoff.Handoff, error)
	Conversation(ctx context.Context, id, after int64) (handoff.Handoff, []handoff.Message, error)
	Take(ctx context.Context, id int64, op handoff.Operator) (handoff.Handoff, error)
	Send(ctx context.Context, id int64, op handoff.Operator, text, ref string) (handoff.Message, error)
	Return(ctx context.Context, id int64, op handoff.Operator) (handoff.Handoff, error)
	Callbacks(ctx context.Context) ([]handoff.Callback, error)
}

// operatorRoutes adds the operators' pages when there is a desk. Operators
// and admins use them; every other role gets 403.
func (h *Handler) operatorRoutes() {
	if h.cfg.Operators == nil {
		return
	}
	ops := []staff.Role{staff.RoleOperator}
	h.mux.Handle("GET /admin/operators", h.auth(ops, h.operatorQueue))
	h.mux.Handle("GET /admin/operators/{id}", h.auth(ops, h.operatorChat))
	h.mux.Handle("GET /admin/operators/{id}/messages", h.auth(ops, h.operatorMessages))
	h.mux.Handle("POST /admin/operators/{id}/take", h.auth(ops, h.operatorTake))
	h.mux.Handle("POST /admin/operators/{id}/send", h.auth(ops, h.operatorSend))
	h.mux.Handle("POST /admin/operators/{id}/return", h.auth(ops, h.operatorReturn))
}

// operatorOf is the signed-in user as the operator of a hand-off.
func operatorOf(r *http.Request) handoff.Operator {
	u := accountOf(r).user
	return handoff.Operator{ID: u.ID, Name: u.Name}
}

func handoffID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, vikno.Errorf(vikno.ENOTFOUND, "no such conversation")
	}
	return id, nil
}

// queuePage is the data of the queue page.
type queuePage struct {
	Waiting, Active, Closed []handoff.Handoff
	Callbacks               []handoff.Callback
	Problem                 string
	// Version changes whenever the queue does: the page's script reloads
	// the page only then.
	Version string
}

func (h *Handler) operatorQueue(w http.ResponseWriter, r *http.Request) {
	h.showQueue(w, r, http.StatusOK, "")
}

func (h *Handler) showQueue(w http.ResponseWriter, r *http.Request, status int, problem string) {
	list, err := h.cfg.Operators.Queue(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cbs, err := h.cfg.Operators.Callbacks(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := queuePage{Callbacks: cbs, Problem: problem}
	for _, ho := range list {
		switch ho.Status {
		case handoff.StatusWaiting:
			p.Waiting = append(p.Waiting, ho)
		case handoff.StatusActive:
			p.Active = append(p.Active, ho)
		default:
			p.Closed = append(p.Closed, ho)
		}
	}
	p.Version = queueVersion(list, cbs)
	h.render(w, r, status, "operators", p)
}

// queueVersion sums up the queue: each hand-off's id, status and newest
// message time, and the newest call-back.
func queueVersion(list []handoff.Handoff, cbs []handoff.Callback) string {
	var b strings.Builder
	for _, ho := range list {
		fmt.Fprintf(&b, "%d:%s:%d;", ho.ID, ho.Status, ho.LastAt.UnixMilli())
	}
	if len(cbs) > 0 {
		fmt.Fprintf(&b, "cb%d", cbs[0].ID)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

// chatPage is the data of a conversation's page.
type chatPage struct {
	Handoff  handoff.Handoff
	Messages []handoff.Message
	// Mine is true when the signed-in operator has the conversation.
	Mine bool
	// After is the id of the newest message shown.
	After int64
	// Ref identifies the message form, so a double click sends once.
	Ref string
	// Earlier is what the resident wrote to the bot in the day before
	// asking for a person, oldest first.
	Earlier []earlierMessage
	// Draft is the operator's text sent back with Problem, why it was not
	// sent; Max the longest message, in characters.
	Draft, Problem string
	Max            int
}

// earlierMessage is one message the resident sent the bot.
type earlierMessage struct {
	At   time.Time
	Text string
}

// earlierLimit bounds the messages before the hand-off shown.
const earlierLimit = 20

// earlier returns what the resident of ho wrote to the bot before asking
// for a person: texts as written, photos, locations and contacts as short
// notes, button presses left out, and the messages the conversation holds
// (the typed request for a person opens it) too. A failure costs only this
// part of the page.
func (h *Handler) earlier(r *http.Request, ho handoff.Handoff, msgs []handoff.Message) []earlierMessage {
	if h.cfg.History == nil {
		return nil
	}
	ins, err := h.cfg.History.RecentInbound(r.Context(), bots.Resident{Channel: ho.Channel, UserID: ho.UserID}, ho.CreatedAt.Add(time.Second), earlierLimit)
	if err != nil {
		h.cfg.Logger.WarnContext(r.Context(), "resident history not read", "err", err)
		return nil
	}
	inChat := map[string]bool{}
	for _, m := range msgs {
		if m.Author == handoff.FromResident && m.Key != "" {
			inChat[m.Key] = true
		}
	}
	l := lang(r)
	var out []earlierMessage
	for i := len(ins) - 1; i >= 0; i-- {
		u := ins[i].Update
		if inChat[u.ID] {
			continue
		}
		text := strings.TrimSpace(u.Text)
		switch {
		case u.Photo != nil:
			text = strings.TrimSpace("[" + tr(l, "op_earlier_photo") + "] " + text)
		case u.Location != nil:
			text = "[" + tr(l, "op_earlier_location") + "]"
		case u.Contact != nil:
			text = "[" + tr(l, "op_earlier_contact") + "]"
		}
		if text != "" {
			out = append(out, earlierMessage{At: ins[i].Received, Text: text})
		}
	}
	return out
}

func (h *Handler) operatorChat(w http.ResponseWriter, r *http.Request) {
	id, err := handoffID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderChat(w, r, id, http.StatusOK, "", "")
}

// renderChat shows the conversation id, with the operator's draft and why
// it was not sent when problem is not empty.
func (h *Handler) renderChat(w http.ResponseWriter, r *http.Request, id int64, status int, draft, problem string) {
	ho, msgs, err := h.cfg.Operators.Conversation(r.Context(), id, 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := chatPage{Handoff: ho, Messages: msgs, Ref: newToken()[:16], Earlier: h.earlier(r, ho, msgs),
		Mine:  ho.Status == handoff.StatusActive && ho.OperatorID == accountOf(r).user.ID,
		Draft: draft, Problem: problem, Max: handoff.MaxText}
	if len(msgs) > 0 {
		p.After = msgs[len(msgs)-1].ID
	}
	h.render(w, r, status, "operator_chat", p)
}

// jsonMessage is a message as the conversation page's script reads it.
type jsonMessage struct {
	ID     int64  `json:"id"`
	Author string `json:"author"`
	Name   string `json:"name"`
	Text   string `json:"text"`
	At     string `json:"at"`
}

// operatorMessages gives the page's script the messages newer than
// ?after= and the conversation's status, for near-live updates.
func (h *Handler) operatorMessages(w http.ResponseWriter, r *http.Request) {
	id, err := handoffID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	ho, msgs, err := h.cfg.Operators.Conversation(r.Context(), id, after)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := struct {
		Status   string        `json:"status"`
		Messages []jsonMessage `json:"messages"`
	}{Status: string(ho.Status), Messages: []jsonMessage{}}
	for _, m := range msgs {
		out.Messages = append(out.Messages, jsonMessage{ID: m.ID, Author: string(m.Author), Name: m.Name, Text: m.Text,
			At: h.whenText(lang(r), m.At)})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(out)
}

func (h *Handler) operatorTake(w http.ResponseWriter, r *http.Request) {
	id, err := handoffID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := staff.WithAudit(r.Context(), auditOf(r, "handoff.take", "handoff:"+strconv.FormatInt(id, 10), ""))
	_, err = h.cfg.Operators.Take(ctx, id, operatorOf(r))
	if vikno.ErrorCode(err) == vikno.ECONFLICT {
		h.showQueue(w, r, http.StatusConflict, tr(lang(r), "op_taken_other"))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.cfg.Logger.InfoContext(r.Context(), "hand-off taken", "handoff_id", id, "user_id", accountOf(r).user.ID)
	http.Redirect(w, r, "/admin/operators/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (h *Handler) operatorSend(w http.ResponseWriter, r *http.Request) {
	id, err := handoffID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := r.PostFormValue("text")
	if n := utf8.RuneCountInString(text); n > handoff.MaxText {
		// the whole text comes back to be shortened, none of it sent
		h.renderChat(w, r, id, http.StatusBadRequest, text, trf(lang(r), "op_text_long", n, handoff.MaxText))
		return
	}
	_, err = h.cfg.Operators.Send(r.Context(), id, operatorOf(r), text, r.PostFormValue("ref"))
	if h.failedAsOperator(w, r, err) {
		return
	}
	http.Redirect(w, r, "/admin/operators/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (h *Handler) operatorReturn(w http.ResponseWriter, r *http.Request) {
	id, err := handoffID(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := staff.WithAudit(r.Context(), auditOf(r, "handoff.return", "handoff:"+strconv.FormatInt(id, 10), ""))
	_, err = h.cfg.Operators.Return(ctx, id, operatorOf(r))
	if h.failedAsOperator(w, r, err) {
		return
	}
	h.cfg.Logger.InfoContext(r.Context(), "hand-off returned to the bot", "handoff_id", id, "user_id", accountOf(r).user.ID)
	http.Redirect(w, r, "/admin/operators", http.StatusSeeOther)
}

// failedAsOperator answers err of writing in or returning a conversation:
// 409 when the conversation is not the operator's (another has it, or it
// ended), the usual error page otherwise. It reports whether it answered.
func (h *Handler) failedAsOperator(w http.ResponseWriter, r *http.Request, err error) bool {
	switch vikno.ErrorCode(err) {
	case "":
		return false
	case vikno.ECONFLICT:
		h.render(w, r, http.StatusConflict, "error", map[string]any{"Status": http.StatusConflict, "Message": tr(lang(r), "op_not_yours")})
	default:
		h.fail(w, r, err)
	}
	return true
}
