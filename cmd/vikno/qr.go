package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/notify"
	"github.com/vikno-city/vikno/qr"
)

// qr writes one printable poster per location (and per window with
// --windows; one location with --location) into a folder:
// `vikno qr --out DIR`.
func (e env) qr(ctx context.Context, args []string) error {
	c := newCommon("qr", e.stderr)
	out := c.fs.String("out", "", "`folder` to write the posters to (created if missing)")
	windows := c.fs.Bool("windows", false, "also write a poster for each service window of a location")
	location := c.fs.String("location", "", "only this location `id` (default: every location)")
	cfg, err := c.load(args, e.environ)
	if err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("qr: --out DIR is required")
	}
	texts, err := loadTexts(cfg)
	if err != nil {
		return err
	}
	links, err := posterLinks(ctx, cfg)
	if err != nil {
		return err
	}
	links.webLabel = texts.String(dialog.UK, "poster.web")
	s, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	fb := &cases.Feedback[notify.Message]{Store: s, City: cfg.City}
	points, err := fb.EnsurePoints(ctx, *location, *windows)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("qr: %w", err)
	}
	for _, p := range points {
		path, err := writePoster(*out, cfg.City, texts, p, links)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s\t%s\n", path, strings.Join(links.all(p.Payload()), "\t"))
	}
	return nil
}

// writePoster writes the poster of a rating point; posters hang in Ukrainian
// CNAP halls, so their texts are the catalogue's Ukrainian poster.* texts.
func writePoster(dir string, city vikno.City, texts *dialog.Catalog, p cases.RatingPoint, links deepLinks) (string, error) {
	l, _ := city.Location(p.LocationID)
	title, name := l.Name, l.ID
	if w := cases.PointWindow(p.Point); w > 0 {
		title = texts.String(dialog.UK, "poster.title_window", "location", l.Name, "n", w)
		name += "-" + p.Point
	}
	path := filepath.Join(dir, name+".png")
	var buf bytes.Buffer
	err := qr.WritePNG(&buf, qr.Poster{Title: title, Subtitle: l.Address, Call: texts.String(dialog.UK, "poster.call"),
		Codes: links.codes(p.Payload()), Footer: texts.String(dialog.UK, "poster.footer")})
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("qr: %w", err)
	}
	return path, nil
}

// deepLinks builds the messenger links of a payload: Telegram when the bot's
// username is known, Viber when viber.uri is set; the web chat's page when
// neither is (a city that has only the web chat).
type deepLinks struct {
	telegram string // bot username
	viber    string // public account URI
	web      string // public_url, for a city without a messenger
	webLabel string // the web code's label on a poster
}

func (l deepLinks) all(payload string) []string {
	var out []string
	for _, c := range l.codes(payload) {
		out = append(out, c.Content)
	}
	return out
}

func (l deepLinks) codes(payload string) []qr.Code {
	var out []qr.Code
	if l.telegram != "" {
		out = append(out, qr.Code{Label: "Telegram", Content: cases.TelegramLink(l.telegram, payload)})
	}
	if l.viber != "" {
		out = append(out, qr.Code{Label: "Viber", Content: cases.ViberLink(l.viber, payload)})
	}
	if len(out) == 0 && l.web != "" {
		out = append(out, qr.Code{Label: l.webLabel, Content: l.web + "/chat/?start=" + url.QueryEscape(payload)})
	}
	return out
}

// posterLinks is resolveLinks for posters: a city with no messenger set up
// and a public_url points its posters at the web chat, which every `vikno
// serve` serves.
func posterLinks(ctx context.Context, cfg configs.Config) (deepLinks, error) {
	t, v := cfg.Telegram, cfg.Viber
	if t.Username == "" && t.Token == "" && v.URI == "" && v.Token == "" && cfg.PublicURL != "" {
		return deepLinks{web: strings.TrimRight(cfg.PublicURL, "/")}, nil
	}
	l, err := resolveLinks(ctx, cfg)
	if vikno.ErrorCode(err) == vikno.EINVALID && l.telegram == "" && l.viber == "" {
		return l, vikno.Errorf(vikno.EINVALID, "%s, or public_url (VIKNO_PUBLIC_URL) for posters that open the web chat", vikno.ErrorMessage(err))
	}
	return l, err
}

// resolveLinks finds the bot's username (telegram.username, else getMe with
// the token) and the Viber URI (viber.uri, else get_account_info with the
// token); it fails when neither messenger is set up.
func resolveLinks(ctx context.Context, cfg configs.Config) (deepLinks, error) {
	l := deepLinks{telegram: strings.TrimPrefix(cfg.Telegram.Username, "@"), viber: cfg.Viber.URI}
	if l.telegram == "" && cfg.Telegram.Token != "" {
		name, err := telegramUsername(ctx, cfg.Telegram)
		if err != nil {
			return l, err
		}
		l.telegram = name
	}
	if l.viber == "" && cfg.Viber.Token != "" {
		uri, err := viberURI(ctx, cfg.Viber)
		if err != nil {
			return l, err
		}
		l.viber = uri
	}
	if l.telegram == "" && l.viber == "" {
		return l, vikno.Errorf(vikno.EINVALID, "deep links need a messenger: set telegram.username "+
			"(VIKNO_TELEGRAM_USERNAME) or telegram.token (VIKNO_TELEGRAM_TOKEN), or viber.uri (VIKNO_VIBER_URI)")
	}
	return l, nil
}

// telegramUsername asks the Bot API who the bot is (getMe). Errors never
// contain the request URL, which holds the token.
func telegramUsername(ctx context.Context, t configs.Telegram) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	url := strings.TrimRight(t.APIURL, "/") + "/bot" + t.Token + "/getMe"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader("{}"))
	if err != nil {
		return "", vikno.Errorf(vikno.EINVALID, "telegram.api_url: not a usable URL")
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", vikno.Errorf(vikno.EUNAVAILABLE, "telegram getMe failed; set telegram.username (VIKNO_TELEGRAM_USERNAME) to skip it")
	}
	defer resp.Body.Close()
	var me struct {
		OK     bool `json:"ok"`
		Result struct {
			Username string `json:"username"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&me); err != nil || !me.OK || me.Result.Username == "" {
		return "", vikno.Errorf(vikno.EUNAVAILABLE, "telegram getMe answered %d; check telegram.token or set telegram.username", resp.StatusCode)
	}
	return me.Result.Username, nil
}
