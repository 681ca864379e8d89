// Package qr draws the printable posters that hang in CNAP halls: one or two
// QR codes (a messenger deep link each), the location's name and a one-line
// call to action. Posters are grayscale A4 pages at 150 dpi, so that any
// office printer prints them sharp; the text is set in the Go fonts, which
// cover Ukrainian Cyrillic.
package qr

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"

	goqr "github.com/piglig/go-qr"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// A4 portrait at 150 dpi.
const (
	Width  = 1240
	Height = 1754
	margin = 90
)

// Code is one QR code on a poster.
type Code struct {
	Label   string // shown under the code: "Telegram"
	Content string // what the code encodes: the deep link
}

// Poster is what a poster says.
type Poster struct {
	Title    string // the location's name
	Subtitle string // its address, optional
	Call     string // the call to action, set on one line
	Codes    []Code // one or two
	Footer   string // small print, optional
}

// Render draws the poster. It fails when there is no code, more than two,
// or a code's content does not fit in a QR code.
func Render(p Poster) (*image.Gray, error) {
	if len(p.Codes) == 0 || len(p.Codes) > 2 {
		return nil, fmt.Errorf("poster: want 1 or 2 codes, got %d", len(p.Codes))
	}
	img := image.NewGray(image.Rect(0, 0, Width, Height))
	fill(img, img.Bounds(), 0xff)
	fill(img, image.Rect(0, 0, Width, 28), 0)
	y := 150
	y = drawWrapped(img, bold, 66, normalize(p.Title), y, color.Black)
	if p.Subtitle != "" {
		y = drawWrapped(img, regular, 36, normalize(p.Subtitle), y+20, gray)
	}
	y = drawOneLine(img, bold, 54, normalize(p.Call), y+60, color.Black)
	if err := drawCodes(img, p.Codes, y+40, Height-margin-110); err != nil {
		return nil, err
	}
	if p.Footer != "" {
		drawWrapped(img, regular, 30, normalize(p.Footer), Height-margin-40, gray)
	}
	return img, nil
}

// WritePNG renders the poster and writes it as PNG.
func WritePNG(w io.Writer, p Poster) error {
	img, err := Render(p)
	if err != nil {
		return err
	}
	if err := png.Encode(w, img); err != nil {
		return fmt.Errorf("poster: %w", err)
	}
	return nil
}

var gray = color.Gray{Y: 0x55}

// drawCodes draws one large code, or two side by side, each with its label
// underneath, centred between top and bottom.
func drawCodes(img *image.Gray, codes []Code, top, bottom int) error {
	const labelH = 80
	side := min(Width-2*margin-180, bottom-top-labelH)
	if len(codes) == 2 {
		side = min(side, (Width-2*margin-60)/2)
	}
	top += max(0, (bottom-top-side-labelH)/2)
	for i, c := range codes {
		left := (Width - side) / 2
		if len(codes) == 2 {
			left = margin + i*(side+60)
		}
		if err := drawCode(img, c.Content, image.Rect(left, top, left+side, top+side)); err != nil {
			return err
		}
		drawCentered(img, bold, 44, normalize(c.Label), left, left+side, top+side+55, color.Black)
	}
	return nil
}

// quietZone is the light border, in modules, that scanners need around a code.
const quietZone = 4

// drawCode draws a QR code (with its quiet zone) centred in r, in whole
// pixels per module so that every module is sharp.
func drawCode(img *image.Gray, content string, r image.Rectangle) error {
	q, err := goqr.EncodeText(content, goqr.High)
	if err != nil {
		return fmt.Errorf("poster: qr code: %w", err)
	}
	size := q.Size()
	n := size + 2*quietZone
	scale := r.Dx() / n
	if scale < 1 {
		return fmt.Errorf("poster: qr code of %d modules does not fit in %d pixels", n, r.Dx())
	}
	x0 := r.Min.X + (r.Dx()-n*scale)/2 + quietZone*scale
	y0 := r.Min.Y + (r.Dy()-n*scale)/2 + quietZone*scale
	for y := range size {
		for x := range size {
			if q.Module(x, y) {
				fill(img, image.Rect(x0+x*scale, y0+y*scale, x0+(x+1)*scale, y0+(y+1)*scale), 0)
			}
		}
	}
	return nil
}

// fill paints r in one shade, writing the pixels directly (draw.Draw has no
// fast path for gray images).
func fill(img *image.Gray, r image.Rectangle, shade uint8) {
	r = r.Intersect(img.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[img.PixOffset(r.Min.X, y):img.PixOffset(r.Max.X, y)]
		for i := range row {
			row[i] = shade
		}
	}
}

var (
	regular = mustParse(goregular.TTF)
	bold    = mustParse(gobold.TTF)
)

func mustParse(ttf []byte) *opentype.Font {
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic("qr: bundled font: " + err.Error())
	}
	return f
}

func face(f *opentype.Font, size float64) font.Face {
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic("qr: font face: " + err.Error())
	}
	return fc
}

// drawWrapped sets text centred in lines that fit the page and returns the
// baseline below the last line.
func drawWrapped(img *image.Gray, f *opentype.Font, size float64, text string, top int, c color.Color) int {
	fc := face(f, size)
	defer fc.Close()
	lineH := int(size * 1.25)
	y := top
	for _, line := range wrap(fc, text, Width-2*margin) {
		y += lineH
		drawCenteredFace(img, fc, line, margin, Width-margin, y, c)
	}
	return y
}

// drawOneLine sets text centred on one line, shrinking the type until it
// fits (down to 60 % of size), and returns the baseline.
func drawOneLine(img *image.Gray, f *opentype.Font, size float64, text string, top int, c color.Color) int {
	for s := size; ; s -= 2 {
		fc := face(f, s)
		w := font.MeasureString(fc, text).Ceil()
		if w <= Width-2*margin || s <= size*0.6 {
			y := top + int(s*1.25)
			drawCenteredFace(img, fc, text, margin, Width-margin, y, c)
			fc.Close()
			return y
		}
		fc.Close()
	}
}

func drawCentered(img *image.Gray, f *opentype.Font, size float64, text string, left, right, baseline int, c color.Color) {
	fc := face(f, size)
	defer fc.Close()
	drawCenteredFace(img, fc, text, left, right, baseline, c)
}

func drawCenteredFace(img *image.Gray, fc font.Face, text string, left, right, baseline int, c color.Color) {
	w := font.MeasureString(fc, text).Ceil()
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: fc,
		Dot: fixed.P(left+(right-left-w)/2, baseline)}
	d.DrawString(text)
}

// wrap breaks text into lines no wider than width, at spaces.
func wrap(fc font.Face, text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		next := strings.TrimSpace(line + " " + w)
		if line != "" && font.MeasureString(fc, next).Ceil() > width {
			lines = append(lines, line)
			next = w
		}
		line = next
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// normalize replaces characters the Go fonts lack with ones they have: the
// Ukrainian apostrophe ʼ (U+02BC) and ' become ’.
func normalize(s string) string {
	return strings.NewReplacer("ʼ", "’", "'", "’").Replace(s)
}
