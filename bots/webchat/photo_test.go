package webchat

import (
	"bytes"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"testing"
)

// FuzzReadPhoto: whatever a page posts, what readPhoto accepts is a JPEG,
// PNG or WebP by its first bytes and its header alike, within the limits.
func FuzzReadPhoto(f *testing.F) {
	var b bytes.Buffer
	png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 2)))
	f.Add(b.Bytes())
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WEBPVP8 "))
	f.Add([]byte("<svg></svg>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/chat/api/photo?id=abcdefgh", bytes.NewReader(data))
		got, status, reason := readPhoto(w, r)
		if status != 0 {
			if reason == "" || got != nil {
				t.Fatalf("refused %d without a reason or with data", status)
			}
			return
		}
		format, ok := photoTypes[http.DetectContentType(got)]
		cfg, decoded, err := image.DecodeConfig(bytes.NewReader(got))
		if !ok || err != nil || decoded != format || cfg.Width > MaxPhotoSide || cfg.Height > MaxPhotoSide || !bytes.Equal(got, data) {
			t.Fatalf("accepted %d bytes: sniffed %v, decoded %q %v", len(data), ok, decoded, err)
		}
	})
}
