// Package terminal is the channel behind `vikno chat`: one message per line on
// standard input, replies printed as text with numbered buttons. It works in a
// pipe and ends at end of input.
//
// Lines: plain text; N presses button N of the latest reply that had buttons
// (a number with no such button is answered by the channel itself);
// "/location LAT LON" shares a location; "/contact +380..." shares a phone
// number; "/photo NAME" sends a photo reference; "/start PAYLOAD" opens a deep
// link.
package terminal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// MaxLine is the longest line kept; the rest of a longer line is dropped,
// so a huge line costs bounded memory and gets the engine's polite refusal.
const MaxLine = 64 << 10

// Chat runs the terminal channel.
type Chat struct {
	Handler dialog.Handler
	In      io.Reader
	Out     io.Writer
	UserID  string
	Locale  string
	Now     func() time.Time
	// Texts gives the channel's own hints in Locale (default: the built-in
	// catalogue).
	Texts *dialog.Catalog

	mu      sync.Mutex // print and Send may race
	buttons []dialog.Button
	seq     int
}

var _ dialog.Sender = (*Chat)(nil)

// Send prints a message Vikno sends on its own (a status change, an answer)
// between the conversation's replies.
func (c *Chat) Send(_ context.Context, userID string, replies []dialog.Reply) error {
	if userID != c.UserID {
		return vikno.Errorf(vikno.ENOTFOUND, "no such terminal user")
	}
	for _, r := range replies {
		c.print(r)
	}
	return nil
}

// Run reads lines until end of input or until ctx ends (also while it waits
// for input: reading happens in its own goroutine).
func (c *Chat) Run(ctx context.Context) error {
	if c.Now == nil {
		c.Now = time.Now
	}
	lines := make(chan inputLine)
	go readLines(ctx, bufio.NewReaderSize(c.In, 4096), lines)
	for {
		var in inputLine
		select {
		case <-ctx.Done():
			return ctx.Err()
		case in = <-lines:
		}
		if in.text != "" || in.err == nil {
			if err := c.handleLine(ctx, in.text); err != nil {
				return err
			}
		}
		if errors.Is(in.err, io.EOF) {
			return nil
		}
		if in.err != nil {
			return fmt.Errorf("read input: %w", in.err)
		}
	}
}

type inputLine struct {
	text string
	err  error
}

// readLines sends lines until an error (io.EOF at the end) or until ctx ends.
func readLines(ctx context.Context, r *bufio.Reader, out chan<- inputLine) {
	for {
		text, err := readLine(r)
		select {
		case out <- inputLine{text: text, err: err}:
		case <-ctx.Done():
			return
		}
		if err != nil {
			return
		}
	}
}

// readLine reads one line, keeping at most MaxLine bytes of it.
func readLine(r *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(b) < MaxLine {
			b = append(b, chunk[:min(len(chunk), MaxLine-len(b))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return strings.TrimRight(string(b), "\r\n"), err
	}
}

func (c *Chat) handleLine(ctx context.Context, line string) error {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	u, problem := c.parse(line)
	if problem != "" {
		fmt.Fprintln(c.Out, problem)
		fmt.Fprintln(c.Out)
		return nil
	}
	replies, err := c.Handler.Handle(ctx, u)
	for _, r := range replies {
		c.print(r)
	}
	if err != nil && len(replies) == 0 {
		return fmt.Errorf("handle: %w", err)
	}
	return nil // the resident was told; the conversation goes on
}

// parse turns a line into an update, or explains what is wrong with it.
func (c *Chat) parse(line string) (dialog.Update, string) {
	c.seq++
	u := dialog.Update{
		ID: "term:" + strconv.Itoa(c.seq), Channel: vikno.Terminal, UserID: c.UserID,
		Locale: c.Locale, Time: c.Now(),
	}
	trimmed := strings.TrimSpace(line)
	cmd, arg, _ := strings.Cut(trimmed, " ")
	arg = strings.TrimSpace(arg)
	switch cmd {
	case "/location":
		loc, ok := parseLocation(arg)
		if !ok {
			return u, c.texts().String(c.Locale, "terminal.location_usage")
		}
		u.Location = loc
	case "/contact":
		if arg == "" {
			return u, c.texts().String(c.Locale, "terminal.contact_usage")
		}
		u.Contact = &dialog.Contact{Phone: arg, Own: true}
	case "/photo":
		if arg == "" {
			arg = "photo-" + strconv.Itoa(c.seq) + ".jpg"
		}
		u.Photo = &dialog.Photo{Ref: "terminal:" + arg}
	case "/start":
		u.Text, u.StartPayload = "/start", arg
	default:
		b, pressed, problem := c.button(trimmed)
		if problem != "" {
			return u, problem
		}
		if pressed {
			u.Action, u.Text = b.Action, b.Label
			return u, ""
		}
		u.Text = line
	}
	return u, ""
}

// defaultTexts is the built-in catalogue, loaded once when a Chat has none.
var defaultTexts = sync.OnceValue(dialog.DefaultCatalog)

func (c *Chat) texts() *dialog.Catalog {
	if c.Texts == nil {
		return defaultTexts()
	}
	return c.Texts
}

// button returns the button numbered s in the latest reply. A number of one
// or two digits while buttons are shown is always meant as a button: one
// that is not there, or that only opens a link, gets a problem to print
// instead of going to the engine as text.
func (c *Chat) button(s string) (b dialog.Button, pressed bool, problem string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, err := strconv.Atoi(s)
	if err != nil || len(c.buttons) == 0 || len(s) > 2 || s[0] == '+' || s[0] == '-' {
		return dialog.Button{}, false, ""
	}
	switch {
	case (n < 1 || n > len(c.buttons)) && len(c.buttons) == 1:
		return dialog.Button{}, false, c.texts().String(c.Locale, "terminal.no_button_one", "n", n)
	case n < 1 || n > len(c.buttons):
		return dialog.Button{}, false, c.texts().String(c.Locale, "terminal.no_button", "n", n, "max", len(c.buttons))
	case c.buttons[n-1].Action == "":
		return dialog.Button{}, false, c.texts().String(c.Locale, "terminal.link_button", "n", n, "url", c.buttons[n-1].URL)
	}
	return c.buttons[n-1], true, ""
}

func parseLocation(s string) (*dialog.Location, bool) {
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(f) != 2 {
		return nil, false
	}
	lat, err1 := strconv.ParseFloat(f[0], 64)
	lon, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) { // rejects NaN too
		return nil, false
	}
	return &dialog.Location{Lat: lat, Lon: lon}, true
}

// print writes a reply: its text, then buttons as "  [N] label".
func (c *Chat) print(r dialog.Reply) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r.Image != nil {
		fmt.Fprintln(c.Out, c.texts().String(c.Locale, "terminal.image", "name", r.Image.Name))
	}
	if s := r.Text.String(); s != "" {
		fmt.Fprintln(c.Out, s)
	}
	if bs := r.AllButtons(); len(bs) > 0 {
		c.buttons = bs
		for i, b := range bs {
			if b.URL != "" {
				fmt.Fprintf(c.Out, "  [%d] %s (%s)\n", i+1, b.Label, b.URL)
				continue
			}
			fmt.Fprintf(c.Out, "  [%d] %s\n", i+1, b.Label)
		}
	}
	switch r.Request {
	case dialog.RequestLocation:
		fmt.Fprintf(c.Out, "  [/location LAT LON] %s\n", r.RequestLabel)
	case dialog.RequestContact:
		fmt.Fprintf(c.Out, "  [/contact +380...] %s\n", r.RequestLabel)
	}
	fmt.Fprintln(c.Out)
}
