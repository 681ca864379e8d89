package admin

import (
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/staff"
)

// kbList lists the articles, published or not, filtered by ?q= over the id,
// title, other wordings and tags.
func (h *Handler) kbList(w http.ResponseWriter, r *http.Request) {
	all, err := h.cfg.Articles.ListArticles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	var out []knowledge.Article
	for _, a := range all {
		if matches(a, q) {
			out = append(out, a)
		}
	}
	h.render(w, r, http.StatusOK, "kb_list", map[string]any{"Query": q, "Articles": out, "Names": h.namesOr(r)})
}

func matches(a knowledge.Article, q string) bool {
	if q == "" {
		return true
	}
	q = searchForm(q)
	for _, s := range append([]string{a.ID, a.Title, a.Category}, append(a.Questions, a.Tags...)...) {
		if strings.Contains(searchForm(s), q) {
			return true
		}
	}
	return false
}

// apostrophes are the ways Ukrainian words come typed: «з'їзд», «з’їзд»,
// «зʼїзд», «з`їзд» are one word to an editor searching the list.
var apostrophes = strings.NewReplacer("’", "'", "ʼ", "'", "`", "'", "‘", "'")

// searchForm is s as the list's search compares it.
func searchForm(s string) string { return apostrophes.Replace(strings.ToLower(s)) }

// editForm is the data of the article editor.
type editForm struct {
	Article knowledge.Article
	New     bool
	// Seen is the version of the article the editor opened (seenStamp):
	// a save over a newer one is refused, never overwrites it.
	Seen string
	// Group and GroupSeen name the unanswered questions a new article was
	// started from: saving it takes them off the list.
	Group, GroupSeen string
	Preview          dialog.Text
	Notice           string
	Problem          string
}

// seenStamp names the stored version of a by when it was saved.
func seenStamp(a knowledge.Article) string {
	return strconv.FormatInt(a.UpdatedAt.UnixNano(), 10)
}

func (h *Handler) kbNew(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "kb_edit", editForm{New: true, Article: knowledge.Article{Locale: knowledge.LocaleUK}})
}

func (h *Handler) kbEdit(w http.ResponseWriter, r *http.Request) {
	a, err := h.cfg.Articles.FindArticle(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := editForm{Article: a, Seen: seenStamp(a), Preview: answerPreview(a)}
	switch done := r.URL.Query().Get("done"); done {
	case "saved", "restored":
		f.Notice = tr(lang(r), done)
	case "draft", "unpublished":
		f.Notice = tr(lang(r), "saved_"+done)
	}
	h.render(w, r, http.StatusOK, "kb_edit", f)
}

// answerPreview is the answer as the FAQ flow shows it to a resident.
func answerPreview(a knowledge.Article) dialog.Text {
	return dialog.Bold(a.Title).Append(dialog.Plain("\n\n"), dialog.Markdown(a.Body))
}

// articleFromForm reads the editor's fields.
func articleFromForm(r *http.Request) knowledge.Article {
	a := knowledge.Article{
		ID:       strings.TrimSpace(r.PostFormValue("id")),
		Title:    strings.TrimSpace(r.PostFormValue("title")),
		Body:     strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n"),
		Category: strings.TrimSpace(r.PostFormValue("category")),
		Locale:   r.PostFormValue("locale"),
		Action:   strings.TrimSpace(r.PostFormValue("action")),
	}
	a.Published = r.PostFormValue("published") == "on"
	for line := range strings.Lines(r.PostFormValue("questions")) {
		if q := strings.TrimSpace(line); q != "" {
			a.Questions = append(a.Questions, q)
		}
	}
	for _, t := range strings.Split(r.PostFormValue("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			a.Tags = append(a.Tags, t)
		}
	}
	return a
}

// kbSave saves, previews, publishes or unpublishes the article in the form.
// A save goes through the knowledge service: this replica's index changes at
// once and the other replicas hear of it.
func (h *Handler) kbSave(w http.ResponseWriter, r *http.Request) {
	a := articleFromForm(r)
	isNew := r.PostFormValue("new") == "1"
	op := r.PostFormValue("op")
	switch op {
	case "publish":
		a.Published = true
	case "unpublish":
		a.Published = false
	}
	f := editForm{Article: a, New: isNew, Seen: r.PostFormValue("seen"), Preview: answerPreview(a)}
	if isNew {
		f.Group, f.GroupSeen = r.PostFormValue("group"), r.PostFormValue("group_seen")
	}
	if problem := h.articleProblem(lang(r), a); problem != "" {
		f.Problem = problem
		h.render(w, r, http.StatusBadRequest, "kb_edit", f)
		return
	}
	if op == "preview" {
		h.render(w, r, http.StatusOK, "kb_edit", f)
		return
	}
	release, err := h.holdArticle(r, a.ID)
	if vikno.ErrorCode(err) == vikno.ECONFLICT { // keep what the editor wrote
		f.Problem = vikno.ErrorMessage(err)
		h.render(w, r, http.StatusConflict, "kb_edit", f)
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer release()
	problem, repeat := h.saveConflict(r, f)
	if problem != "" {
		f.Problem = problem
		h.render(w, r, http.StatusConflict, "kb_edit", f)
		return
	}
	action := "article.save"
	if op == "publish" || op == "unpublish" {
		action = "article." + op
	}
	if repeat { // the same form again (a double click): saved already
		http.Redirect(w, r, "/admin/kb/"+a.ID+"?done="+savedDone(op, a), http.StatusSeeOther)
		return
	}
	if err := h.saveArticle(r, a, action, ""); err != nil {
		h.fail(w, r, err)
		return
	}
	if f.Group != "" {
		if err := h.answeredGroup(r, f.Group, f.GroupSeen, a.ID); err != nil { // the article is saved: say so anyway
			h.cfg.Logger.WarnContext(r.Context(), "unanswered group not taken off the list", "article", a.ID, "err", err)
		}
	}
	http.Redirect(w, r, "/admin/kb/"+a.ID+"?done="+savedDone(op, a), http.StatusSeeOther)
}

// editorID is what the editor may use as an article's id (knowledge's rule,
// checked again by CheckArticle).
var editorID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,47}$`)

// articleProblem says in lang what keeps a from being saved, or "": the
// fields an editor fills in, the city's rules (knowledge.CityFault: the body
// no longer than one chat message holds, the next-step button of a
// published article against the city's services and appeal categories),
// then knowledge's own check.
func (h *Handler) articleProblem(l string, a knowledge.Article) string {
	switch {
	case a.ID == "":
		return tr(l, "kb_id_missing")
	case !editorID.MatchString(a.ID):
		return trf(l, "kb_id_bad", a.ID)
	case a.Title == "":
		return tr(l, "kb_title_missing")
	case !knowledge.ValidAction(a.Action): // a draft's button is checked against the city only when published
		return trf(l, "kb_action_bad", a.Action)
	}
	if f := knowledge.CityFault(a, h.cfg.City); f != nil {
		return faultText(l, f)
	}
	if err := knowledge.CheckArticle(a); err != nil {
		return vikno.ErrorMessage(err)
	}
	return ""
}

// faultText says in lang which rule of the city an article breaks.
func faultText(l string, f *knowledge.Fault) string {
	switch f.Kind {
	case knowledge.FaultBodyLong:
		return trf(l, "kb_body_long", knowledge.MaxBody, f.Len)
	case knowledge.FaultTitleLong:
		return trf(l, "kb_title_long", knowledge.MaxTitle, f.Len)
	}
	return trf(l, "kb_"+f.Kind, f.Arg)
}

// cityCheck is knowledge.CityCheck in lang: an import refuses what the
// editor would.
func (h *Handler) cityCheck(l string) knowledge.Check {
	return func(a knowledge.Article) (string, error) {
		if f := knowledge.CityFault(a, h.cfg.City); f != nil {
			return f.Key, errors.New(faultText(l, f))
		}
		return "", nil
	}
}

// savedDone names what the article page says after a save: whether
// residents get the article now.
func savedDone(op string, a knowledge.Article) string {
	switch {
	case op == "unpublish":
		return "unpublished"
	case !a.Published:
		return "draft"
	}
	return "saved"
}

// saveConflict says why the form must not be saved over what is stored
// (a new article's id taken, or a version saved since the form was opened),
// or reports repeat when what is stored is this very form, saved by the
// same editor a moment ago (a double click, a retry): nothing to save.
// The caller holds the article's lease.
func (h *Handler) saveConflict(r *http.Request, f editForm) (problem string, repeat bool) {
	l := lang(r)
	cur, err := h.cfg.Articles.FindArticle(r.Context(), f.Article.ID)
	switch {
	case err != nil:
		return "", false
	case cur.UpdatedBy == accountOf(r).user.Login && knowledge.SameContent(cur, f.Article):
		return "", true
	case f.New:
		return trf(l, "kb_id_taken", f.Article.ID), false
	case f.Seen != "" && f.Seen != seenStamp(cur):
		return trf(l, "kb_stale", h.nameOf(r, cur.UpdatedBy), h.whenText(l, cur.UpdatedAt)), false
	}
	return "", false
}

func (h *Handler) saveArticle(r *http.Request, a knowledge.Article, action, detail string) error {
	u := accountOf(r).user
	ctx := staff.WithAudit(r.Context(), auditOf(r, action, "article:"+a.ID, detail))
	_, err := h.cfg.KB.Save(ctx, []knowledge.Article{a}, u.Login)
	return err
}

// revisionView is one version in the history with what changed against
// the version before it.
type revisionView struct {
	knowledge.Revision
	Fields   []fieldChange
	BodyDiff []diffLine
}

type fieldChange struct{ Name, Old, New string }

func (h *Handler) kbHistory(w http.ResponseWriter, r *http.Request) {
	h.showHistory(w, r, http.StatusOK, r.PathValue("id"), "")
}

// showHistory renders the article's history as it is now, with a problem
// (a refused restore) when there is one. Its restore forms carry the
// stored version as seen, as the editor's form does.
func (h *Handler) showHistory(w http.ResponseWriter, r *http.Request, status int, id, problem string) {
	revs, err := h.cfg.Articles.ArticleRevisions(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(revs) == 0 {
		h.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "article %s not found", id))
		return
	}
	views := make([]revisionView, len(revs))
	for i, rev := range revs {
		var prev knowledge.Article
		if i+1 < len(revs) {
			prev = revs[i+1].Article
		}
		views[i] = revisionView{Revision: rev, Fields: fieldChanges(lang(r), prev, rev.Article), BodyDiff: diffLines(prev.Body, rev.Body)}
	}
	seen := ""
	if cur, err := h.cfg.Articles.FindArticle(r.Context(), id); err == nil {
		seen = seenStamp(cur)
	}
	h.render(w, r, status, "kb_history", map[string]any{"ID": id, "Revisions": views, "Seen": seen, "Problem": problem,
		"Names": h.namesOr(r)})
}

// fieldChanges lists the fields that differ between old and cur, their
// values as the page in lang shows them.
func fieldChanges(l string, old, cur knowledge.Article) []fieldChange {
	var out []fieldChange
	add := func(name, o, n string) {
		if o != n {
			out = append(out, fieldChange{name, o, n})
		}
	}
	add("art_title", old.Title, cur.Title)
	add("questions", strings.Join(old.Questions, " | "), strings.Join(cur.Questions, " | "))
	add("tags", strings.Join(old.Tags, ", "), strings.Join(cur.Tags, ", "))
	add("category", old.Category, cur.Category)
	add("locale", old.Locale, cur.Locale)
	add("action", old.Action, cur.Action)
	if old.Title != "" || cur.Published {
		add("published", yesNo(l, old.Published), yesNo(l, cur.Published))
	}
	return out
}

func yesNo(l string, b bool) string {
	if b {
		return tr(l, "yes")
	}
	return tr(l, "no")
}

// kbRestore saves the content of an earlier version as the newest one,
// under the same rules as a save from the editor (a version that breaks
// the editor's checks is refused with the reason): it waits for the
// article's lease and is refused (409) when the article changed after the
// history page was opened (its seen), so it never undoes a newer save
// nobody has looked at.
func (h *Handler) kbRestore(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	version, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		h.fail(w, r, vikno.Errorf(vikno.EINVALID, "version must be a number"))
		return
	}
	release, err := h.holdArticle(r, id)
	if vikno.ErrorCode(err) == vikno.ECONFLICT {
		h.showHistory(w, r, http.StatusConflict, id, vikno.ErrorMessage(err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer release()
	revs, err := h.cfg.Articles.ArticleRevisions(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	i := slices.IndexFunc(revs, func(rev knowledge.Revision) bool { return rev.Version == version && !rev.Deleted })
	if i < 0 {
		h.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "version %d of %s not found", version, id))
		return
	}
	cur, err := h.cfg.Articles.FindArticle(r.Context(), id)
	if seen := r.PostFormValue("seen"); err == nil && seen != "" && seen != seenStamp(cur) {
		h.showHistory(w, r, http.StatusConflict, id, trf(lang(r), "kb_restore_stale", h.nameOf(r, cur.UpdatedBy), h.whenText(lang(r), cur.UpdatedAt)))
		return
	}
	if problem := h.articleProblem(lang(r), revs[i].Article); problem != "" { // saved before a rule, or for another city
		h.showHistory(w, r, http.StatusBadRequest, id, trf(lang(r), "kb_restore_bad", version, problem))
		return
	}
	if err := h.saveArticle(r, revs[i].Article, "article.restore", "version "+strconv.Itoa(version)); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/kb/"+id+"?done=restored", http.StatusSeeOther)
}
