package qr_test

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/vikno-city/vikno/qr"
	"github.com/vikno-city/vikno/qr/qrtest"
)

// Decode reads the one QR code in img.
func Decode(t *testing.T, img image.Image) string {
	t.Helper()
	text, err := qrtest.Decode(img)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return text
}

func TestPosterCodeDecodesToTheLink(t *testing.T) {
	const link = "https://t.me/vikno_test_bot?start=r_AbCdEfGhIjKlMnOp"
	var buf bytes.Buffer
	err := qr.WritePNG(&buf, qr.Poster{
		Title: "ЦНАП у Ратуші", Subtitle: "м. Львів, пл. Ринок, 1",
		Call:  "Оцініть свій візит: наведіть камеру телефону на QR-код",
		Codes: []qr.Code{{Label: "Telegram", Content: link}}, Footer: "Це займе 10 секунд. Дякуємо!",
	})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != qr.Width || b.Dy() != qr.Height {
		t.Fatalf("poster is %v, want A4 at 150 dpi", b)
	}
	if got := Decode(t, img); got != link {
		t.Fatalf("decoded %q, want %q", got, link)
	}
}

func TestPosterWithTwoCodesDecodesEachHalf(t *testing.T) {
	tg := "https://t.me/vikno_test_bot?start=r_AbCdEfGhIjKlMnOp"
	vb := "viber://pa?chatURI=vikno-demo&context=r_AbCdEfGhIjKlMnOp"
	img, err := qr.Render(qr.Poster{Title: "ЦНАП на Чупринки", Call: "Оцініть свій візит",
		Codes: []qr.Code{{Label: "Telegram", Content: tg}, {Label: "Viber", Content: vb}}})
	if err != nil {
		t.Fatal(err)
	}
	left := img.SubImage(image.Rect(0, 0, qr.Width/2, qr.Height))
	right := img.SubImage(image.Rect(qr.Width/2, 0, qr.Width, qr.Height))
	if got := Decode(t, left); got != tg {
		t.Errorf("left code = %q", got)
	}
	if got := Decode(t, right); got != vb {
		t.Errorf("right code = %q", got)
	}
}

func TestPosterNeedsOneOrTwoCodes(t *testing.T) {
	if _, err := qr.Render(qr.Poster{Title: "x"}); err == nil {
		t.Fatal("a poster without a code was drawn")
	}
}
