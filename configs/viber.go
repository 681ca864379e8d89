package configs

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// validate checks the Viber settings; the channel runs when viber.token is
// set (VIKNO_VIBER_TOKEN).
func (v Viber) validate() error {
	if u, err := url.Parse(v.APIURL); err != nil || u.Host == "" {
		return keyError("viber.api_url", "must be an absolute URL")
	}
	if utf8.RuneCountInString(v.Name) > 28 {
		return keyError("viber.name", "at most 28 characters (Viber's limit for the sender name)")
	}
	if v.Avatar != "" && !strings.HasPrefix(v.Avatar, "https://") && !strings.HasPrefix(v.Avatar, "http://") {
		return keyError("viber.avatar", "must be an http(s) URL of a picture")
	}
	if strings.ContainsAny(v.URI, "/: ") {
		return keyError("viber.uri", "must be the bot's URI (as in viber://pa?chatURI=<uri>), not a link")
	}
	for _, kind := range v.Notices {
		if !validKind(kind) {
			return keyError("viber.notices", "unknown notice kind "+kind+" (use names like appeal_status, or all)")
		}
	}
	return nil
}

// validKind reports whether s looks like a notice kind: [a-z_]+.
func validKind(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_') {
			return false
		}
	}
	return true
}
