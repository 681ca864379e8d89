// Package qrtest reads the QR codes of posters in tests, as a phone camera
// would: from more than one distance. gozxing's detector misses a few codes
// at one scale (its alignment-pattern search) that it reads at another,
// as camera apps do by refocusing.
package qrtest

import (
	"image"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
	"golang.org/x/image/draw"
)

// Decode reads the one QR code in img, trying the image as it is and then
// scaled down; it returns the last error when no scale reads it.
func Decode(img image.Image) (string, error) {
	var last error
	for _, scale := range []float64{1, 0.75, 0.5} {
		src := img
		if scale != 1 {
			b := img.Bounds()
			dst := image.NewGray(image.Rect(0, 0, int(float64(b.Dx())*scale), int(float64(b.Dy())*scale)))
			draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
			src = dst
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(src)
		if err != nil {
			return "", err
		}
		res, err := gzqr.NewQRCodeReader().Decode(bmp, nil)
		if err == nil {
			return res.GetText(), nil
		}
		last = err
	}
	return "", last
}
