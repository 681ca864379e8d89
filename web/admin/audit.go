package admin

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/vikno-city/vikno/cases"
)

// auditTexts name the changes of the audit log and the kinds of what they
// changed, Ukrainian first; they join texts at start-up. An action without
// a text here is shown as its code.
var auditTexts = map[string]map[string]string{
	"uk": {
		"act_user.create":          "Створення облікового запису",
		"act_user.passwd":          "Зміна пароля",
		"act_user.disable":         "Вимкнення облікового запису",
		"act_user.enable":          "Увімкнення облікового запису",
		"act_article.save":         "Збереження статті",
		"act_article.publish":      "Публікація статті",
		"act_article.unpublish":    "Зняття статті з публікації",
		"act_article.restore":      "Відновлення версії статті",
		"act_article.add_question": "Нове формулювання в статті",
		"act_article.delete":       "Видалення статті",
		"act_kb.import":            "Імпорт бази знань",
		"act_rating.answer":        "Відповідь на оцінку",
		"act_rating.handled":       "Оцінку опрацьовано",
		"act_unanswered.answered":  "Питання без відповіді додано до статті",
		"act_unanswered.dismiss":   "Питання без відповіді прибрано",
		"act_handoff.take":         "Оператор узяв розмову",
		"act_handoff.return":       "Розмову повернуто боту",
		"act_outage.post":          "Оголошення про відключення",
		"act_outage.restore":       "Відключення завершено",
		"act_appeal.status":        "Зміна стану звернення",
		"act_appeal.executor":      "Зміна виконавця звернення",
		"act_appeal.district":      "Зміна району звернення",
		"obj_user":                 "користувач",
		"obj_article":              "стаття",
		"obj_appeal":               "звернення",
		"obj_rating":               "оцінка №",
		"obj_handoff":              "розмова №",
		"obj_outage":               "відключення",
		"obj_unanswered":           "група питань",
		"obj_kb":                   "база знань",
		"actor_cli":                "командний рядок",
	},
	"en": {
		"act_user.create":          "Account created",
		"act_user.passwd":          "Password changed",
		"act_user.disable":         "Account disabled",
		"act_user.enable":          "Account enabled",
		"act_article.save":         "Article saved",
		"act_article.publish":      "Article published",
		"act_article.unpublish":    "Article unpublished",
		"act_article.restore":      "Article version restored",
		"act_article.add_question": "Wording added to an article",
		"act_article.delete":       "Article deleted",
		"act_kb.import":            "Knowledge base imported",
		"act_rating.answer":        "Rating answered",
		"act_rating.handled":       "Rating handled",
		"act_unanswered.answered":  "Unanswered question added to an article",
		"act_unanswered.dismiss":   "Unanswered question dismissed",
		"act_handoff.take":         "Conversation taken by an operator",
		"act_handoff.return":       "Conversation returned to the bot",
		"act_outage.post":          "Outage notice posted",
		"act_outage.restore":       "Outage over",
		"act_appeal.status":        "Appeal status changed",
		"act_appeal.executor":      "Appeal executor changed",
		"act_appeal.district":      "Appeal district changed",
		"obj_user":                 "user",
		"obj_article":              "article",
		"obj_appeal":               "appeal",
		"obj_rating":               "rating #",
		"obj_handoff":              "conversation #",
		"obj_outage":               "outage",
		"obj_unanswered":           "question group",
		"obj_kb":                   "knowledge base",
		"actor_cli":                "command line",
	},
}

func init() {
	for l, m := range auditTexts {
		maps.Copy(texts[l], m)
	}
}

// cliActor is the actor of the changes made with the vikno command
// (vikno users add, passwd, disable).
const cliActor = "cli"

// auditRow is one entry of the audit log as the page shows it.
type auditRow struct {
	At                 time.Time
	Who, What, Subject string
}

func (h *Handler) audit(w http.ResponseWriter, r *http.Request) {
	entries, err := h.cfg.Staff.ListAudit(r.Context(), 200)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	names, err := h.staffNames(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := lang(r)
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		what := e.Action
		if s, ok := texts[l]["act_"+e.Action]; ok {
			what = s
		}
		who := names.Of(e.Actor)
		if e.Actor == cliActor {
			who = tr(l, "actor_cli")
		}
		rows[i] = auditRow{At: e.At, Who: who, What: what,
			Subject: strings.TrimSpace(h.auditTarget(l, e.Target, names) + " " + h.auditDetail(l, e.Action, e.Detail))}
	}
	h.render(w, r, http.StatusOK, "audit", rows)
}

// auditTarget names what changed: «стаття passport», «користувач Олена».
func (h *Handler) auditTarget(l, target string, names staffNames) string {
	kind, id, _ := strings.Cut(target, ":")
	label, ok := texts[l]["obj_"+kind]
	switch {
	case !ok:
		return target
	case kind == "user":
		id = names.Of(id)
	}
	if id == "" {
		return label
	}
	if strings.HasSuffix(label, "#") || strings.HasSuffix(label, "№") {
		return label + id
	}
	return label + " " + id
}

// auditDetail shows the codes of an appeal's change (statuses, executors,
// districts) and an outage notice's kind by their names; other details as
// they were written.
func (h *Handler) auditDetail(l, action, detail string) string {
	if action == "outage.post" || action == "outage.restore" { // the notice's kind
		if s := tr(l, "kind_"+detail); s != "kind_"+detail {
			return s
		}
		return detail
	}
	from, to, ok := strings.Cut(detail, " → ")
	if !ok {
		return detail
	}
	name := func(s string) string { return s }
	switch action {
	case "appeal.status":
		name = func(s string) string { return statusText(l, cases.AppealStatus(s)) }
	case "appeal.executor":
		name = h.executorName
	case "appeal.district":
		name = func(s string) string {
			if s == "" {
				return "—"
			}
			return h.districtName(l, s)
		}
	}
	return name(from) + " → " + name(to)
}

// staffNames maps logins to the people's names.
type staffNames map[string]string

// nameOf is the name of the account login as the pages show it: its login
// when the accounts cannot be read (the page still shows what it can).
func (h *Handler) nameOf(r *http.Request, login string) string { return h.namesOr(r).Of(login) }

// namesOr is staffNames for a page that shows logins when the accounts
// cannot be read.
func (h *Handler) namesOr(r *http.Request) staffNames {
	names, err := h.staffNames(r.Context())
	if err != nil {
		h.cfg.Logger.WarnContext(r.Context(), "staff names not read", "err", err)
	}
	return names
}

// Of is the name of the account login, or login when it has none (or is
// not an account: "cli", a resident's channel).
func (n staffNames) Of(login string) string {
	if s := n[login]; s != "" {
		return s
	}
	return login
}

// staffNames returns the names of every account.
func (h *Handler) staffNames(ctx context.Context) (staffNames, error) {
	users, err := h.cfg.Staff.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	out := staffNames{}
	for _, u := range users {
		out[u.Login] = u.Name
	}
	return out, nil
}
