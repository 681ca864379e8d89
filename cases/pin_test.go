package cases_test

import (
	"strings"
	"testing"

	"github.com/vikno-city/vikno/cases"
)

func TestKeyedPINHashesUnderItsKeyOnly(t *testing.T) {
	k := cases.KeyedPIN{Key: []byte(strings.Repeat("k", 32))}
	h1, err := k.Hash("482193")
	if err != nil {
		t.Fatal(err)
	}
	h2, err := k.Hash("482193")
	if err != nil {
		t.Fatal(err)
	}
	if h1 == h2 {
		t.Error("two hashes of one PIN are equal: no salt")
	}
	if strings.Contains(h1, "482193") || !strings.HasPrefix(h1, "k1$"+k.KeyID()+"$") {
		t.Errorf("hash %q", h1)
	}
	if !k.Verify(h1, "482193") || !k.Verify(h2, "482193") {
		t.Error("the right PIN is refused")
	}
	for _, wrong := range []string{"482194", "48219", "", "4821930"} {
		if k.Verify(h1, wrong) {
			t.Errorf("wrong PIN %q accepted", wrong)
		}
	}
	other := cases.KeyedPIN{Key: []byte(strings.Repeat("o", 32))}
	if other.Verify(h1, "482193") {
		t.Error("a hash made under another key is accepted")
	}
	if !other.HashedUnderAnotherKey(h1) || k.HashedUnderAnotherKey(h1) {
		t.Error("HashedUnderAnotherKey does not tell the keys apart")
	}
	// A hash whose parts were changed is refused, not a panic.
	for _, broken := range []string{"k1$", "k1$" + k.KeyID(), h1[:len(h1)-3], strings.Replace(h1, "$", "$$", 2), h1 + "$x"} {
		if k.Verify(broken, "482193") {
			t.Errorf("broken hash %q accepted", broken)
		}
	}
	if _, err := (cases.KeyedPIN{Key: []byte("short")}).Hash("1234"); err == nil {
		t.Error("a short key hashes")
	}
}

func TestKeyedPINStillChecksBcryptHashes(t *testing.T) {
	old, err := cases.Bcrypt{Cost: 4}.Hash("1234")
	if err != nil {
		t.Fatal(err)
	}
	k := cases.KeyedPIN{Key: []byte(strings.Repeat("k", 32))}
	if !k.Verify(old, "1234") || k.Verify(old, "1235") {
		t.Error("an appeal filed before the key was set cannot be checked")
	}
	if k.HashedUnderAnotherKey(old) {
		t.Error("a bcrypt hash is reported as made under another key")
	}
}
