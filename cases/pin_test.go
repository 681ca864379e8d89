package cases_test

import (
	"context"
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

func TestRepeatedFilingGivesTheSamePINUnderAKey(t *testing.T) {
	f := newFixture(t)
	key := cases.KeyedPIN{Key: []byte(strings.Repeat("k", 32))}
	f.svc.Hasher = key
	d := draft(7)
	d.ClientToken = "a1b2c3d4e5f60718"
	first := f.mustFile(t, d)
	if !first.Created || !cases.ValidPIN(first.PIN) || len(first.PIN) != cases.PINLen {
		t.Fatalf("first filing %+v", first)
	}
	// The process died before the resident was answered; the same step runs again.
	again := f.mustFile(t, d)
	if again.Created || again.Appeal.Number != first.Appeal.Number || again.PIN != first.PIN {
		t.Fatalf("repeated filing %+v, want appeal %s with PIN %s again", again, first.Appeal.Number, first.PIN)
	}
	if _, err := f.svc.LookupByResident(context.Background(), 99, first.Appeal.Number, again.PIN); err != nil {
		t.Fatalf("the PIN given again does not open the appeal: %v", err)
	}
	// Another resident's token, or another token, gives another PIN.
	other := draft(8)
	other.ClientToken = d.ClientToken
	if p := f.mustFile(t, other).PIN; p == first.PIN {
		t.Errorf("two residents with one token got one PIN %s", p)
	}
	// Without a token (an integration) the PIN is random.
	d2 := draft(9)
	if a, b := f.mustFile(t, d2).PIN, f.mustFile(t, d2).PIN; a == "" || a == b {
		t.Errorf("PINs without a token: %q and %q", a, b)
	}
}

func TestRepeatedFilingKeepsThePINSecretWithoutAKey(t *testing.T) {
	f := newFixture(t) // bcrypt: a PIN is not derived
	d := draft(7)
	d.ClientToken = "a1b2c3d4e5f60718"
	first := f.mustFile(t, d)
	if again := f.mustFile(t, d); again.Created || again.PIN != "" || again.Appeal.Number != first.Appeal.Number {
		t.Fatalf("repeated filing under bcrypt %+v, want the appeal without its PIN", again)
	}
	// Filed before a key was set: the key's derived PIN is not this appeal's.
	f.svc.Hasher = cases.KeyedPIN{Key: []byte(strings.Repeat("k", 32))}
	if again := f.mustFile(t, d); again.PIN != "" {
		t.Fatalf("a derived PIN %q is shown for an appeal whose PIN was random", again.PIN)
	}
}
