package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
)

// MaxListItems caps how many comma-separated items one query argument (a
// list of ids, codes or statuses) may hold.
const MaxListItems = 200

// UnavailableRetry is the Retry-After given with a 503.
const UnavailableRetry = 30 * time.Second

// CheckText returns an EINVALID error naming field unless s is valid UTF-8
// without NUL bytes: what every text that reaches a store must be.
func CheckText(field, s string) error {
	switch {
	case !utf8.ValidString(s):
		return vikno.Errorf(vikno.EINVALID, "%s is not valid UTF-8", field)
	case strings.IndexByte(s, 0) >= 0:
		return vikno.Errorf(vikno.EINVALID, "%s contains a NUL byte", field)
	}
	return nil
}

// CheckValues checks every name and value of a query or form (CheckText).
func CheckValues(where string, v url.Values) error {
	for name, values := range v {
		if err := CheckText(where+" argument name", name); err != nil {
			return err
		}
		for _, s := range values {
			if err := CheckText(quote(name), s); err != nil {
				return err
			}
		}
	}
	return nil
}

// quote names an argument for an error message; a name that is not valid
// text is not repeated.
func quote(name string) string {
	if CheckText("", name) != nil {
		return "an argument"
	}
	return strconv.Quote(name)
}

// CheckQuery refuses a request whose path or query is not valid text, or
// whose query carries an API key: keys travel in a header or a POST body,
// never in a URL that proxies and logs keep.
func CheckQuery(r *http.Request) error {
	if err := CheckText("the path", r.URL.Path); err != nil {
		return err
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return vikno.Errorf(vikno.EINVALID, "malformed query string")
	}
	if err := CheckValues("query", q); err != nil {
		return err
	}
	for _, name := range []string{"api_key", "apikey"} {
		if q.Has(name) {
			return vikno.Errorf(vikno.EINVALID,
				"%s is not accepted in the URL: send it in the X-API-Key header or the POST body", name)
		}
	}
	return nil
}

// ValidInput runs CheckQuery before next and answers a refused request
// with fail.
func ValidInput(next http.Handler, fail func(http.ResponseWriter, *http.Request, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := CheckQuery(r); err != nil {
			fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// List splits a comma-delimited argument, dropping empty items; more than
// MaxListItems is an EINVALID error naming the argument.
func List(name, s string) ([]string, error) {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if len(out) == MaxListItems {
			return nil, vikno.Errorf(vikno.EINVALID, "%s may list at most %d items", name, MaxListItems)
		}
		out = append(out, p)
	}
	return out, nil
}

// RetryAfterError is implemented by errors that know when to try again.
type RetryAfterError interface {
	error
	RetryAfter() time.Duration
}

// SetRetryAfter sets the Retry-After header for an error worth retrying: the
// wait the error knows, or UnavailableRetry for an unavailable store.
func SetRetryAfter(w http.ResponseWriter, err error) {
	var ra RetryAfterError
	var wait time.Duration
	switch {
	case errors.As(err, &ra):
		wait = ra.RetryAfter()
	case vikno.ErrorCode(err) == vikno.EUNAVAILABLE:
		wait = UnavailableRetry
	default:
		return
	}
	secs := int((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.Itoa(max(secs, 1)))
}
