package telegram_test

import (
	"context"
	"strings"
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/bots/telegram/telegramtest"
)

// pngBytes is the start of a PNG file: enough for content sniffing.
var pngBytes = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

func TestPhotoIsDownloadedByItsFileID(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	hs.fake.AddFile("AgACphoto1", pngBytes)
	ctype, data, err := hs.bot.Photo(context.Background(), "AgACphoto1")
	if err != nil || ctype != "image/png" || string(data) != string(pngBytes) {
		t.Fatalf("Photo = %q, %d bytes, %v", ctype, len(data), err)
	}
	_, _, err = hs.bot.Photo(context.Background(), "AgACunknown")
	if !vikno.IsNotFound(err) {
		t.Fatalf("an unknown file id = %v, want not found", err)
	}
	if strings.Contains(err.Error(), telegramtest.Token) {
		t.Fatalf("the error shows the token: %v", err)
	}
}

func TestPhotoFailureHidesTheToken(t *testing.T) {
	hs := newHarness(t, telegram.ModeWebhook, nil)
	hs.fake.Fail("getFile", telegramtest.InternalError())
	_, _, err := hs.bot.Photo(context.Background(), "AgACphoto1")
	if vikno.ErrorCode(err) != vikno.EUNAVAILABLE || strings.Contains(err.Error(), telegramtest.Token) {
		t.Fatalf("Photo with the Bot API down = %v", err)
	}
}
