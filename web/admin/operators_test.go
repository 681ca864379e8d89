package admin_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/handoff"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
	"github.com/vikno-city/vikno/storage/memory"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
	"github.com/vikno-city/vikno/web/admin"
)

// newOperatorEnv is the admin web with the operators' desk on its store and
// two operators, olena and petro.
func newOperatorEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t, func(c *admin.Config) {
		db := c.Staff.(*sqlstore.DB)
		engine := dialog.New(dialog.Config{Residents: db, KV: memory.New()})
		c.Operators = &handoff.Desk[notify.Message]{Store: db,
			Messages: notify.HandoffMessages{Outbox: &notify.Outbox{Store: db, Engine: engine}}}
	})
	hash, _ := staff.HashPassword(password)
	for _, login := range []string{"olena", "petro"} {
		u := staff.User{Login: login, Name: "Оператор " + login, Role: staff.RoleOperator, PasswordHash: hash}
		var err error
		if e.users[login], err = e.db.CreateUser(context.Background(), u, staff.AuditEntry{Actor: "test", Action: "user.create"}); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// ask queues a resident of the web chat who asks for a person with text.
func (e *env) ask(user, text string) handoff.Handoff {
	e.t.Helper()
	ctx := context.Background()
	res, err := e.db.EnsureResident(ctx, vikno.Web, user, "uk")
	if err != nil {
		e.t.Fatal(err)
	}
	h, _, err := e.db.OpenHandoff(ctx, handoff.Handoff{ResidentID: res.ID}, handoff.Message{Author: handoff.FromResident, Text: text})
	if err != nil {
		e.t.Fatal(err)
	}
	return h
}

func TestOperatorPagesAreForOperatorsAndAdminsOnly(t *testing.T) {
	e := newOperatorEnv(t)
	h := e.ask("w1", "допоможіть")
	id := strconv.FormatInt(h.ID, 10)
	manager, mToken := e.login("manager")
	editor, eToken := e.login("editor")
	operator, _ := e.login("olena")
	adm, _ := e.login("admin")
	anonymous := e.browser()
	for _, tt := range []struct {
		name   string
		client *http.Client
		path   string
		want   int
	}{
		{"ManagerCannotSeeTheQueue", manager, "/admin/operators", http.StatusForbidden},
		{"ManagerCannotOpenAConversation", manager, "/admin/operators/" + id, http.StatusForbidden},
		{"EditorCannotReadMessages", editor, "/admin/operators/" + id + "/messages", http.StatusForbidden},
		{"AnonymousIsSentToSignIn", anonymous, "/admin/operators", http.StatusSeeOther},
		{"OperatorSeesTheQueue", operator, "/admin/operators", http.StatusOK},
		{"OperatorOpensAConversation", operator, "/admin/operators/" + id, http.StatusOK},
		{"AdminActsAsOperator", adm, "/admin/operators/" + id, http.StatusOK},
		{"UnknownConversationIsNotFound", operator, "/admin/operators/999999", http.StatusNotFound},
		{"MalformedIDIsNotFound", operator, "/admin/operators/x1", http.StatusNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, _ := e.do(tt.client, "GET", tt.path, nil); code != tt.want {
				t.Fatalf("GET %s = %d, want %d", tt.path, code, tt.want)
			}
		})
	}
	// Other roles' valid form tokens do not take a conversation.
	for c, token := range map[*http.Client]string{manager: mToken, editor: eToken} {
		if code, _, _ := e.do(c, "POST", "/admin/operators/"+id+"/take", url.Values{"csrf": {token}}); code != http.StatusForbidden {
			t.Fatalf("another role's take = %d, want 403", code)
		}
	}
	if got, _ := e.db.FindHandoff(context.Background(), h.ID); got.Status != handoff.StatusWaiting {
		t.Fatalf("the conversation changed: %+v", got)
	}
	// A take without the form token is refused too.
	if code, _, _ := e.do(operator, "POST", "/admin/operators/"+id+"/take", url.Values{}); code != http.StatusForbidden {
		t.Fatalf("take without csrf = %d, want 403", code)
	}
}

func TestTwoOperatorsTakeAtOnceAndOnlyTheTakerWrites(t *testing.T) {
	e := newOperatorEnv(t)
	h := e.ask("w2", "<script>alert(1)</script> потрібна допомога")
	id := strconv.FormatInt(h.ID, 10)
	olena, oToken := e.login("olena")
	petro, pToken := e.login("petro")
	_, queue, _ := e.do(olena, "GET", "/admin/operators", nil)
	if !strings.Contains(queue, "1 мешканець чекає") || strings.Contains(queue, "<script>alert") ||
		!strings.Contains(queue, "&lt;script&gt;alert(1)&lt;/script&gt; потрібна допомога") {
		t.Fatalf("queue page lacks the waiting count or the escaped preview:\n%.2000s", queue)
	}
	codes := make([]int, 2)
	bodies := make([]string, 2)
	var wg sync.WaitGroup
	for i, c := range []struct {
		client *http.Client
		token  string
	}{{olena, oToken}, {petro, pToken}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], bodies[i], _ = e.do(c.client, "POST", "/admin/operators/"+id+"/take", url.Values{"csrf": {c.token}})
		}()
	}
	wg.Wait()
	won, lost := -1, -1
	for i, code := range codes {
		switch code {
		case http.StatusSeeOther:
			won = i
		case http.StatusConflict:
			lost = i
		}
	}
	if won < 0 || lost < 0 || !strings.Contains(bodies[lost], "вже взяв інший оператор") {
		t.Fatalf("take codes %v; want one 303 and one 409 that says so:\n%.1500s", codes, bodies)
	}
	taker, takerToken, other, otherToken := olena, oToken, petro, pToken
	if won == 1 {
		taker, takerToken, other, otherToken = petro, pToken, olena, oToken
	}
	send := func(c *http.Client, token, text string) int {
		code, _, _ := e.do(c, "POST", "/admin/operators/"+id+"/send", url.Values{"csrf": {token}, "text": {text}, "ref": {"r" + token[:6]}})
		return code
	}
	if code := send(other, otherToken, "Я теж тут"); code != http.StatusConflict {
		t.Fatalf("the other operator's message = %d, want 409", code)
	}
	if code := send(taker, takerToken, "Добрий день, слухаю Вас"); code != http.StatusSeeOther {
		t.Fatalf("the taker's message = %d, want 303", code)
	}
	if code := send(taker, takerToken, "   "); code != http.StatusBadRequest {
		t.Fatalf("an empty message = %d, want 400", code)
	}
	// A message over the limit is not cut by the browser and sent in part:
	// none of it goes, and the whole text comes back in the form.
	long := strings.Repeat("Перевірили ваш запис на п’ятницю, усе гаразд. ", 100)
	code, refused, _ := e.do(taker, "POST", "/admin/operators/"+id+"/send", url.Values{"csrf": {takerToken}, "text": {long}, "ref": {"long" + takerToken[:6]}})
	if code != http.StatusBadRequest || !strings.Contains(refused, fmt.Sprintf("символів: %d, можна до %d", utf8.RuneCountInString(long), handoff.MaxText)) ||
		!strings.Contains(refused, html.EscapeString(long)) || strings.Contains(refused, `maxlength="4000"`) {
		t.Fatalf("an overlong message = %d, want 400 with its length and the whole text kept:\n%.1500s", code, refused)
	}
	msgs, err := e.db.FindOutbox(context.Background(), "handoff:"+id+":")
	if err != nil || len(msgs) != 2 {
		t.Fatalf("outbox = %d messages, %v; want the taken notice and the one message", len(msgs), err)
	}
	_, page, _ := e.do(taker, "GET", "/admin/operators/"+id, nil)
	if strings.Contains(page, "<script>alert") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") ||
		!strings.Contains(page, "Добрий день, слухаю Вас") || !strings.Contains(page, `action="/admin/operators/`+id+`/send"`) {
		t.Fatalf("conversation page:\n%.3000s", page)
	}
	if _, otherPage, _ := e.do(other, "GET", "/admin/operators/"+id, nil); strings.Contains(otherPage, "/send\"") {
		t.Fatal("the other operator is offered the message form")
	}
	// The page's script reads new messages as JSON.
	res, _ := e.db.EnsureResident(context.Background(), vikno.Web, "w2", "uk")
	open, _ := e.db.OpenHandoffOf(context.Background(), res.ID)
	all, _ := e.db.HandoffMessages(context.Background(), open.ID, 0, 10)
	if err := e.db.AddHandoffMessage(context.Background(), handoff.Message{HandoffID: h.ID, Author: handoff.FromResident, Text: "Запис №17"}); err != nil {
		t.Fatal(err)
	}
	_, body, _ := e.do(taker, "GET", "/admin/operators/"+id+"/messages?after="+strconv.FormatInt(all[len(all)-1].ID, 10), nil)
	var got struct {
		Status   string
		Messages []struct{ Author, Text string }
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil || got.Status != "active" || len(got.Messages) != 1 || got.Messages[0].Text != "Запис №17" {
		t.Fatalf("messages JSON = %s (%v)", body, err)
	}
	ret := func(c *http.Client, token string) int {
		code, _, _ := e.do(c, "POST", "/admin/operators/"+id+"/return", url.Values{"csrf": {token}})
		return code
	}
	if code := ret(other, otherToken); code != http.StatusConflict {
		t.Fatalf("the other operator's return = %d, want 409", code)
	}
	if code := ret(taker, takerToken); code != http.StatusSeeOther {
		t.Fatalf("return = %d, want 303", code)
	}
	if got, _ := e.db.FindHandoff(context.Background(), h.ID); got.Status != handoff.StatusClosed || got.EndedBy != handoff.EndedByOperator {
		t.Fatalf("after return: %+v", got)
	}
	audit, _ := e.db.ListAudit(context.Background(), 10)
	var actions []string
	for _, a := range audit {
		if a.Target == "handoff:"+id {
			actions = append(actions, a.Actor+" "+a.Action)
		}
	}
	takerLogin := map[*http.Client]string{olena: "olena", petro: "petro"}[taker]
	if strings.Join(actions, ", ") != takerLogin+" handoff.return, "+takerLogin+" handoff.take" {
		t.Fatalf("audit of the conversation = %q; want the taker's take and return only", actions)
	}
	if code := send(taker, takerToken, "ще одне"); code != http.StatusConflict {
		t.Fatalf("a message after return = %d, want 409", code)
	}
}

func TestQueueCountsWaitingResidentsWithUkrainianPlurals(t *testing.T) {
	e := newOperatorEnv(t)
	olena, _ := e.login("olena")
	for i, want := range []string{"1 мешканець чекає", "2 мешканці чекають", "3 мешканці чекають", "4 мешканці чекають", "5 мешканців чекають"} {
		e.ask("p"+strconv.Itoa(i), "?")
		if _, page, _ := e.do(olena, "GET", "/admin/operators", nil); !strings.Contains(page, want) {
			t.Fatalf("queue page lacks %q", want)
		}
	}
}
