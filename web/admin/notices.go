package admin

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/staff"
)

// OutageNotices is what the dispatcher's pages need: the same Post the
// notices API uses, so that a notice from the admin is versioned, fanned out
// to its subscribers and never sent twice to anyone, exactly like one from
// an integration.
type OutageNotices interface {
	Post(ctx context.Context, o cases.Outage) (cases.Outage, error)
	Report(ctx context.Context, id string) (cases.Outage, notify.Progress, error)
	Recent(ctx context.Context) ([]cases.Outage, error)
}

// localInput is the format of a datetime-local field.
const localInput = "2006-01-02T15:04"

func (h *Handler) noticeRoutes() {
	if h.cfg.Outages == nil {
		return
	}
	dispatcher := []staff.Role{staff.RoleDispatcher}
	h.mux.Handle("GET /admin/notices", h.auth(dispatcher, h.noticeList))
	h.mux.Handle("GET /admin/notices/new", h.auth(dispatcher, h.noticeNew))
	h.mux.Handle("GET /admin/notices/{id}", h.auth(dispatcher, h.noticeEdit))
	h.mux.Handle("POST /admin/notices/save", h.auth(dispatcher, h.noticeSave))
}

// noticeRow is one notice in the list.
type noticeRow struct {
	cases.Outage
	Places string
}

func (h *Handler) noticeList(w http.ResponseWriter, r *http.Request) {
	all, err := h.cfg.Outages.Recent(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([]noticeRow, len(all))
	for i, o := range all {
		rows[i] = noticeRow{Outage: o, Places: h.places(lang(r), o)}
	}
	h.render(w, r, http.StatusOK, "notices", map[string]any{"Notices": rows})
}

// places names a notice's districts and streets for the list.
func (h *Handler) places(l string, o cases.Outage) string {
	var names []string
	for _, id := range o.Districts {
		d, ok := h.cfg.City.District(id)
		switch {
		case !ok:
			names = append(names, id)
		case l == "en" && d.NameEN != "":
			names = append(names, d.NameEN)
		default:
			names = append(names, d.Name)
		}
	}
	return strings.Join(append(names, o.Streets...), "; ")
}

// noticeForm is the data of the notice editor.
type noticeForm struct {
	Notice    cases.Outage
	New       bool
	From, To  string // datetime-local values in the city's time zone
	Streets   string // one per line
	Kinds     []cases.OutageKind
	Districts []vikno.District
	Chosen    map[string]bool
	Progress  *notify.Progress
	Done      string // what was done: saved, restored
	Problem   string
	MaxText   int // the longest text, in characters
}

func (h *Handler) newNoticeForm(o cases.Outage, isNew bool) noticeForm {
	f := noticeForm{Notice: o, New: isNew, Kinds: cases.OutageKinds, Districts: h.cfg.City.Districts,
		Chosen: map[string]bool{}, Streets: strings.Join(o.Streets, "\n"), MaxText: cases.MaxNoticeText}
	for _, d := range o.Districts {
		f.Chosen[d] = true
	}
	loc := h.cfg.City.Loc()
	if !o.From.IsZero() {
		f.From = o.From.In(loc).Format(localInput)
	}
	if !o.To.IsZero() {
		f.To = o.To.In(loc).Format(localInput)
	}
	return f
}

func (h *Handler) noticeNew(w http.ResponseWriter, r *http.Request) {
	id := newNoticeID(h.cfg.Now().In(h.cfg.City.Loc()))
	h.render(w, r, http.StatusOK, "notice_edit", h.newNoticeForm(cases.Outage{ID: id, Kind: cases.OutageHotWater}, true))
}

func (h *Handler) noticeEdit(w http.ResponseWriter, r *http.Request) {
	o, p, err := h.cfg.Outages.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := h.newNoticeForm(o, false)
	f.Progress = &p
	switch r.URL.Query().Get("done") {
	case "saved", "restored":
		f.Done = tr(lang(r), "notice_"+r.URL.Query().Get("done"))
	}
	h.render(w, r, http.StatusOK, "notice_edit", f)
}

// noticeFromForm reads the editor's fields; times are in the city's zone.
func (h *Handler) noticeFromForm(r *http.Request) (cases.Outage, error) {
	o := cases.Outage{
		ID:        strings.TrimSpace(r.PostFormValue("id")),
		Kind:      cases.OutageKind(r.PostFormValue("kind")),
		Emergency: r.PostFormValue("emergency") == "on",
		Districts: r.PostForm["district"],
		Text:      strings.ReplaceAll(r.PostFormValue("text"), "\r\n", "\n"),
		Status:    cases.OutageActive,
	}
	if r.PostFormValue("op") == "restore" {
		o.Status = cases.OutageRestored
	}
	for line := range strings.Lines(r.PostFormValue("streets")) {
		if s := strings.TrimSpace(line); s != "" {
			o.Streets = append(o.Streets, s)
		}
	}
	l := lang(r)
	for _, f := range []struct {
		field string
		to    *time.Time
	}{{"from", &o.From}, {"to", &o.To}} {
		v := strings.TrimSpace(r.PostFormValue(f.field))
		if v == "" {
			continue
		}
		t, err := time.ParseInLocation(localInput, v, h.cfg.City.Loc())
		if err != nil {
			return o, vikno.Errorf(vikno.EINVALID, "%s: %s", tr(l, "notice_"+f.field), tr(l, "notice_bad_time"))
		}
		*f.to = t
	}
	if p := noticeProblem(l, o, h.cfg.Now()); p != "" {
		return o, vikno.Errorf(vikno.EINVALID, "%s", p)
	}
	return o, nil
}

// noticeSave posts the notice in the form: new, changed (an update to the
// same residents) or restored. Posting what is already posted sends nothing.
func (h *Handler) noticeSave(w http.ResponseWriter, r *http.Request) {
	o, err := h.noticeFromForm(r)
	if err == nil && r.PostFormValue("new") == "1" {
		err = h.noticeIDFree(r, o)
	}
	if vikno.ErrorCode(err) == vikno.ECONFLICT {
		f := h.newNoticeForm(o, true)
		f.Problem = vikno.ErrorMessage(err)
		h.render(w, r, http.StatusConflict, "notice_edit", f)
		return
	}
	if err == nil {
		action := "outage.post"
		if o.Status == cases.OutageRestored {
			action = "outage.restore"
		}
		ctx := staff.WithAudit(r.Context(), auditOf(r, action, "outage:"+o.ID, string(o.Kind)))
		_, err = h.cfg.Outages.Post(ctx, o)
	}
	if vikno.ErrorCode(err) == vikno.EINVALID {
		f := h.newNoticeForm(o, r.PostFormValue("new") == "1")
		f.Problem = vikno.ErrorMessage(err)
		h.render(w, r, http.StatusBadRequest, "notice_edit", f)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	done := "saved"
	if o.Status == cases.OutageRestored {
		done = "restored"
	}
	http.Redirect(w, r, "/admin/notices/"+o.ID+"?done="+done, http.StatusSeeOther)
}

// noticeTexts are the dispatcher pages' words, added to texts at start.
var noticeTexts = map[string]map[string]string{
	"uk": {
		"notices":               "Відключення",
		"role_dispatcher":       "диспетчер",
		"new_notice":            "Нове оголошення",
		"no_notices":            "За два тижні оголошень не було.",
		"notice_id":             "Ідентифікатор (латиницею, без пробілів)",
		"notice_kind":           "Що відключають",
		"notice_emergency":      "Аварійне",
		"notice_districts":      "Райони",
		"notice_streets":        "Вулиці (по одній у рядку)",
		"notice_from":           "Початок",
		"notice_to":             "Кінець (орієнтовно)",
		"notice_text":           "Текст для мешканців",
		"notice_post":           "Надіслати мешканцям",
		"notice_restore":        "Послугу відновлено",
		"notice_places":         "Де",
		"notice_when":           "Коли",
		"notice_version":        "Версія",
		"notice_active":         "триває",
		"notice_restored_st":    "відновлено",
		"notice_saved":          "Надіслано. Мешканці, які підписані на ці райони й вулиці, отримають оголошення; зміни надсилаються тим самим людям, кожному один раз.",
		"notice_restored":       "Мешканцям надіслано, що послугу відновлено.",
		"notice_bad_time":       "потрібні дата й час",
		"notice_no_places":      "Оберіть район або впишіть вулицю.",
		"notice_no_text":        "Напишіть текст для мешканців.",
		"notice_to_before_from": "Кінець не може бути раніше за початок. Перевірте дати й час.",
		"notice_ended":          "Кінець уже минув: мешканцям нема про що повідомляти. Якщо дата правильна, натисніть «Послугу відновлено»; якщо ні — виправте дату й час.",
		"notice_street_bad":     "Вулиця «%s»: потрібно від 2 до %d символів в одному рядку.",
		"notice_many_places":    "Забагато місць: можна до %d районів і вулиць разом. Якщо відключення охоплює більшу частину міста, оберіть райони.",
		"notice_id_taken":       "Оголошення з ідентифікатором «%s» уже є, і воно інше. Змініть ідентифікатор і надішліть ще раз (текст збережено нижче) або відкрийте наявне оголошення.",
		"notice_text_long":      "Текст задовгий (символів: %d, можна до %d). Його збережено нижче — скоротіть і надішліть ще раз.",
		"notice_text_limit":     "До %d символів.",
		"notice_progress":       "Доставка поточної версії",
		"progress_queued":       "у черзі всього",
		"progress_fanout":       "отримувачів додано (розсилка триває)",
		"progress_pending":      "ще надсилаються",
		"progress_sent":         "надіслано",
		"progress_dead":         "не доставлено (мешканець заблокував бота тощо)",
		"progress_delivered":    "доставлено (Viber)",
		"progress_seen":         "прочитано (Viber)",
		"progress_failed":       "не дійшло (Viber)",
		"kind_hot_water":        "гаряча вода",
		"kind_cold_water":       "холодна вода",
		"kind_heating":          "опалення",
		"kind_electricity":      "електроенергія",
		"kind_roads":            "дороги й транспорт",
		"kind_cnap":             "ЦНАП не працює",
		"home_dispatcher":       "Оголошуйте відключення: мешканці, підписані на район чи вулицю, отримають їх у своєму месенджері.",
	},
	"en": {
		"notices":               "Outages",
		"role_dispatcher":       "dispatcher",
		"new_notice":            "New notice",
		"no_notices":            "No notices in the last two weeks.",
		"notice_id":             "Id (Latin letters, no spaces)",
		"notice_kind":           "What is off",
		"notice_emergency":      "Emergency",
		"notice_districts":      "Districts",
		"notice_streets":        "Streets (one per line)",
		"notice_from":           "From",
		"notice_to":             "Until (expected)",
		"notice_text":           "Text for residents",
		"notice_post":           "Send to residents",
		"notice_restore":        "Service restored",
		"notice_places":         "Where",
		"notice_when":           "When",
		"notice_version":        "Version",
		"notice_active":         "ongoing",
		"notice_restored_st":    "restored",
		"notice_saved":          "Sent. Residents subscribed to these districts and streets get the notice; changes go to the same people, once each.",
		"notice_restored":       "Residents were told the service is back.",
		"notice_bad_time":       "a date and time are needed",
		"notice_no_places":      "Choose a district or write a street.",
		"notice_no_text":        "Write the text for residents.",
		"notice_to_before_from": "The end cannot be before the start. Check the dates and times.",
		"notice_ended":          "The end has passed already: there is nothing to tell residents. If the date is right, press «Service restored»; if not, correct the date and time.",
		"notice_street_bad":     "Street «%s»: it takes 2 to %d characters on one line.",
		"notice_many_places":    "Too many places: up to %d districts and streets together. If the outage covers most of the city, choose districts.",
		"notice_id_taken":       "A different notice with the id «%s» already exists. Change the id and send again (the text is kept below), or open the existing notice.",
		"notice_text_long":      "The text is too long (characters: %d, up to %d allowed). It is kept below: shorten it and send it again.",
		"notice_text_limit":     "Up to %d characters.",
		"notice_progress":       "Delivery of the current version",
		"progress_queued":       "queued in all",
		"progress_fanout":       "recipients added (still adding)",
		"progress_pending":      "still being sent",
		"progress_sent":         "sent",
		"progress_dead":         "not delivered (the resident blocked the bot, etc.)",
		"progress_delivered":    "delivered (Viber)",
		"progress_seen":         "seen (Viber)",
		"progress_failed":       "failed (Viber)",
		"kind_hot_water":        "hot water",
		"kind_cold_water":       "cold water",
		"kind_heating":          "heating",
		"kind_electricity":      "electricity",
		"kind_roads":            "roads and transport",
		"kind_cnap":             "CNAP closed",
		"home_dispatcher":       "Post outages: residents subscribed to a district or street get them in their messenger.",
	},
}

func init() {
	for l, words := range noticeTexts {
		for k, v := range words {
			texts[l][k] = v
		}
	}
}
