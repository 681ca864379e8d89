package vikno_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/vikno-city/vikno"

// deps returns every package the given packages depend on, themselves included.
func deps(t *testing.T, pkgs ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

// The rules of the house (DESIGN.md): which packages may not depend on which.
func TestPackageLayout(t *testing.T) {
	tests := []struct {
		name   string
		pkgs   []string
		banned []string
	}{
		{
			name:   "domain packages import no platform SDK, driver or Redis client",
			pkgs:   []string{"./dialog/...", "./cases/...", "./knowledge/...", "./notify/...", "./staff/..."},
			banned: []string{"mymmrac/telego", "jackc/pgx", "redis/go-redis", "modernc.org/sqlite"},
		},
		{
			name:   "the root package and configs stay leaves of the domain",
			pkgs:   []string{".", "./configs"},
			banned: []string{module + "/dialog", module + "/cases", module + "/knowledge", module + "/notify", module + "/storage"},
		},
		{
			name:   "cases never imports dialog",
			pkgs:   []string{"./cases"},
			banned: []string{module + "/dialog"},
		},
		{
			name:   "knowledge never imports dialog",
			pkgs:   []string{"./knowledge"},
			banned: []string{module + "/dialog"},
		},
		{
			name:   "dialog does not link the search engine",
			pkgs:   []string{"./dialog"},
			banned: []string{module + "/knowledge", "blevesearch/bleve"},
		},
		{
			name:   "channel adapters never import storage",
			pkgs:   []string{"./bots/..."},
			banned: []string{module + "/storage/", "jackc/pgx", "modernc.org/sqlite"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, pkg := range deps(t, tt.pkgs...) {
				for _, banned := range tt.banned {
					if strings.Contains(pkg, banned) && !strings.HasSuffix(pkg, "_test") {
						t.Errorf("%v depends on %s", tt.pkgs, pkg)
					}
				}
			}
		})
	}
}
