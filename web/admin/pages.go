package admin

import (
	"net/http"
	"strings"

	"github.com/vikno-city/vikno/staff"
)

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "home", nil)
}

// userRow is one account on the users page, with its zone in words.
type userRow struct {
	staff.User
	Zone string
}

func (h *Handler) users(w http.ResponseWriter, r *http.Request) {
	users, err := h.cfg.Staff.ListUsers(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := lang(r)
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i] = userRow{User: u, Zone: h.zoneName(l, u)}
	}
	h.render(w, r, http.StatusOK, "users", rows)
}

// zoneName says in l what an account covers: a manager's level and CNAP or
// region, an executor's appeal categories; "" for the other roles.
func (h *Handler) zoneName(l string, u staff.User) string {
	if len(u.Categories) > 0 {
		names := make([]string, len(u.Categories))
		for i, c := range u.Categories {
			names[i] = h.categoryName(l, c)
		}
		return strings.Join(names, ", ")
	}
	if u.Scope == "" {
		return ""
	}
	place := h.placeName(l, u.Scope)
	if r, ok := h.cfg.City.Region(u.Scope); ok {
		place = r.Name
		if l == "en" && r.NameEN != "" {
			place = r.NameEN
		}
	}
	return trf(l, "user_level", int(u.Level)) + ": " + place
}
