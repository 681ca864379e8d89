package webchat

import (
	"bytes"
	"errors"
	"image"
	_ "image/jpeg" // decoders image.DecodeConfig checks uploads with
	_ "image/png"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	_ "golang.org/x/image/webp"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// Limits of an attached photo.
const (
	MaxPhoto     = 5 << 20 // bytes
	MaxPhotoSide = 12000   // pixels
)

// photoLimit bounds what one resident may upload besides the posts' limits:
// an appeal takes up to ten photos, 5 MB each.
var photoLimit = vikno.Limit{Events: 30, Per: time.Hour, Burst: 12}

// photoTypes maps the formats accepted to the decoder name of each.
var photoTypes = map[string]string{"image/jpeg": "jpeg", "image/png": "png", "image/webp": "webp"}

// photoRef is the reference an update carries for a stored photo.
func photoRef(id int64) string { return "web:" + strconv.FormatInt(id, 10) }

// PhotoID returns the id of the stored photo a reference names.
func PhotoID(ref string) (int64, bool) {
	s, ok := strings.CutPrefix(ref, "web:")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// servePhoto takes a photo the page posts (the raw file as the body, the
// page's message id as ?id=), stores it and hands the engine an update
// with it, as Telegram and Viber do with theirs. A retried upload with the
// same id is one photo. 202: accepted; the answer comes on the event stream.
func (c *Chat) servePhoto(w http.ResponseWriter, r *http.Request) {
	user, ok := c.resident(r)
	if !ok {
		apiError(w, http.StatusUnauthorized, "no chat session: reload the page")
		return
	}
	if !sameOrigin(r) {
		apiError(w, http.StatusForbidden, "cross-origin post")
		return
	}
	if !c.allow(w, r, user, rateKey{"webchat:photo:" + user, photoLimit}) {
		return
	}
	q := r.URL.Query()
	if !postID.MatchString(q.Get("id")) {
		apiError(w, http.StatusBadRequest, "message id missing or malformed")
		return
	}
	data, status, reason := readPhoto(w, r)
	if status != 0 {
		apiError(w, status, reason)
		return
	}
	ctype := http.DetectContentType(data)
	key := "web:" + user + ":" + q.Get("id")
	id, err := c.cfg.Store.SaveWebPhoto(r.Context(), key, Photo{UserID: user, ContentType: ctype, Data: data, At: c.cfg.Now()})
	if err != nil {
		c.fail(w, err)
		return
	}
	lang := q.Get("locale")
	if lang != "uk" && lang != "en" {
		lang = locale(r)
	}
	shown := "📷 Фото"
	if lang == "en" {
		shown = "📷 Photo"
	}
	entry := Entry{Key: key, Message: Message{Text: []Span{{Text: shown}}, Image: "/chat/api/photo/" + strconv.FormatInt(id, 10), At: c.cfg.Now()}}
	if err := c.cfg.Store.AppendWebChat(r.Context(), user, []Entry{entry}); err != nil {
		c.fail(w, err)
		return
	}
	u := dialog.Update{ID: "web:" + q.Get("id"), Channel: vikno.Web, UserID: user, Locale: lang, Time: c.cfg.Now(),
		Photo: &dialog.Photo{Ref: photoRef(id)}}
	if err := c.cfg.Pipeline.Accept(r.Context(), key, u); err != nil {
		c.fail(w, err)
		return
	}
	c.sender.wake(r.Context(), user)
	w.WriteHeader(http.StatusAccepted)
}

// readPhoto reads the body and checks that it is a photo: at most MaxPhoto
// bytes, JPEG, PNG or WebP by its first bytes and by its decoded header
// alike, no side over MaxPhotoSide. status is 0 for a photo, else the
// refusal with its reason.
func readPhoto(w http.ResponseWriter, r *http.Request) (data []byte, status int, reason string) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxPhoto))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge, "photo larger than 5 MB"
	case err != nil:
		return nil, http.StatusBadRequest, "unreadable body"
	case len(data) == 0:
		return nil, http.StatusBadRequest, "empty photo"
	}
	format, ok := photoTypes[http.DetectContentType(data)]
	if !ok {
		return nil, http.StatusUnsupportedMediaType, "only JPEG, PNG or WebP photos"
	}
	cfg, decoded, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil || decoded != format:
		return nil, http.StatusBadRequest, "damaged image: its header cannot be read"
	case cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxPhotoSide || cfg.Height > MaxPhotoSide:
		return nil, http.StatusBadRequest, "image larger than 12000 pixels a side"
	}
	return data, 0, ""
}

// servePhotoFile serves a stored photo to the resident who sent it; anyone
// else gets 404, as for a photo that does not exist.
func (c *Chat) servePhotoFile(w http.ResponseWriter, r *http.Request) {
	user, ok := c.resident(r)
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if !ok || err != nil || id < 1 {
		apiError(w, http.StatusNotFound, "photo not found")
		return
	}
	p, err := c.cfg.Store.WebPhoto(r.Context(), id)
	switch {
	case vikno.ErrorCode(err) == vikno.ENOTFOUND || (err == nil && p.UserID != user):
		apiError(w, http.StatusNotFound, "photo not found")
		return
	case err != nil:
		c.fail(w, err)
		return
	}
	if _, ok := photoTypes[p.ContentType]; !ok {
		p.ContentType = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", p.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(p.Data)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, max-age=86400")
	w.Write(p.Data)
}
