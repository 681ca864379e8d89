package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/vikno-city/vikno"
)

// APIKeys are the API keys of integrations (Config.APIKeys). They are
// compared in constant time and never logged; a key is known in records by
// KeyID.
type APIKeys []string

// Check returns the id of the matching key, or an EUNAUTHORIZED error.
func (ks APIKeys) Check(key string) (string, error) {
	if key == "" {
		return "", vikno.Errorf(vikno.EUNAUTHORIZED, "an API key is required")
	}
	found := 0
	for _, k := range ks {
		found |= subtle.ConstantTimeCompare([]byte(k), []byte(key))
	}
	if found != 1 || len(ks) == 0 {
		return "", vikno.Errorf(vikno.EUNAUTHORIZED, "invalid API key")
	}
	return KeyID(key), nil
}

// KeyID names a key without revealing it: the first 8 hex digits of its
// SHA-256.
func KeyID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:4])
}

// SameKey compares a presented key with a configured one in constant time;
// an empty key never matches.
func SameKey(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// RequestAPIKey reads the key from "X-API-Key" or "Authorization: Bearer KEY".
func RequestAPIKey(r *http.Request) string {
	if k := r.Header.Get("X-API-Key"); k != "" {
		return k
	}
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if ok && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(token)
	}
	return ""
}
