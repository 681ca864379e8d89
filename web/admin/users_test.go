package admin_test

import (
	"net/http"
	"strings"
	"testing"
)

// The users page names a manager's zone and an executor's categories as the
// other pages do: the CNAP's or region's name, not its code.
func TestUsersPageNamesZonesInWords(t *testing.T) {
	b := newBoard(t)
	admin, _ := b.login("admin")
	for _, tc := range []struct{ lang, want, never string }{
		{"uk", "рівень 1: ЦНАП у Ратуші", "1: cnap-center"},
		{"en", "level 1: ", "1: cnap-center"},
		{"uk", "Немає гарячої води", "no-hot-water"},
	} {
		code, page, _ := b.do(admin, "GET", "/admin/users?lang="+tc.lang, nil)
		if code != http.StatusOK || !strings.Contains(page, tc.want) || strings.Contains(page, tc.never) {
			t.Errorf("%s users page = %d, want %q, not %q:\n%.3000s", tc.lang, code, tc.want, tc.never, page)
		}
	}
}
