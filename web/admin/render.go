package admin

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"path"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/vikno-city/vikno/staff"
)

const langCookie = "vikno_admin_lang"

var langMatcher = language.NewMatcher([]language.Tag{language.Ukrainian, language.English})

// lang is the language of the page: ?lang= (remembered in a cookie), the
// cookie, then Accept-Language; Ukrainian by default.
func lang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "uk" || l == "en" {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "uk" || c.Value == "en") {
		return c.Value
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if len(tags) > 0 {
		if _, i, conf := langMatcher.Match(tags...); conf >= language.High && i == 1 {
			return "en"
		}
	}
	return "uk"
}

// tr returns the admin text key in lang.
func tr(lang, key string) string {
	if s, ok := texts[lang][key]; ok {
		return s
	}
	if s, ok := texts["uk"][key]; ok {
		return s
	}
	return key
}

// parseTemplates parses every page; times are shown in loc, the city's
// time zone (the one residents and staff live by, whatever the server's),
// as people read them: {{time $.Lang .At}} is «7 грудня 2026, 14:05» in a
// <time> element that keeps the machine form.
func parseTemplates(loc *time.Location) (map[string]*template.Template, error) {
	fm := template.FuncMap{}
	for k, f := range funcs {
		fm[k] = f
	}
	fm["time"] = func(l string, t time.Time) template.HTML { return timeTag(l, t.In(loc)) }
	pages, err := templateFS.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := strings.TrimSuffix(p.Name(), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(fm).ParseFS(templateFS, "templates/layout.html", path.Join("templates", p.Name()))
		if err != nil {
			return nil, fmt.Errorf("admin template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// funcs are the template functions that do not depend on the city;
// parseTemplates adds "time".
var funcs = template.FuncMap{
	"t":       func(lang, key string) string { return tr(lang, key) },
	"join":    strings.Join,
	"channel": channelName,
}

// page is what every template gets besides its own data.
type page struct {
	Lang    string
	User    any
	CSRF    string
	Path    string
	IsAdmin bool
	IsEdit  bool
	// IsDispatch: the user may post outage notices.
	IsDispatch bool
	IsExec     bool // sees the appeals board
	Data       any
}

// render writes the page name with data, buffered so that a template error
// becomes a clean 500.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	l := lang(r)
	if q := r.URL.Query().Get("lang"); q == l {
		h.setCookie(w, r, langCookie, l, 365*24*3600)
	}
	p := page{Lang: l, Path: r.URL.Path, Data: data}
	if acc := accountOf(r); acc.user.ID != 0 {
		p.User, p.CSRF = acc.user, csrfToken(acc.token)
		p.IsAdmin, p.IsEdit = acc.user.Can(), acc.user.Can("editor")
		p.IsExec = h.cfg.Appeals != nil && acc.user.Can(staff.RoleExecutor)
		p.IsDispatch = h.cfg.Outages != nil && acc.user.Can("dispatcher")
	}
	var b bytes.Buffer
	if err := h.tmpl[name].Execute(&b, p); err != nil {
		h.cfg.Logger.ErrorContext(r.Context(), "admin template failed", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}
