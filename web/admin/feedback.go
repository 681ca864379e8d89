package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/staff"
)

// FeedbackInbox is what the feedback pages need of the ratings;
// cases.Inbox implements it. Every method applies the staff account's role
// and scope itself; the pages check the scope again with staff.User.Covers.
type FeedbackInbox interface {
	List(ctx context.Context, staffID int64, f cases.InboxFilter) ([]cases.Rating, bool, error)
	Export(ctx context.Context, staffID int64, f cases.InboxFilter) ([]cases.Rating, error)
	Summary(ctx context.Context, staffID int64, f cases.InboxFilter) (cases.InboxSummary, error)
	Rating(ctx context.Context, staffID, id int64) (cases.Rating, []cases.ThreadMessage, error)
	Answer(ctx context.Context, staffID, id int64, text, ref string) (cases.Rating, bool, error)
	MarkHandled(ctx context.Context, staffID, id int64) (cases.Rating, bool, error)
}

// feedbackPage is how many ratings one page of the inbox lists.
const feedbackPage = 50

// feedbackRoutes serves the feedback inbox to managers (and admins):
// the list with filters, its CSV, and a thread per rating.
func (h *Handler) feedbackRoutes() {
	if h.cfg.Feedback == nil {
		return
	}
	manager := []staff.Role{staff.RoleManager}
	h.mux.Handle("GET /admin/feedback", h.auth(manager, h.feedbackList))
	h.mux.Handle("GET /admin/feedback.csv", h.auth(manager, h.feedbackCSV))
	h.mux.Handle("GET /admin/feedback/{id}", h.auth(manager, h.feedbackRating))
	h.mux.Handle("POST /admin/feedback/{id}/answer", h.auth(manager, h.feedbackAnswer))
	h.mux.Handle("POST /admin/feedback/{id}/handled", h.auth(manager, h.feedbackHandled))
}

// feedbackFilter reads the inbox filter from the query. A location the
// city does not have is a 404, one outside the account's scope a 403, both
// with the reason (locations are no secret; a rating outside the scope is
// a 404, as if it did not exist); other malformed values (an edited URL) are EINVALID with a
// message in the page's language, and the filter returned keeps the valid
// values only, for the form shown with the message.
func (h *Handler) feedbackFilter(r *http.Request) (cases.InboxFilter, int, error) {
	q, l := r.URL.Query(), lang(r)
	f := cases.InboxFilter{
		LocationID: q.Get("location"), Aspect: cases.Aspect(q.Get("aspect")), Status: cases.RatingStatus(q.Get("status")),
		FromDay: q.Get("from"), ToDay: q.Get("to"), Limit: feedbackPage,
	}
	if err := h.checkLocation(r, f.LocationID); err != nil {
		return f, 0, err
	}
	var problem string
	bad := func(key string, args ...any) {
		if problem == "" {
			problem = trf(l, key, args...)
		}
	}
	if s := q.Get("score"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < cases.MinScore || n > cases.MaxScore {
			bad("fb_bad_score", cases.MinScore, cases.MaxScore)
		} else {
			f.Score = n
		}
	}
	if f.Aspect != "" && !f.Aspect.Valid() {
		f.Aspect = ""
		bad("fb_bad_aspect")
	}
	if f.Status != "" && !f.Status.Valid() {
		f.Status = ""
		bad("fb_bad_status")
	}
	if !validDay(f.FromDay) {
		f.FromDay = ""
		bad("fb_bad_from")
	}
	if !validDay(f.ToDay) {
		f.ToDay = ""
		bad("fb_bad_to")
	}
	page := 1
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > cases.MaxInboxExport/feedbackPage {
			bad("fb_bad_page")
		} else {
			page = n
		}
	}
	f.Offset = (page - 1) * feedbackPage
	if problem != "" {
		return f, page, vikno.Errorf(vikno.EINVALID, "%s", problem)
	}
	return f, page, nil
}

// checkLocation says why the account may not filter by the location, nil
// when it may (or when id is "": all it covers).
func (h *Handler) checkLocation(r *http.Request, id string) error {
	l := lang(r)
	switch _, ok := h.cfg.City.Location(id); {
	case id == "":
	case !ok:
		return pageErrorf(http.StatusNotFound, l, "fb_location_unknown", id).backTo("/admin/feedback", "feedback")
	case !accountOf(r).user.Covers(h.cfg.City, id):
		return pageErrorf(http.StatusForbidden, l, "fb_location_outside", h.placeName(l, id)).backTo("/admin/feedback", "feedback")
	}
	return nil
}

func validDay(s string) bool {
	if s == "" {
		return true
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// filterQuery is the query string of f without the page.
func filterQuery(f cases.InboxFilter) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("location", f.LocationID)
	if f.Score != 0 {
		v.Set("score", strconv.Itoa(f.Score))
	}
	set("aspect", string(f.Aspect))
	set("status", string(f.Status))
	set("from", f.FromDay)
	set("to", f.ToDay)
	return v
}

// option is one choice of a filter's select.
type option struct{ Value, Label string }

// ratingRow is a rating as the pages show it.
type ratingRow struct {
	cases.Rating
	Place   string
	Level   string
	Aspects []string
	When    string // the day, as people read it
}

func (h *Handler) ratingRow(l string, r cases.Rating) ratingRow {
	row := ratingRow{Rating: r, Place: h.placeName(l, r.LocationID), Level: tr(l, "sat_"+string(cases.SatisfactionOf(r.Score))),
		When: dayText(l, r.Day)}
	if w := cases.PointWindow(r.Point); w > 0 {
		row.Place += ", " + strings.Replace(tr(l, "fb_window"), "%d", strconv.Itoa(w), 1)
	}
	for _, a := range r.Aspects {
		row.Aspects = append(row.Aspects, tr(l, "aspect_"+string(a)))
	}
	return row
}

// placeName is a location's name in lang, or its id when the city no
// longer has it.
func (h *Handler) placeName(l, id string) string {
	loc, ok := h.cfg.City.Location(id)
	switch {
	case !ok:
		return id
	case l == "en" && loc.NameEN != "":
		return loc.NameEN
	}
	return loc.Name
}

// feedbackOptions are the choices of the list's filters: only the
// locations the account covers.
func (h *Handler) feedbackOptions(r *http.Request) map[string][]option {
	l, u := lang(r), accountOf(r).user
	out := map[string][]option{}
	for _, loc := range h.cfg.City.Locations {
		if u.Covers(h.cfg.City, loc.ID) {
			out["locations"] = append(out["locations"], option{loc.ID, h.placeName(l, loc.ID)})
		}
	}
	for s := cases.MaxScore; s >= cases.MinScore; s-- {
		out["scores"] = append(out["scores"], option{strconv.Itoa(s), strconv.Itoa(s) + " — " + tr(l, "sat_"+string(cases.SatisfactionOf(s)))})
	}
	for _, a := range cases.AllAspects() {
		out["aspects"] = append(out["aspects"], option{string(a), tr(l, "aspect_"+string(a))})
	}
	for _, s := range []cases.RatingStatus{cases.RatingNew, cases.RatingAnswered, cases.RatingSeen} {
		out["statuses"] = append(out["statuses"], option{string(s), tr(l, "fb_status_"+string(s))})
	}
	return out
}

func (h *Handler) feedbackList(w http.ResponseWriter, r *http.Request) {
	f, page, err := h.feedbackFilter(r)
	if vikno.ErrorCode(err) == vikno.EINVALID { // an edited URL: say what is wrong above the filters
		h.render(w, r, http.StatusBadRequest, "feedback_list", map[string]any{
			"Filter": f, "Score": strconv.Itoa(f.Score), "Options": h.feedbackOptions(r), "Page": page,
			"Filtered": true, "Problem": vikno.ErrorMessage(err),
		})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	uid, l := accountOf(r).user.ID, lang(r)
	list, more, err := h.cfg.Feedback.List(r.Context(), uid, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	sum, err := h.cfg.Feedback.Summary(r.Context(), uid, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rows := make([]ratingRow, len(list))
	for i, rt := range list {
		rows[i] = h.ratingRow(l, rt)
	}
	q := filterQuery(f)
	data := map[string]any{
		"Filter": f, "Score": strconv.Itoa(f.Score), "Options": h.feedbackOptions(r), "Rows": rows, "Page": page,
		"Filtered": len(q) > 0, "Summary": h.summaryView(l, sum.Total), "Charts": h.charts(l, sum), "CSV": "/admin/feedback.csv?" + q.Encode(),
	}
	if sum.FirstWeek != "" {
		data["Period"] = trf(l, "fb_period", dayDate(sum.FirstWeek), dayDate(sum.LastWeek))
	}
	if page > 1 {
		data["Prev"] = pageURL(q, page-1)
	}
	if more {
		data["Next"] = pageURL(q, page+1)
	}
	h.render(w, r, http.StatusOK, "feedback_list", data)
}

func pageURL(q url.Values, page int) string {
	v := url.Values{}
	for k, s := range q {
		v[k] = s
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return "/admin/feedback?" + v.Encode()
}

// dayDate turns "2026-05-14" into "14.05.2026".
func dayDate(day string) string {
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return t.Format("02.01.2006")
}

// ratingID reads the {id} of the path; a malformed one is ENOTFOUND.
func ratingID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, vikno.Errorf(vikno.ENOTFOUND, "rating not found")
	}
	return id, nil
}

// scopedRating loads the rating of the path for the signed-in account:
// the store checks the scope, and so does Covers here. ENOTFOUND outside it.
func (h *Handler) scopedRating(r *http.Request) (cases.Rating, []cases.ThreadMessage, error) {
	id, err := ratingID(r)
	if err != nil {
		return cases.Rating{}, nil, err
	}
	u := accountOf(r).user
	rt, thread, err := h.cfg.Feedback.Rating(r.Context(), u.ID, id)
	if err != nil {
		return rt, nil, err
	}
	if !u.Covers(h.cfg.City, rt.LocationID) {
		return cases.Rating{}, nil, vikno.Errorf(vikno.ENOTFOUND, "rating not found")
	}
	return rt, thread, nil
}

// threadEntry is one message of the thread as the page shows it.
type threadEntry struct {
	cases.ThreadMessage
	Who      string
	Resident bool
}

func (h *Handler) feedbackRating(w http.ResponseWriter, r *http.Request) {
	rt, thread, err := h.scopedRating(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	notice := ""
	switch done := r.URL.Query().Get("done"); done {
	case "answered", "handled", "already", "twice":
		if done == "answered" && h.visitorBlocked(r, rt) {
			done = "answered_blocked"
		}
		notice = tr(lang(r), "fb_done_"+done)
	}
	h.showRating(w, r, http.StatusOK, rt, thread, notice, "", "")
}

func (h *Handler) showRating(w http.ResponseWriter, r *http.Request, status int, rt cases.Rating,
	thread []cases.ThreadMessage, notice, problem, draft string) {
	l := lang(r)
	entries := make([]threadEntry, len(thread))
	for i, m := range thread {
		e := threadEntry{ThreadMessage: m, Resident: m.Author == cases.AuthorResident}
		switch m.Author {
		case cases.AuthorResident:
			e.Who = tr(l, "fb_resident")
		case cases.AuthorManager:
			e.Who = tr(l, "fb_manager_tg")
		default:
			e.Who = tr(l, "fb_staff")
		}
		if m.Name != "" {
			e.Who += " · " + m.Name
		}
		entries[i] = e
	}
	h.render(w, r, status, "feedback_rating", map[string]any{
		"Rating": h.ratingRow(l, rt), "Thread": entries, "Ref": newToken()[:24], "Seen": len(thread), "Notice": notice,
		"Problem": problem, "Draft": draft, "Reopened": rt.Status == cases.RatingNew && !rt.RepliedAt.IsZero(),
		"Max": cases.MaxAnswerLen, "Blocked": h.visitorBlocked(r, rt),
	})
}

// visitorBlocked reports whether the rating's visitor blocked the bot (an
// answer is saved but does not reach them); false when unknown.
func (h *Handler) visitorBlocked(r *http.Request, rt cases.Rating) bool {
	if h.cfg.Residents == nil || rt.ResidentID == 0 {
		return false
	}
	res, err := h.cfg.Residents.FindResident(r.Context(), rt.ResidentID)
	return err == nil && res.Unreachable
}

// feedbackAnswer sends the form's answer to the resident. The form's ref
// makes a double submit answer once; the same form sent again with another
// text (back, edit, send) is shown again with that text kept and a new ref,
// so that one more press sends it as a second answer and nothing is lost.
func (h *Handler) feedbackAnswer(w http.ResponseWriter, r *http.Request) {
	rt, thread, err := h.scopedRating(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	text := strings.ReplaceAll(r.PostFormValue("answer"), "\r\n", "\n")
	if problem := answerProblem(lang(r), text); problem != "" {
		h.showRating(w, r, http.StatusBadRequest, rt, thread, "", problem, text)
		return
	}
	if sentOtherText(r, rt, thread, text) {
		h.showRating(w, r, http.StatusConflict, rt, thread, "", tr(lang(r), "fb_answer_edited"), text)
		return
	}
	if threadMovedOn(r, rt, thread) {
		h.showRating(w, r, http.StatusConflict, rt, thread, "", tr(lang(r), "fb_answer_moved_on"), text)
		return
	}
	ctx := staff.WithAudit(r.Context(), auditOf(r, "rating.answer", "rating:"+strconv.FormatInt(rt.ID, 10), ""))
	_, added, err := h.cfg.Feedback.Answer(ctx, accountOf(r).user.ID, rt.ID, text, r.PostFormValue("ref"))
	if vikno.ErrorCode(err) == vikno.EINVALID { // the text is checked above: the form's ref is malformed
		h.showRating(w, r, http.StatusBadRequest, rt, thread, "", tr(lang(r), "fb_answer_form"), text)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	done := "answered"
	if !added {
		done = "twice"
		// Sent at the same moment from the same form with another text.
		if rt, thread, err = h.scopedRating(r); err == nil && sentOtherText(r, rt, thread, text) {
			h.showRating(w, r, http.StatusConflict, rt, thread, "", tr(lang(r), "fb_answer_edited"), text)
			return
		}
	}
	http.Redirect(w, r, "/admin/feedback/"+strconv.FormatInt(rt.ID, 10)+"?done="+done, http.StatusSeeOther)
}

// formKey is the thread key of the answer the request's form sends.
func formKey(r *http.Request, rt cases.Rating) string {
	return cases.AnswerKey(rt.ID, "web-"+r.PostFormValue("ref"))
}

// sentOtherText reports whether the request's form already sent an answer
// whose text is not text: the manager changed it and sent the form again.
func sentOtherText(r *http.Request, rt cases.Rating, thread []cases.ThreadMessage, text string) bool {
	own := formKey(r, rt)
	for _, m := range thread {
		if m.Key == own {
			return strings.TrimSpace(m.Text) != strings.TrimSpace(text)
		}
	}
	return false
}

// threadMovedOn reports whether the rating's thread got messages (a
// colleague's answer, the resident's reply) after the answer form was
// opened: its seen is the number of messages the page showed. The form's
// own answer sent a moment ago (a double submit) does not count.
func threadMovedOn(r *http.Request, rt cases.Rating, thread []cases.ThreadMessage) bool {
	seen, err := strconv.Atoi(r.PostFormValue("seen"))
	if err != nil || seen >= len(thread) {
		return false
	}
	own := formKey(r, rt)
	for _, m := range thread[seen:] {
		if m.Key == own {
			return false
		}
	}
	return true
}

// answerProblem says what is wrong with an answer's text, in lang; empty
// when the inbox takes it (cases.Inbox.Answer's rule).
func answerProblem(lang, text string) string {
	switch n := utf8.RuneCountInString(strings.TrimSpace(text)); {
	case n == 0:
		return tr(lang, "fb_answer_empty")
	case n > cases.MaxAnswerLen:
		return trf(lang, "fb_answer_long", cases.MaxAnswerLen, n)
	}
	return ""
}

// feedbackHandled marks the rating processed; a second click is harmless.
func (h *Handler) feedbackHandled(w http.ResponseWriter, r *http.Request) {
	rt, _, err := h.scopedRating(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := staff.WithAudit(r.Context(), auditOf(r, "rating.handled", "rating:"+strconv.FormatInt(rt.ID, 10), ""))
	_, changed, err := h.cfg.Feedback.MarkHandled(ctx, accountOf(r).user.ID, rt.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	done := "handled"
	if !changed {
		done = "already"
	}
	http.Redirect(w, r, "/admin/feedback/"+strconv.FormatInt(rt.ID, 10)+"?done="+done, http.StatusSeeOther)
}
