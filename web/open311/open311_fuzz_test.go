package open311_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/cases"
)

// FuzzCreate posts arbitrary form bodies: the answer is always one of the
// spec's statuses in its error format, and a refused request stores nothing.
func FuzzCreate(f *testing.F) {
	f.Add("api_key=" + key + "&service_code=pothole&lat=49.84&long=24.03&description=%D1%8F%D0%BC%D0%B0+%D1%82%D1%83%D1%82")
	f.Add("api_key=" + key + "&service_code=pothole&address_string=x&description=%zz")
	f.Add("api_key=" + key + "&service_code=pothole&lat=NaN&long=Inf&description=hole")
	f.Add("api_key=&service_code=&&&===")
	f.Fuzz(func(t *testing.T, body string) {
		w := newWorld(t)
		code, resp := w.post(t, "application/x-www-form-urlencoded", body)
		stored, _ := w.store.ListAppeals(context.Background(), cases.AppealFilter{})
		switch code {
		case http.StatusOK:
			if len(stored) != 1 || !strings.Contains(resp, stored[0].Number) {
				t.Fatalf("200 %s but stored %d", resp, len(stored))
			}
		case http.StatusBadRequest, http.StatusForbidden, http.StatusNotFound:
			mustError(t, code, resp, code)
			if len(stored) != 0 {
				t.Fatalf("%d %s but stored %d", code, resp, len(stored))
			}
		default:
			t.Fatalf("status %d for %q: %s", code, body, resp)
		}
	})
}
