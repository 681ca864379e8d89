package cases

import (
	"regexp"
	"strings"
)

// Masked replaces personal data in public text.
const Masked = "***"

var (
	emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+`)
	// phoneRunRe finds runs of digits joined by spaces, dashes and
	// parentheses, with an optional leading "+": candidates for phones.
	phoneRunRe = regexp.MustCompile(`\+?\(?\d(?:[ \t\-()]{0,3}\d)*`)
	digitRunRe = regexp.MustCompile(`\d+`)
	// apartmentRe finds "кв. 12", "кв.12", "квартира 5", "квартирі №7",
	// "кв-ра 3", "apt 4": the word (group 1) and its number (group 2).
	apartmentRe = regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}])(кв\.?|кв-р\p{L}*|квартир\p{L}*|apt\.?|apartment|flat)(\s*(?:№|#)?\s*)(\d+\p{L}?)`)
	// addressApartmentRe finds the apartment part of an address with the
	// separator before it: "…, 100, кв. 12" or "…100 кв 12".
	addressApartmentRe = regexp.MustCompile(`(?i)(?:^|[\s,;]+)(?:кв\.?|кв-р\p{L}*|квартир\p{L}*|apt\.?|apartment|flat)\s*(?:№|#)?\s*\d+\p{L}?`)
)

// MaskPersonalData returns s with phone numbers, e-mail addresses and
// apartment numbers replaced by Masked, for anything shown publicly. Dates,
// times, house numbers and appeal numbers stay as they are.
func MaskPersonalData(s string) string {
	s = emailRe.ReplaceAllString(s, Masked)
	s = maskApartments(s)
	return maskPhones(s)
}

// PublicAddress returns an address without its apartment and with any
// phone or e-mail masked: what may be published of where a resident lives.
func PublicAddress(addr string) string {
	addr = addressApartmentRe.ReplaceAllString(addr, "")
	return strings.TrimSpace(MaskPersonalData(addr))
}

func maskApartments(s string) string {
	return apartmentRe.ReplaceAllString(s, "${1}${2}${3}"+Masked)
}

// maskPhones masks every run of digit groups that holds a phone number: a
// Ukrainian mobile or city number with 0, 80 or 380 before it, an
// international number after "+" or "00", or a local number written in groups
// ("111-22-33", "23 45 67").
func maskPhones(s string) string {
	var b strings.Builder
	last := 0
	for _, run := range phoneRunRe.FindAllStringIndex(s, -1) {
		for _, p := range phonesIn(s[run[0]:run[1]]) {
			b.WriteString(s[last : run[0]+p[0]])
			b.WriteString(Masked)
			last = run[0] + p[1]
		}
	}
	b.WriteString(s[last:])
	return b.String()
}

// phonesIn returns the byte spans of the phones in one run of digit groups,
// trying the longest phone from each group on.
func phonesIn(run string) [][2]int {
	groups := digitRunRe.FindAllStringIndex(run, -1)
	var out [][2]int
	for i := 0; i < len(groups); {
		j, ok := phoneFrom(run, groups, i)
		if !ok {
			i++
			continue
		}
		start := groups[i][0]
		if i == 0 {
			start = 0 // keep a leading "+" or "(" inside the mask
		}
		end := groups[j][1]
		if end < len(run) && run[end] == ')' {
			end++
		}
		out = append(out, [2]int{start, end})
		i = j + 1
	}
	return out
}

// phoneFrom reports the last group j of the longest phone that starts at
// group i.
func phoneFrom(run string, groups [][]int, i int) (int, bool) {
	plus := i == 0 && strings.HasPrefix(run, "+")
	digits := ""
	best, found := 0, false
	for j := i; j < len(groups) && len(digits) <= 15; j++ {
		digits += run[groups[j][0]:groups[j][1]]
		if isPhone(digits, plus, j-i+1) {
			best, found = j, true
		}
	}
	return best, found
}

func isPhone(d string, plus bool, groups int) bool {
	switch {
	case plus:
		return len(d) >= 10 && len(d) <= 15
	case strings.HasPrefix(d, "00") && !strings.HasPrefix(d, "000"): // 00 instead of +, as Phone reads it
		return len(d) >= 12 && len(d) <= 17
	case len(d) == 12:
		return strings.HasPrefix(d, "380")
	case len(d) == 11:
		return strings.HasPrefix(d, "80")
	case len(d) == 10:
		return strings.HasPrefix(d, "0")
	case len(d) == 6 || len(d) == 7:
		return groups >= 3
	}
	return false
}

// PublicView is what anyone may see of an appeal on a public surface (the
// Open311 GETs): no phone, no resident, no apartment, and free text masked.
type PublicView struct {
	// Description is empty unless it may be published: an appeal filed
	// through Open311 is public as filed, a resident's only when they agreed
	// (Appeal.DescriptionPublic).
	Description string
	// Address is without the apartment.
	Address string
	// Location and Photos are given only for appeals filed through Open311:
	// a resident's geolocation and photos may show where they live.
	Location *GeoPoint
	Photos   []string
	// Note is the executor's latest comment, masked.
	Note string
}

// Public returns what may be published of a.
func (a Appeal) Public() PublicView {
	v := PublicView{Address: PublicAddress(a.Address), Note: MaskPersonalData(a.Note)}
	if a.Channel == Open311 || a.DescriptionPublic {
		v.Description = MaskPersonalData(a.Description)
	}
	if a.Channel == Open311 {
		v.Location, v.Photos = a.Location, a.Photos
	}
	return v
}
