package admin

import "net/http"

func (h *Handler) home(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "home", nil)
}

func (h *Handler) users(w http.ResponseWriter, r *http.Request) {
	users, err := h.cfg.Staff.ListUsers(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "users", users)
}
