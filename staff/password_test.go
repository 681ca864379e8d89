package staff

import (
	"strings"
	"testing"
)

func TestPasswordHashVerifiesOnlyTheSamePassword(t *testing.T) {
	h, err := HashPassword("довгий пароль 1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("hash %q is not argon2id in PHC format", h)
	}
	if !VerifyPassword(h, "довгий пароль 1") {
		t.Fatal("the right password did not verify")
	}
	if VerifyPassword(h, "довгий пароль 2") {
		t.Fatal("a wrong password verified")
	}
	h2, _ := HashPassword("довгий пароль 1")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: the salt is not random")
	}
}

func TestMalformedHashesNeverVerify(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=65536,t=3,p=2$c2FsdA$a2V5", "$argon2id$v=19$m=0,t=3,p=2$c2FsdA$a2V5",
		"$argon2id$v=19$m=65536,t=3,p=2$!!$a2V5", "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$"} {
		if VerifyPassword(h, "") || VerifyPassword(h, "x") {
			t.Errorf("hash %q verified", h)
		}
	}
}

func TestShortPasswordsAreRefused(t *testing.T) {
	if err := CheckPassword("короткий"); err == nil {
		t.Fatal("an 8-character password was accepted")
	}
	if err := CheckPassword("довший пароль"); err != nil {
		t.Fatal(err)
	}
}
