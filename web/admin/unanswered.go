package admin

import (
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/staff"
)

// maxUnanswered is how many of the most asked questions the page groups.
const maxUnanswered = 1000

// maxGroupsShown is how many groups the page shows, most asked first.
const maxGroupsShown = 200

// articleLeaseTTL bounds how long one addition to an article may hold it.
const articleLeaseTTL = 10 * time.Second

func (h *Handler) unansweredRoutes() {
	editor := []staff.Role{staff.RoleEditor}
	h.mux.Handle("GET /admin/unanswered", h.auth(editor, h.unansweredList))
	h.mux.Handle("GET /admin/unanswered/new", h.auth(editor, h.unansweredNew))
	h.mux.Handle("POST /admin/unanswered/add", h.auth(editor, h.unansweredAdd))
	h.mux.Handle("POST /admin/unanswered/dismiss", h.auth(editor, h.unansweredDismiss))
}

// queryView is one question as the page shows it: masked, with an id that
// names it in forms without showing its text.
type queryView struct {
	ID     string
	Masked string
	Count  int
	LastAt time.Time
}

type groupView struct {
	ID      string
	Locale  string
	Count   int
	Times   string // "разів"
	LastAt  time.Time
	Seen    string // LastAt for the forms, RFC 3339
	Queries []queryView
	Hits    []knowledge.Hit // articles that may answer it
	// Unhelpful asks were answered by Article, and residents marked it 👎.
	Unhelpful int
	Article   knowledge.Hit
}

func queryID(q knowledge.UnansweredQuery) string {
	return knowledge.GroupUnanswered([]knowledge.UnansweredQuery{q})[0].ID
}

func (h *Handler) unansweredGroups(r *http.Request) ([]knowledge.UnansweredGroup, error) {
	if h.cfg.Unanswered == nil {
		return nil, vikno.Errorf(vikno.EUNAVAILABLE, "unanswered questions are not configured")
	}
	qs, err := h.cfg.Unanswered.ListUnanswered(r.Context(), maxUnanswered)
	if err != nil {
		return nil, err
	}
	return knowledge.GroupUnanswered(qs), nil
}

func (h *Handler) unansweredList(w http.ResponseWriter, r *http.Request) {
	groups, err := h.unansweredGroups(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := lang(r)
	views := make([]groupView, 0, min(len(groups), maxGroupsShown))
	for _, g := range groups[:min(len(groups), maxGroupsShown)] {
		v := groupView{ID: g.ID, Locale: g.Locale, Count: g.Count, Times: pluralForm(l, g.Count, tr(l, "times")),
			LastAt: g.LastAt, Seen: g.LastAt.Format(time.RFC3339Nano)}
		for _, q := range g.Queries {
			v.Queries = append(v.Queries, queryView{ID: queryID(q), Masked: knowledge.MaskDigits(q.Query), Count: q.Count, LastAt: q.LastAt})
		}
		if res, err := h.cfg.KB.Search(knowledge.CleanQuestion(g.Top().Query), knowledge.SearchOptions{Locale: g.Locale, Limit: 3}); err == nil {
			v.Hits = res.Hits
		}
		if err := h.unhelpfulArticle(r, g, &v); err != nil {
			h.fail(w, r, err)
			return
		}
		views = append(views, v)
	}
	data := map[string]any{"Groups": views}
	switch r.URL.Query().Get("done") {
	case "added":
		data["Notice"] = tr(l, "unanswered_added")
	case "dismissed":
		data["Notice"] = tr(l, "unanswered_dismissed")
	}
	h.render(w, r, http.StatusOK, "unanswered", data)
}

// unhelpfulArticle names the article residents marked 👎 for the group and
// offers it first for the new wording.
func (h *Handler) unhelpfulArticle(r *http.Request, g knowledge.UnansweredGroup, v *groupView) error {
	v.Unhelpful = g.Unhelpful
	if g.ArticleID == "" {
		return nil
	}
	a, err := h.cfg.Articles.FindArticle(r.Context(), g.ArticleID)
	switch {
	case vikno.IsNotFound(err):
		v.Article = knowledge.Hit{ID: g.ArticleID, Title: g.ArticleID}
		return nil
	case err != nil:
		return err
	}
	v.Article = knowledge.Hit{ID: a.ID, Title: a.Title}
	hits := []knowledge.Hit{v.Article}
	for _, hit := range v.Hits {
		if hit.ID != a.ID {
			hits = append(hits, hit)
		}
	}
	v.Hits = hits
	return nil
}

// findQuery finds the group and question the form names; ENOTFOUND when
// they are gone (dismissed by someone else meanwhile).
func (h *Handler) findQuery(r *http.Request, groupID, qID string) (knowledge.UnansweredGroup, knowledge.UnansweredQuery, error) {
	groups, err := h.unansweredGroups(r)
	if err != nil {
		return knowledge.UnansweredGroup{}, knowledge.UnansweredQuery{}, err
	}
	i := slices.IndexFunc(groups, func(g knowledge.UnansweredGroup) bool { return g.ID == groupID })
	if i < 0 {
		return knowledge.UnansweredGroup{}, knowledge.UnansweredQuery{}, pageErrorf(http.StatusNotFound, lang(r), "un_gone")
	}
	g := groups[i]
	if qID == "" {
		return g, g.Top(), nil
	}
	for _, q := range g.Queries {
		if queryID(q) == qID {
			return g, q, nil
		}
	}
	return g, knowledge.UnansweredQuery{}, pageErrorf(http.StatusNotFound, lang(r), "un_gone")
}

// unansweredNew opens the editor for a new article whose title is the
// question.
func (h *Handler) unansweredNew(w http.ResponseWriter, r *http.Request) {
	g, q, err := h.findQuery(r, r.URL.Query().Get("group"), r.URL.Query().Get("q"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a := knowledge.Article{Title: capitalize(knowledge.CleanQuestion(q.Query)), Locale: q.Locale}
	if a.Locale == "" {
		a.Locale = knowledge.LocaleUK
	}
	h.render(w, r, http.StatusOK, "kb_edit", editForm{New: true, Article: a, Group: g.ID, GroupSeen: g.LastAt.Format(time.RFC3339Nano)})
}

// answeredGroup takes the unanswered group an article was written for off
// the list (the questions asked up to seen, the newest the editor saw); a
// group already gone is fine.
func (h *Handler) answeredGroup(r *http.Request, group, seen, articleID string) error {
	g, _, err := h.findQuery(r, group, "")
	if vikno.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	ctx := staff.WithAudit(r.Context(), auditOf(r, "unanswered.answered", "unanswered:"+g.ID, "article:"+articleID))
	_, err = h.cfg.Unanswered.DismissUnanswered(ctx, g.Queries, seenAt(seen, g))
	return err
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// unansweredAdd adds a question as another wording of an article (a new
// revision saved through the knowledge service, so the bot answers it at
// once) and takes its group off the list.
func (h *Handler) unansweredAdd(w http.ResponseWriter, r *http.Request) {
	g, q, err := h.findQuery(r, r.PostFormValue("group"), r.PostFormValue("q"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	id := strings.TrimSpace(r.PostFormValue("article_id"))
	if id == "" {
		id = r.PostFormValue("article")
	}
	text := knowledge.CleanQuestion(q.Query)
	if id == "" || text == "" {
		h.fail(w, r, vikno.Errorf(vikno.EINVALID, "%s", tr(lang(r), "un_pick_article")))
		return
	}
	if err := h.addQuestion(r, id, text, g.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	if _, err := h.cfg.Unanswered.DismissUnanswered(r.Context(), g.Queries, seenOf(r, g)); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/unanswered?done=added", http.StatusSeeOther)
}

// addQuestion appends text to the article's other wordings unless it has
// it. The article is held under a lease shared by every replica while it is
// read, changed and saved, so two editors adding at once both keep theirs.
func (h *Handler) addQuestion(r *http.Request, id, text, group string) error {
	release, err := h.holdArticle(r, id)
	if err != nil {
		return err
	}
	defer release()
	a, err := h.cfg.Articles.FindArticle(r.Context(), id)
	if err != nil {
		return err
	}
	for _, have := range append([]string{a.Title}, a.Questions...) {
		if strings.EqualFold(strings.TrimSpace(have), text) {
			return nil
		}
	}
	a.Questions = append(a.Questions, text)
	if err := knowledge.CheckArticle(a); err != nil {
		return err
	}
	return h.saveArticle(r, a, "article.add_question", "unanswered group "+group)
}

// holdArticle takes the article's lease, waiting a little for another
// holder; ECONFLICT when it stays taken. Without leases it holds nothing.
func (h *Handler) holdArticle(r *http.Request, id string) (func(), error) {
	if h.cfg.Leases == nil {
		return func() {}, nil
	}
	key, holder := "admin:article:"+id, newToken()
	for range 30 {
		ok, err := h.cfg.Leases.Acquire(r.Context(), key, holder, articleLeaseTTL)
		if err != nil {
			return nil, err
		}
		if ok {
			return func() { h.cfg.Leases.Release(r.Context(), key, holder) }, nil
		}
		select {
		case <-r.Context().Done():
			return nil, r.Context().Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return nil, vikno.Errorf(vikno.ECONFLICT, "%s", tr(lang(r), "kb_busy"))
}

// seenOf is the time of the newest question the editor saw in the group:
// a question asked after it stays in the list.
func seenOf(r *http.Request, g knowledge.UnansweredGroup) time.Time {
	return seenAt(r.PostFormValue("seen"), g)
}

// seenAt reads the time a form carries as the newest question of g its
// editor saw; g's newest when it is missing or later.
func seenAt(seen string, g knowledge.UnansweredGroup) time.Time {
	if t, err := time.Parse(time.RFC3339Nano, seen); err == nil && t.Before(g.LastAt) {
		return t
	}
	return g.LastAt
}

func (h *Handler) unansweredDismiss(w http.ResponseWriter, r *http.Request) {
	g, _, err := h.findQuery(r, r.PostFormValue("group"), "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := staff.WithAudit(r.Context(), auditOf(r, "unanswered.dismiss", "unanswered:"+g.ID, ""))
	if _, err := h.cfg.Unanswered.DismissUnanswered(ctx, g.Queries, seenOf(r, g)); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/unanswered?done=dismissed", http.StatusSeeOther)
}
