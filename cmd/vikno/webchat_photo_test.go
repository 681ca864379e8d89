package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/vikno-city/vikno/bots/webchat"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/internal/testenv"
	"github.com/vikno-city/vikno/staff"
)

// testImage encodes a small picture as "jpeg" or "png".
func testImage(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, x%h, color.RGBA{R: 200, A: 255})
	}
	var b bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// upload posts a photo as the page does, with the page message id id, and
// returns the status and the body.
func (v *visitor) upload(id string, data []byte, origin string) (int, string) {
	v.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, v.base+"/chat/api/photo?locale=uk&id="+id, bytes.NewReader(data))
	req.Header.Set("Content-Type", "image/jpeg")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := v.client.Do(req)
	if err != nil {
		v.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// myPhotos returns the photo addresses the resident's history shows.
func (v *visitor) myPhotos() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	var out []string
	for _, m := range v.msgs {
		if !m.Outgoing && m.Image != "" {
			out = append(out, m.Image)
		}
	}
	return out
}

func fetch(t *testing.T, c *http.Client, url string) (*http.Response, []byte) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestWebChatPhotoUploadRefusesBadFilesAndServesOnlyItsOwner(t *testing.T) {
	for name, cfg := range webConfigs(t) {
		t.Run(name, func(t *testing.T) { testPhotoUpload(t, cfg) })
	}
}

func testPhotoUpload(t *testing.T, cfg configs.Config) {
	m := MustRunMain(t, cfg)
	base := m.HTTP.URL()
	v := newVisitor(t, base)
	v.listen()
	jpg := testImage(t, "jpeg", 40, 30)
	stranger := &http.Client{Timeout: 5 * time.Second}
	resp, err := stranger.Post(base+"/chat/api/photo?id=abcdefgh", "image/jpeg", bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("upload without the cookie = %d, want 401", resp.StatusCode)
	}
	huge := append(bytes.Clone(jpg), make([]byte, webchat.MaxPhoto)...)
	pngHeaderJunk := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 64)...)
	tall := testImage(t, "png", 1, 12001)
	for _, tt := range []struct {
		name, id string
		body     []byte
		origin   string
		want     int
		reason   string
	}{
		{"another site", "photo-evil1", jpg, "https://evil.example", http.StatusForbidden, "cross-origin"},
		{"over 5 MB", "photo-huge1", huge, base, http.StatusRequestEntityTooLarge, "5 MB"},
		{"a text file", "photo-text1", []byte("not a photo at all, just words"), base, http.StatusUnsupportedMediaType, "JPEG, PNG or WebP"},
		{"an SVG", "photo-svg01", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), base, http.StatusUnsupportedMediaType, "JPEG"},
		{"a PNG signature over junk", "photo-junk1", pngHeaderJunk, base, http.StatusBadRequest, "damaged"},
		{"too tall", "photo-tall1", tall, base, http.StatusBadRequest, "12000"},
		{"no id", "", jpg, base, http.StatusBadRequest, "id"},
	} {
		if got, body := v.upload(tt.id, tt.body, tt.origin); got != tt.want || !strings.Contains(body, tt.reason) {
			t.Errorf("%s: %d %s, want %d with %q", tt.name, got, body, tt.want, tt.reason)
		}
	}

	// A retried upload (the answer was lost) is one photo.
	id := "photo-" + testenv.RandomID()[:8]
	for i := 0; i < 2; i++ {
		if code, body := v.upload(id, jpg, base); code != http.StatusAccepted {
			t.Fatalf("upload %d = %d %s", i+1, code, body)
		}
	}
	v.waitFor("the photo in the history", func() bool {
		for _, m := range v.msgs {
			if !m.Outgoing && plain(m) == "📷 Фото" {
				return true
			}
		}
		return false
	})
	time.Sleep(500 * time.Millisecond)
	shown := v.myPhotos()
	if len(shown) != 1 || !regexp.MustCompile(`^/chat/api/photo/\d+$`).MatchString(shown[0]) {
		t.Fatalf("history shows photos %q, want one:\n%s", shown, v.transcript())
	}

	// Its sender gets it back, as a photo that no one may sniff as a page.
	resp, body := fetch(t, v.client, base+shown[0])
	h := resp.Header
	if resp.StatusCode != http.StatusOK || !bytes.Equal(body, jpg) || h.Get("Content-Type") != "image/jpeg" ||
		h.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") ||
		!strings.HasPrefix(h.Get("Cache-Control"), "private") {
		t.Fatalf("own photo = %d, %d bytes, headers %v", resp.StatusCode, len(body), h)
	}
	// Another resident and a visitor without a cookie do not.
	other := newVisitor(t, base)
	if resp, _ := fetch(t, other.client, base+shown[0]); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another resident's fetch = %d, want 404", resp.StatusCode)
	}
	if resp, _ := fetch(t, stranger, base+shown[0]); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a fetch without the cookie = %d, want 404", resp.StatusCode)
	}
	if resp, _ := fetch(t, v.client, base+"/chat/api/photo/999999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a photo that does not exist = %d, want 404", resp.StatusCode)
	}

	// A script uploading photo after photo is stopped well before the
	// per-message limit would.
	limited := 0
	for i := 0; i < 20 && limited == 0; i++ {
		if code, _ := v.upload("photo-many-"+testenv.RandomID()[:8], jpg, base); code == http.StatusTooManyRequests {
			limited = i + 1
		}
	}
	if limited == 0 {
		t.Error("20 photos in a row were never rate-limited")
	}
}

func TestWebChatAppealWithAPhotoIsSeenByItsExecutor(t *testing.T) {
	m := MustRunMain(t, testConfig(t))
	base := m.HTTP.URL()
	v := newVisitor(t, base)
	v.listen()
	welcome := v.ask(map[string]any{"begin": true, "start": ""})
	v.press(welcome, "Подати звернення")
	choice := v.ask(map[string]any{"text": "гарячої води немає"})
	place := v.press(choice, "Немає гарячої води")
	if last := place[len(place)-1]; last.Request != "location" {
		t.Fatalf("the place step does not ask for a location:\n%s", v.transcript())
	}
	desc := v.ask(map[string]any{"location": map[string]float64{"Lat": 49.8419, "Lon": 24.0315}})
	if !strings.Contains(allText(desc), "Опишіть") {
		t.Fatalf("no description step:\n%s", v.transcript())
	}
	photoStep := v.ask(map[string]any{"text": "Не тече гаряча вода з понеділка в усьому під’їзді"})
	if !strings.Contains(allText(photoStep), "фото") {
		t.Fatalf("no photo step:\n%s", v.transcript())
	}
	jpg := testImage(t, "jpeg", 64, 48)
	v.mu.Lock()
	seen := len(v.msgs)
	v.mu.Unlock()
	if code, body := v.upload("photo-"+testenv.RandomID()[:8], jpg, base); code != http.StatusAccepted {
		t.Fatalf("upload = %d %s", code, body)
	}
	v.waitFor("the photo acknowledged", func() bool {
		for _, m := range v.msgs[seen:] {
			if m.Outgoing && len(m.Buttons) > 0 {
				return true
			}
		}
		return false
	})
	v.mu.Lock()
	added := v.msgs[seen:]
	v.mu.Unlock()
	if last := v.press(added, "Далі"); last[len(last)-1].Request != "contact" {
		t.Fatalf("the phone step does not ask for a contact:\n%s", v.transcript())
	}
	public := v.ask(map[string]any{"text": "+380 67 123 45 67"})
	summary := v.press(public, "Ні")
	if got := allText(summary); !strings.Contains(got, "Фото: 1 фото") {
		t.Fatalf("summary = %q", got)
	}
	done := v.press(summary, "Підтвердити")
	n := filedRE.FindStringSubmatch(allText(done))
	if n == nil {
		t.Fatalf("no appeal number in %q", allText(done))
	}
	a, err := m.appeals.Find(context.Background(), n[1])
	if err != nil || len(a.Photos) != 1 || !strings.HasPrefix(a.Photos[0], "web:") {
		t.Fatalf("appeal %s photos = %q, %v", n[1], a.Photos, err)
	}

	// The executor of the category sees the photo on the board.
	exec := signIn(t, m, "teplo", staff.RoleExecutor)
	code, page := exec.get("/admin/appeals/" + a.Number)
	if code != http.StatusOK || !strings.Contains(page, `<img src="/admin/appeals/`+a.Number+`/photos/1"`) {
		t.Fatalf("appeal page = %d without the photo:\n%.2000s", code, page)
	}
	resp, body := fetch(t, exec.c, exec.base+"/admin/appeals/"+a.Number+"/photos/1")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" || !bytes.Equal(body, jpg) {
		t.Fatalf("photo on the board = %d %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
	// Staff of other scopes do not.
	roads := signIn(t, m, "roads", staff.RoleManager)
	if code, _ := roads.get("/admin/appeals/" + a.Number + "/photos/1"); code != http.StatusForbidden {
		t.Fatalf("a manager fetching the photo = %d, want 403", code)
	}
	// Nor does anyone through the chat but its sender.
	jar, _ := cookiejar.New(nil)
	other := &http.Client{Jar: jar, Timeout: 5 * time.Second}
	fetch(t, other, base+"/chat/")
	id, _ := webchat.PhotoID(a.Photos[0])
	if resp, _ := fetch(t, other, base+"/chat/api/photo/"+strings.TrimPrefix(a.Photos[0], "web:")); resp.StatusCode != http.StatusNotFound || id == 0 {
		t.Fatalf("another visitor fetching the appeal's photo = %d, want 404", resp.StatusCode)
	}
}
