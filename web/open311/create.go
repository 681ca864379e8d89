package open311

import (
	"errors"
	"fmt"
	"math"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/web"
)

// createdView is the answer to a POST. pin is an extension of the spec: the
// PIN to check the request in the bot, shown once and stored only hashed.
type createdView struct {
	ID        string  `json:"service_request_id"`
	Notice    string  `json:"service_notice"`
	AccountID *string `json:"account_id"`
	PIN       string  `json:"pin"`
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) {
	d, err := h.parseCreate(w, r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	filed, err := h.svc.File(r.Context(), d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a := filed.Appeal
	executor := a.Executor
	if e, ok := h.svc.City.Executor(a.Executor); ok {
		executor = e.Name
	}
	notice := fmt.Sprintf("Звернення зареєстровано. Виконавець: %s. Строк: до %s.", executor,
		a.DueAt.In(h.svc.City.Loc()).Format("02.01.2006 15:04"))
	writeJSON(w, http.StatusOK, []createdView{{ID: a.Number, Notice: notice, PIN: filed.PIN}})
}

// parseCreate reads and checks a form-encoded request: the key first (403;
// from the X-API-Key or Authorization header or the body's api_key, never
// the URL), then the text (400 for invalid UTF-8 or NUL bytes), then the
// service (400 when missing, 404 when unknown), then the rest.
func (h *Handler) parseCreate(w http.ResponseWriter, r *http.Request) (cases.AppealDraft, error) {
	var d cases.AppealDraft
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || ct != "application/x-www-form-urlencoded" {
		return d, vikno.Errorf(vikno.EINVALID, "Content-Type must be application/x-www-form-urlencoded")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return d, vikno.Errorf(vikno.EINVALID, "request body is larger than %d bytes", maxBody)
		}
		return d, vikno.Errorf(vikno.EINVALID, "malformed form body")
	}
	form := r.PostForm
	key := web.RequestAPIKey(r)
	if key == "" {
		key = form.Get("api_key") // the body only: r.Form would take it from the URL too
	}
	keyID, err := h.keys.Check(key)
	if err != nil {
		return d, vikno.Errorf(vikno.EUNAUTHORIZED, "missing or invalid api_key")
	}
	if err := web.CheckValues("form", form); err != nil {
		return d, err
	}
	d = cases.AppealDraft{
		Channel: cases.Open311, Category: strings.TrimSpace(form.Get("service_code")),
		Description: form.Get("description"), Address: form.Get("address_string"), Phone: form.Get("phone"),
		By: cases.Actor{Kind: cases.ActorIntegration, Name: "open311:" + keyID},
	}
	if d.Category == "" {
		return d, vikno.Errorf(vikno.EINVALID, "service_code was not provided")
	}
	if _, _, ok := h.svc.City.Category(d.Category); !ok {
		return d, vikno.Errorf(vikno.ENOTFOUND, "service_code %q not found", d.Category)
	}
	if d.Location, err = point(form.Get("lat"), form.Get("long")); err != nil {
		return d, err
	}
	if d.Location == nil && strings.TrimSpace(d.Address) == "" {
		if form.Get("address_id") != "" {
			return d, vikno.Errorf(vikno.EINVALID, "address_id is not supported: send lat and long or address_string")
		}
		return d, vikno.Errorf(vikno.EINVALID, "a location is required: lat and long, or address_string")
	}
	if media := strings.TrimSpace(form.Get("media_url")); media != "" {
		if !cases.IsMediaURL(media) {
			return d, vikno.Errorf(vikno.EINVALID, "media_url must be an http or https URL")
		}
		d.Photos = []string{media}
	}
	return d, nil
}

// point reads lat and long: both or neither.
func point(lat, long string) (*cases.GeoPoint, error) {
	lat, long = strings.TrimSpace(lat), strings.TrimSpace(long)
	if lat == "" && long == "" {
		return nil, nil
	}
	if lat == "" || long == "" {
		return nil, vikno.Errorf(vikno.EINVALID, "lat and long must both be provided")
	}
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(long, 64)
	if err1 != nil || err2 != nil || math.IsNaN(la) || math.IsNaN(lo) {
		return nil, vikno.Errorf(vikno.EINVALID, "lat and long must be decimal degrees (WGS84)")
	}
	return &cases.GeoPoint{Lat: la, Lon: lo}, nil
}
