package vikno_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain packages must not depend on a platform SDK, a database driver
// or a Redis client (DESIGN.md, "Rules of the house").
func TestDomainPackagesImportNoPlatformOrDriver(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./dialog/...", "./cases/...", "./knowledge/...", "./notify/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"mymmrac/telego", "jackc/pgx", "redis/go-redis", "modernc.org/sqlite"} {
			if strings.Contains(pkg, banned) {
				t.Errorf("a domain package depends on %s", pkg)
			}
		}
	}
}
