package admin

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/staff"
)

// PhotoSource fetches a photo a resident attached to an appeal from the
// channel it came through (a Telegram file id is resolved through the Bot
// API).
type PhotoSource interface {
	// Fetches reports whether photos sent through the channel can be
	// fetched here.
	Fetches(channel vikno.Channel) bool
	// Photo returns the photo; ENOTFOUND when the channel cannot give it.
	Photo(ctx context.Context, channel vikno.Channel, ref string) (contentType string, data []byte, err error)
}

// boardPageSize is how many appeals one page of the board shows.
const boardPageSize = 50

// appealRoutes adds the appeals board: executors see and change the
// appeals of their categories, admins all of them and reassign them.
func (h *Handler) appealRoutes() {
	if h.cfg.Appeals == nil {
		return
	}
	executor := []staff.Role{staff.RoleExecutor}
	h.mux.Handle("GET /admin/appeals", h.auth(executor, h.appealList))
	h.mux.Handle("GET /admin/appeals.csv", h.auth(executor, h.appealCSV))
	h.mux.Handle("GET /admin/appeals/{number}", h.auth(executor, h.appealDetail))
	h.mux.Handle("POST /admin/appeals/{number}/status", h.auth(executor, h.appealStatus))
	h.mux.Handle("POST /admin/appeals/{number}/executor", h.auth([]staff.Role{staff.RoleAdmin}, h.appealReassign))
	h.mux.Handle("POST /admin/appeals/{number}/district", h.auth(executor, h.appealDistrict))
	h.mux.Handle("GET /admin/appeals/{number}/photos/{i}", h.auth(executor, h.appealPhoto))
}

// boardQuery is the board's filter as the page's query string holds it.
type boardQuery struct {
	Status   string // a status, "open", or "" for all
	Category string
	Executor string
	District string
	Overdue  bool
	Page     int
}

func parseBoardQuery(q url.Values) boardQuery {
	b := boardQuery{Status: q.Get("status"), Category: q.Get("category"), Executor: q.Get("executor"),
		District: q.Get("district"), Overdue: q.Get("overdue") == "1"}
	b.Page, _ = strconv.Atoi(q.Get("page"))
	b.Page = max(1, min(b.Page, cases.MaxAppealList/boardPageSize))
	return b
}

// encode is the query string of b on another page.
func (b boardQuery) encode(page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"status": b.Status, "category": b.Category, "executor": b.Executor, "district": b.District} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if b.Overdue {
		v.Set("overdue", "1")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v.Encode()
}

// filter turns b into a store filter for u: an executor's list is always
// limited to its categories in the query itself. It reports false when
// nothing can match (a category or status combination outside u's reach).
func (b boardQuery) filter(u staff.User, now time.Time) (cases.AppealFilter, bool) {
	var f cases.AppealFilter
	switch {
	case b.Category != "" && !u.HandlesCategory(b.Category):
		return f, false
	case b.Category != "":
		f.Categories = []string{b.Category}
	case u.Role != staff.RoleAdmin:
		if len(u.Categories) == 0 {
			return f, false
		}
		f.Categories = slices.Clone(u.Categories)
	}
	switch s := cases.AppealStatus(b.Status); {
	case b.Status == "open":
		f.Statuses = cases.OpenAppealStatuses()
	case s.Valid():
		f.Statuses = []cases.AppealStatus{s}
	}
	f.Executor, f.District = b.Executor, b.District
	if b.Overdue {
		f.Statuses = overdueStatuses(f.Statuses)
		if len(f.Statuses) == 0 {
			return f, false
		}
		f.DueBefore, f.Order = now, cases.AppealsDueFirst
	}
	return f, true
}

func overdueStatuses(chosen []cases.AppealStatus) []cases.AppealStatus {
	work := cases.WorkAppealStatuses()
	if len(chosen) == 0 {
		return work
	}
	var out []cases.AppealStatus
	for _, s := range chosen {
		if slices.Contains(work, s) {
			out = append(out, s)
		}
	}
	return out
}

// boardList returns the appeals of the board query q the signed-in user
// may see, limit from offset on. A category the city does not have is a
// 404, one outside the user's reach a 403, both with the reason.
func (h *Handler) boardList(r *http.Request, q boardQuery, limit, offset int) ([]cases.Appeal, error) {
	u, l := accountOf(r).user, lang(r)
	if q.Category != "" {
		switch _, _, ok := h.cfg.City.Category(q.Category); {
		case !ok:
			return nil, pageErrorf(http.StatusNotFound, l, "ap_category_unknown", q.Category).backTo("/admin/appeals", "appeals")
		case !u.HandlesCategory(q.Category):
			return nil, pageErrorf(http.StatusForbidden, l, "ap_category_outside", h.categoryName(l, q.Category)).backTo("/admin/appeals", "appeals")
		}
	}
	f, ok := q.filter(u, h.cfg.Now())
	if !ok {
		return nil, nil
	}
	f.Limit, f.Offset = limit, offset
	return h.cfg.Appeals.List(r.Context(), f)
}

func (h *Handler) appealList(w http.ResponseWriter, r *http.Request) {
	q := parseBoardQuery(r.URL.Query())
	list, err := h.boardList(r, q, boardPageSize+1, (q.Page-1)*boardPageSize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	more := len(list) > boardPageSize
	if more {
		list = list[:boardPageSize]
	}
	h.render(w, r, http.StatusOK, "appeals", h.newBoardView(r, q, list, more))
}

// appealFor returns the appeal with the number if the signed-in user may
// see it; another category's appeal is ENOTFOUND, as if it did not exist.
func (h *Handler) appealFor(r *http.Request, number string) (cases.Appeal, error) {
	a, err := h.cfg.Appeals.Find(r.Context(), number)
	if err != nil {
		return cases.Appeal{}, err
	}
	if !accountOf(r).user.HandlesCategory(a.Category) {
		return cases.Appeal{}, vikno.Errorf(vikno.ENOTFOUND, "appeal not found")
	}
	return a, nil
}

func (h *Handler) appealDetail(w http.ResponseWriter, r *http.Request) {
	a, err := h.appealFor(r, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.newAppealView(r, a)
	switch r.URL.Query().Get("done") {
	case "status":
		v.Notice = tr(lang(r), "ap_status_saved")
	case "executor":
		v.Notice = tr(lang(r), "ap_reassigned")
	case "district":
		v.Notice = tr(lang(r), "ap_district_saved")
	}
	h.render(w, r, http.StatusOK, "appeal", v)
}

// appealStatus moves the appeal to the status in the form with its comment,
// through the same service call as the executors' API: the change, the
// resident's notice (outbox) and the audit entry commit together. The form
// carries the newest event the page showed; a change made by someone else
// since is refused, never overwritten.
func (h *Handler) appealStatus(w http.ResponseWriter, r *http.Request) {
	a, err := h.appealFor(r, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	to := cases.AppealStatus(r.PostFormValue("to"))
	comment := strings.TrimSpace(strings.ReplaceAll(r.PostFormValue("comment"), "\r\n", "\n"))
	seen, _ := strconv.ParseInt(r.PostFormValue("seen"), 10, 64)
	l := lang(r)
	switch {
	case seen == 0:
		h.appealProblem(w, r, a, http.StatusBadRequest, tr(l, "ap_stale"), to, comment)
		return
	case !to.Valid():
		h.appealProblem(w, r, a, http.StatusBadRequest, tr(l, "ap_pick_status"), to, comment)
		return
	case cases.NeedsComment(to) && comment == "":
		h.appealProblem(w, r, a, http.StatusBadRequest, tr(l, "ap_comment_needed"), to, comment)
		return
	case utf8.RuneCountInString(comment) > cases.MaxAppealCommentLen:
		h.appealProblem(w, r, a, http.StatusBadRequest, trf(l, "ap_comment_long", utf8.RuneCountInString(comment), cases.MaxAppealCommentLen), to, comment)
		return
	}
	u := accountOf(r).user
	change := cases.AppealChange{To: to, Comment: comment, Seen: seen, By: cases.Actor{Kind: cases.ActorExecutor, Name: "staff:" + u.Login}}
	ctx := r.Context()
	if !a.Repeats(change) { // the same change sent again is made once, and audited once
		ctx = staff.WithAudit(ctx, auditOf(r, "appeal.status", "appeal:"+a.Number, string(a.Status)+" → "+string(to)))
	}
	_, err = h.cfg.Appeals.ChangeStatus(ctx, a.Number, change)
	switch vikno.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin/appeals/"+a.Number+"?done=status", http.StatusSeeOther)
	case vikno.ECONFLICT, vikno.EINVALID:
		h.statusRefused(w, r, a, seen, to, comment)
	default:
		h.fail(w, r, err)
	}
}

// statusRefused explains a status change the service refused: the page was
// stale (someone changed the appeal since), or the appeal's status does not
// allow the move, said with the statuses it does allow.
func (h *Handler) statusRefused(w http.ResponseWriter, r *http.Request, a cases.Appeal, seen int64,
	to cases.AppealStatus, comment string) {
	if fresh, err := h.appealFor(r, a.Number); err == nil {
		a = fresh
	}
	l := lang(r)
	if ev, ok := a.LastEvent(); !ok || ev.ID != seen {
		h.appealProblem(w, r, a, http.StatusConflict, tr(l, "ap_stale"), to, comment)
		return
	}
	h.appealProblem(w, r, a, http.StatusConflict, moveProblem(l, a, to), to, comment)
}

// moveProblem says why a cannot move to status to and what it can move to.
func moveProblem(l string, a cases.Appeal, to cases.AppealStatus) string {
	msg := trf(l, "ap_move_refused", tr(l, "st_"+string(a.Status)), tr(l, "st_"+string(to)))
	if (to == cases.AppealClosed || to == cases.AppealReopened) && a.ResidentID != 0 {
		msg += " " + tr(l, "ap_move_resident")
	}
	var can []string
	for _, s := range a.AllowedMoves(cases.ActorExecutor) {
		can = append(can, "«"+tr(l, "st_"+string(s))+"»")
	}
	if len(can) == 0 {
		return msg + " " + tr(l, "ap_move_none")
	}
	return msg + " " + trf(l, "ap_move_allowed", strings.Join(can, ", "))
}

// appealProblem shows the appeal as it is now with a problem and the form
// filled as it was sent.
func (h *Handler) appealProblem(w http.ResponseWriter, r *http.Request, a cases.Appeal, status int, problem string,
	to cases.AppealStatus, comment string) {
	if fresh, err := h.appealFor(r, a.Number); err == nil {
		a = fresh
	}
	v := h.newAppealView(r, a)
	v.Problem, v.To, v.Comment = problem, to, comment
	h.render(w, r, status, "appeal", v)
}

// appealReassign hands the appeal to another of the city's executors. The
// form carries the executor the page showed: if someone reassigned it
// meanwhile, the change is refused.
func (h *Handler) appealReassign(w http.ResponseWriter, r *http.Request) {
	a, err := h.appealFor(r, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	from, to := r.PostFormValue("from"), r.PostFormValue("executor")
	ctx := r.Context()
	if a.Executor != to { // the same form again (a double click) changes nothing: not audited
		ctx = staff.WithAudit(ctx, auditOf(r, "appeal.executor", "appeal:"+a.Number, from+" → "+to))
	}
	_, err = h.cfg.Appeals.Reassign(ctx, a.Number, from, to)
	l := lang(r)
	switch vikno.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin/appeals/"+a.Number+"?done=executor", http.StatusSeeOther)
	case vikno.ECONFLICT:
		h.appealProblem(w, r, a, http.StatusConflict, tr(l, "ap_stale"), "", "")
	case vikno.EINVALID:
		h.appealProblem(w, r, a, http.StatusBadRequest, tr(l, "ap_pick_executor"), "", "")
	default:
		h.fail(w, r, err)
	}
}

// appealDistrict puts the appeal in a district of the city (for the
// board's filter); those who see the appeal may set it.
func (h *Handler) appealDistrict(w http.ResponseWriter, r *http.Request) {
	a, err := h.appealFor(r, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	district := r.PostFormValue("district")
	ctx := r.Context()
	if a.District != district { // the same district again changes nothing: not audited
		ctx = staff.WithAudit(ctx, auditOf(r, "appeal.district", "appeal:"+a.Number, a.District+" → "+district))
	}
	_, err = h.cfg.Appeals.SetDistrict(ctx, a.Number, district)
	switch vikno.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin/appeals/"+a.Number+"?done=district", http.StatusSeeOther)
	case vikno.EINVALID:
		h.appealProblem(w, r, a, http.StatusBadRequest, tr(lang(r), "ap_pick_district"), "", "")
	default:
		h.fail(w, r, err)
	}
}

// appealPhoto serves photo i of the appeal, fetched from the channel it
// came through, to those who may see the appeal.
func (h *Handler) appealPhoto(w http.ResponseWriter, r *http.Request) {
	a, err := h.appealFor(r, r.PathValue("number"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	i, err := strconv.Atoi(r.PathValue("i"))
	if err != nil || i < 1 || i > len(a.Photos) || h.cfg.Photos == nil {
		h.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "photo not found"))
		return
	}
	ctype, data, err := h.cfg.Photos.Photo(r.Context(), a.Channel, a.Photos[i-1])
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !strings.HasPrefix(ctype, "image/") || strings.Contains(ctype, "svg") {
		ctype = "application/octet-stream"
		w.Header().Set("Content-Disposition", "attachment")
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
}
