package cases

import (
	"math"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// Limits on what an appeal holds.
const (
	MinDescriptionLen = 3
	MaxDescriptionLen = 4000 // characters, as Open311 allows
	MinAddressLen     = 3
	MaxAddressLen     = 300
	MaxPhotos         = 10
	MaxPhotoRefLen    = 1000
	MaxClientTokenLen = 64
)

// AppealDraft is an appeal before it is filed: what the resident (or an Open311
// client) told us.
type AppealDraft struct {
	Channel     vikno.Channel
	ResidentID  int64  // 0 for an integration
	ClientToken string // idempotency key; empty for none
	Category    string
	Description string
	Address     string
	Location    *GeoPoint
	Photos      []string
	Phone       string
	// DescriptionPublic is the resident's consent to publish the description.
	DescriptionPublic bool
	// By is who files it; a resident's draft defaults to that resident.
	By Actor
}

// CheckDescription returns an EINVALID error unless s is a description of
// MinDescriptionLen to MaxDescriptionLen characters.
func CheckDescription(s string) error {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	switch {
	case n < MinDescriptionLen:
		return vikno.Errorf(vikno.EINVALID, "description must have at least %d characters", MinDescriptionLen)
	case n > MaxDescriptionLen:
		return vikno.Errorf(vikno.EINVALID, "description is longer than %d characters", MaxDescriptionLen)
	}
	return nil
}

// CheckAddress returns an EINVALID error unless s is an address of
// MinAddressLen to MaxAddressLen characters.
func CheckAddress(s string) error {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	switch {
	case n < MinAddressLen:
		return vikno.Errorf(vikno.EINVALID, "address must have at least %d characters", MinAddressLen)
	case n > MaxAddressLen:
		return vikno.Errorf(vikno.EINVALID, "address is longer than %d characters", MaxAddressLen)
	}
	return nil
}

// CheckLocation returns an EINVALID error unless p lies inside the city's
// bounds.
func CheckLocation(city vikno.City, p GeoPoint) error {
	if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || math.IsInf(p.Lat, 0) || math.IsInf(p.Lon, 0) {
		return vikno.Errorf(vikno.EINVALID, "coordinates are not numbers")
	}
	if !city.Bounds.Contains(p.Lat, p.Lon) {
		return vikno.Errorf(vikno.EINVALID, "coordinates %.5f, %.5f are outside the city", p.Lat, p.Lon)
	}
	return nil
}

// normalizeAppealPhone reads a phone with Phone, the reader bookings use.
// An empty phone stays empty; anything Phone does not read is an EINVALID
// error.
func normalizeAppealPhone(s string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return "", nil
	}
	p, ok := Phone(s)
	if !ok {
		return "", vikno.Errorf(vikno.EINVALID, "phone must be a number with its country code, +380XXXXXXXXX for Ukraine")
	}
	return p, nil
}

// checkPhotos returns an EINVALID error for too many or malformed photos.
func checkPhotos(photos []string) error {
	if len(photos) > MaxPhotos {
		return vikno.Errorf(vikno.EINVALID, "at most %d photos", MaxPhotos)
	}
	for _, p := range photos {
		if strings.TrimSpace(p) == "" || len(p) > MaxPhotoRefLen || !utf8.ValidString(p) {
			return vikno.Errorf(vikno.EINVALID, "a photo reference is empty or longer than %d bytes", MaxPhotoRefLen)
		}
	}
	return nil
}

// IsMediaURL reports whether a photo reference is a public http(s) URL (as
// Open311 clients send) rather than a channel's file reference.
func IsMediaURL(ref string) bool {
	u, err := url.Parse(ref)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// check validates a draft against the city and returns its category.
func (d *AppealDraft) check(city vikno.City) (vikno.Category, error) {
	cat, _, ok := city.Category(d.Category)
	if !ok {
		return vikno.Category{}, vikno.Errorf(vikno.EINVALID, "unknown category %q", d.Category)
	}
	if !d.Channel.Valid() && d.Channel != Open311 {
		return cat, vikno.Errorf(vikno.EINVALID, "unknown channel %q", d.Channel)
	}
	if len(d.ClientToken) > MaxClientTokenLen {
		return cat, vikno.Errorf(vikno.EINVALID, "client token is longer than %d bytes", MaxClientTokenLen)
	}
	if err := CheckDescription(d.Description); err != nil {
		return cat, err
	}
	if err := d.checkPlace(city); err != nil {
		return cat, err
	}
	if err := checkPhotos(d.Photos); err != nil {
		return cat, err
	}
	phone, err := normalizeAppealPhone(d.Phone)
	d.Phone = phone
	return cat, err
}

func (d *AppealDraft) checkPlace(city vikno.City) error {
	d.Address = strings.TrimSpace(d.Address)
	if d.Location == nil && d.Address == "" {
		return vikno.Errorf(vikno.EINVALID, "an address or coordinates are required")
	}
	if d.Address != "" {
		if err := CheckAddress(d.Address); err != nil {
			return err
		}
	}
	if d.Location != nil {
		return CheckLocation(city, *d.Location)
	}
	return nil
}
