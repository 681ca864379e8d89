package admin_test

import (
	"strconv"
	"strings"
	"testing"
)

// The operators' queue and a conversation's page name the resident's
// channel in words, as the appeals board does, not by its code.
func TestOperatorPagesNameTheChannelInWords(t *testing.T) {
	e := newOperatorEnv(t)
	h := e.ask("w-channel", "потрібна допомога")
	olena, _ := e.login("olena")
	for _, path := range []string{"/admin/operators", "/admin/operators/" + strconv.FormatInt(h.ID, 10)} {
		_, page, _ := e.do(olena, "GET", path, nil)
		if !strings.Contains(page, "вебчат на сайті ·") || strings.Contains(page, "web ·") {
			t.Errorf("%s names the channel by its code:\n%.3000s", path, page)
		}
	}
}
