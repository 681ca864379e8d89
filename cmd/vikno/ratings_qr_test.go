package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/qr/qrtest"
	sqlstore "github.com/vikno-city/vikno/storage/sql"
)

// ratingsDecodeQR reads the one QR code in img, as a phone camera would.
func ratingsDecodeQR(t *testing.T, img image.Image) string {
	t.Helper()
	text, err := qrtest.Decode(img)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return text
}

func ratingsReadPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// ratingsPointOf finds the rating point of a deep link's payload in the database.
func ratingsPointOf(t *testing.T, dataDir, link string) cases.RatingPoint {
	t.Helper()
	_, payload, ok := strings.Cut(link, "start=")
	if !ok {
		_, payload, _ = strings.Cut(link, "context=")
	}
	if !cases.ValidPayload(payload) || !strings.HasPrefix(payload, cases.RatePayloadPrefix) {
		t.Fatalf("link %q has no rating payload", link)
	}
	db, err := sqlstore.Open(context.Background(), filepath.Join(dataDir, "vikno.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.FindRatingPoint(context.Background(), strings.TrimPrefix(payload, cases.RatePayloadPrefix))
	if err != nil {
		t.Fatalf("payload %s: %v", payload, err)
	}
	return p
}

// ratingsPrintedLinks returns the links of `vikno qr` output, line by line.
func ratingsPrintedLinks(stdout string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		_, links, _ := strings.Cut(line, "\t")
		out = append(out, links)
	}
	return out
}

func ratingsDemoLocations(t *testing.T) []string {
	t.Helper()
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range city.Locations {
		ids = append(ids, l.ID)
	}
	return ids
}

func TestQRWritesOnePosterPerLocationThatDecodesToItsLink(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	env := []string{"VIKNO_TELEGRAM_USERNAME=vikno_demo_bot"}
	r := runCLI(t, "", env, "qr", "--out", out, "--data", data)
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*.png"))
	locations := ratingsDemoLocations(t)
	if len(files) != len(locations) {
		t.Fatalf("%d posters for %d locations: %v", len(files), len(locations), files)
	}
	printed := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		file, link, _ := strings.Cut(line, "\t")
		printed[file] = link
	}
	for _, loc := range locations {
		path := filepath.Join(out, loc+".png")
		link := ratingsDecodeQR(t, ratingsReadPNG(t, path))
		if !strings.HasPrefix(link, "https://t.me/vikno_demo_bot?start=r_") || printed[path] != link {
			t.Errorf("%s decodes to %q, printed %q", loc, link, printed[path])
			continue
		}
		if p := ratingsPointOf(t, data, link); p.LocationID != loc || p.Point != "" {
			t.Errorf("%s: link leads to %+v", loc, p)
		}
	}
	// Printing again keeps the codes already hanging in the halls valid.
	again := runCLI(t, "", env, "qr", "--out", t.TempDir(), "--data", data)
	if first, second := ratingsPrintedLinks(r.stdout), ratingsPrintedLinks(again.stdout); again.code != 0 || !slices.Equal(first, second) {
		t.Errorf("second run printed other links:\n%v\nfirst:\n%v", second, first)
	}
}

func TestQRWithViberAndWindows(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	env := []string{"VIKNO_TELEGRAM_USERNAME=vikno_demo_bot", "VIKNO_VIBER_URI=vikno-demo"}
	r := runCLI(t, "", env, "qr", "--out", out, "--data", data, "--windows", "--location", "cnap-vynnyky")
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	path := filepath.Join(out, "cnap-vynnyky-w2.png")
	img := ratingsReadPNG(t, path).(interface {
		image.Image
		SubImage(image.Rectangle) image.Image
	})
	b := img.Bounds()
	tg := ratingsDecodeQR(t, img.SubImage(image.Rect(0, 0, b.Dx()/2, b.Dy())))
	vb := ratingsDecodeQR(t, img.SubImage(image.Rect(b.Dx()/2, 0, b.Dx(), b.Dy())))
	if !strings.HasPrefix(vb, "viber://pa?chatURI=vikno-demo&context=r_") {
		t.Fatalf("viber code = %q", vb)
	}
	for _, link := range []string{tg, vb} {
		if p := ratingsPointOf(t, data, link); p.LocationID != "cnap-vynnyky" || p.Point != "w2" {
			t.Errorf("%s leads to %+v", link, p)
		}
	}
	if !strings.Contains(r.stdout, path+"\t"+tg+"\t"+vb+"\n") {
		t.Errorf("stdout lacks the window poster's line:\n%s", r.stdout)
	}
	vynnyky, _ := configs.DemoCity()
	l, _ := vynnyky.Location("cnap-vynnyky")
	files, _ := filepath.Glob(filepath.Join(out, "*.png"))
	last := filepath.Join(out, fmt.Sprintf("cnap-vynnyky-w%d.png", l.Windows))
	if len(files) != 1+l.Windows || !slices.Contains(files, last) || !slices.Contains(files, filepath.Join(out, "cnap-vynnyky.png")) {
		t.Errorf("posters of one location with windows: %v", files)
	}
}

// A city that talks to residents through the web chat alone prints posters
// whose code opens the chat page with the rating's payload.
func TestQROfACityWithTheWebChatAlone(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	env := []string{"VIKNO_PUBLIC_URL=https://vikno.city.example/"}
	r := runCLI(t, "", env, "qr", "--out", out, "--data", data, "--location", "cnap-vynnyky")
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	path := filepath.Join(out, "cnap-vynnyky.png")
	link := ratingsDecodeQR(t, ratingsReadPNG(t, path))
	if !strings.HasPrefix(link, "https://vikno.city.example/chat/?start=r_") || r.stdout != path+"\t"+link+"\n" {
		t.Fatalf("poster decodes to %q; stdout %q", link, r.stdout)
	}
	if p := ratingsPointOf(t, data, link); p.LocationID != "cnap-vynnyky" {
		t.Errorf("%s leads to %+v", link, p)
	}
}

func TestQRNeedsAMessengerAndAFolder(t *testing.T) {
	r := runCLI(t, "", nil, "qr", "--out", t.TempDir(), "--data", t.TempDir())
	if r.code != 1 || !strings.Contains(r.stderr, "telegram.username") || !strings.Contains(r.stderr, "viber.uri") ||
		!strings.Contains(r.stderr, "public_url") {
		t.Fatalf("without a messenger: exit %d, stderr %s", r.code, r.stderr)
	}
	r = runCLI(t, "", []string{"VIKNO_TELEGRAM_USERNAME=vikno_demo_bot"}, "qr", "--data", t.TempDir())
	if r.code != 1 || !strings.Contains(r.stderr, "--out") {
		t.Fatalf("without --out: exit %d, stderr %s", r.code, r.stderr)
	}
	r = runCLI(t, "", []string{"VIKNO_TELEGRAM_USERNAME=vikno_demo_bot"}, "qr", "--out", t.TempDir(), "--data", t.TempDir(),
		"--location", "cnap-moon")
	if r.code != 1 || !strings.Contains(r.stderr, `unknown location "cnap-moon"`) {
		t.Fatalf("unknown location: exit %d, stderr %s", r.code, r.stderr)
	}
	r = runCLI(t, "", []string{"VIKNO_TELEGRAM_USERNAME=no"}, "qr", "--out", t.TempDir(), "--data", t.TempDir())
	if r.code != 1 || !strings.Contains(r.stderr, "telegram.username") {
		t.Fatalf("bad username: exit %d, stderr %s", r.code, r.stderr)
	}
}
