package cases

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// PIN lengths: residents type 4 to 6 digits; new appeals get PINLen.
const (
	MinPINLen = 4
	MaxPINLen = 6
	PINLen    = 6
)

// NewPIN returns n random decimal digits from crypto/rand.
func NewPIN(n int) (string, error) {
	b := make([]byte, n)
	for i := range b {
		d, err := rand.Int(rand.Reader, big.NewInt(10))
		if err != nil {
			return "", fmt.Errorf("new pin: %w", err)
		}
		b[i] = byte('0' + d.Int64())
	}
	return string(b), nil
}

// ValidPIN reports whether s has the shape of a PIN: 4 to 6 digits.
func ValidPIN(s string) bool {
	return len(s) >= MinPINLen && len(s) <= MaxPINLen && digitsOnly(s)
}

// PINHasher hashes PINs for storage and checks a PIN against a hash. A PIN
// is never stored or logged in the clear.
type PINHasher interface {
	Hash(pin string) (string, error)
	// Verify reports whether pin matches hash, in time that does not depend
	// on where they differ.
	Verify(hash, pin string) bool
}

// Bcrypt hashes PINs with bcrypt at Cost (bcrypt.DefaultCost when 0).
type Bcrypt struct {
	Cost int
}

var _ PINHasher = Bcrypt{}

// Hash implements PINHasher.
func (b Bcrypt) Hash(pin string) (string, error) {
	cost := b.Cost
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pin), cost)
	if err != nil {
		return "", fmt.Errorf("hash pin: %w", err)
	}
	return string(h), nil
}

// Verify implements PINHasher.
func (Bcrypt) Verify(hash, pin string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pin)) == nil
}

// KeyedPIN hashes PINs with HMAC-SHA256 under a secret key kept outside the
// database (VIKNO_PIN_KEY, or a key file in the data folder of the embedded
// default), with a random salt per PIN. A copy of the database alone tells
// nothing about the PINs: without the key no guess can be checked. Bcrypt
// cannot give that for a six-digit PIN (a million guesses at any cost), and
// costs about 60 ms of CPU per appeal, which the embedded default spends on
// a two-core machine at the expense of every other resident's reply.
//
// Verify also accepts bcrypt hashes, so that appeals filed before the key was
// set keep their PINs.
type KeyedPIN struct {
	Key []byte
}

var _ PINHasher = KeyedPIN{}

// keyedPrefix starts a KeyedPIN hash: "k1$<key id>$<salt>$<mac>", the key id
// being the first four bytes of SHA-256 of the key, so that a hash made under
// another key is told apart from a wrong PIN.
const keyedPrefix = "k1$"

// MinPINKeyLen is the shortest key KeyedPIN accepts, in bytes.
const MinPINKeyLen = 32

// KeyID returns the id of the key that hashes carry.
func (k KeyedPIN) KeyID() string {
	sum := sha256.Sum256(k.Key)
	return hex.EncodeToString(sum[:4])
}

// Hash implements PINHasher.
func (k KeyedPIN) Hash(pin string) (string, error) {
	if len(k.Key) < MinPINKeyLen {
		return "", fmt.Errorf("hash pin: the key is shorter than %d bytes", MinPINKeyLen)
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash pin: %w", err)
	}
	enc := base64.RawStdEncoding
	return keyedPrefix + k.KeyID() + "$" + enc.EncodeToString(salt) + "$" + enc.EncodeToString(k.mac(salt, pin)), nil
}

// Verify implements PINHasher.
func (k KeyedPIN) Verify(hash, pin string) bool {
	rest, ok := strings.CutPrefix(hash, keyedPrefix)
	if !ok {
		return Bcrypt{}.Verify(hash, pin)
	}
	parts := strings.Split(rest, "$")
	if len(parts) != 3 || len(k.Key) < MinPINKeyLen || parts[0] != k.KeyID() {
		return false
	}
	enc := base64.RawStdEncoding
	salt, err1 := enc.DecodeString(parts[1])
	mac, err2 := enc.DecodeString(parts[2])
	if err1 != nil || err2 != nil {
		return false
	}
	return hmac.Equal(mac, k.mac(salt, pin))
}

// HashedUnderAnotherKey reports whether hash was made by a KeyedPIN whose key
// is not k's: the key was changed, and such PINs cannot be checked.
func (k KeyedPIN) HashedUnderAnotherKey(hash string) bool {
	rest, ok := strings.CutPrefix(hash, keyedPrefix)
	id, _, _ := strings.Cut(rest, "$")
	return ok && id != k.KeyID()
}

// PINDeriver is a PINHasher that derives the PIN of a resident's filing
// from its client token, so that filing again with the same token gives
// the same PIN back: when the process died after the appeal was stored and
// before the resident was answered, the retry still tells them their PIN.
// Only the key's holder can derive it; the token alone tells nothing.
type PINDeriver interface {
	DerivePIN(residentID int64, token string) string
}

var _ PINDeriver = KeyedPIN{}

// DerivePIN implements PINDeriver: PINLen decimal digits of an HMAC of the
// resident and the token under the key ("" without a key).
func (k KeyedPIN) DerivePIN(residentID int64, token string) string {
	if len(k.Key) < MinPINKeyLen {
		return ""
	}
	h := hmac.New(sha256.New, k.Key)
	fmt.Fprintf(h, "appeal-pin\x00%d\x00%s", residentID, token)
	n := binary.BigEndian.Uint64(h.Sum(nil)) // 2^64 mod 10^6 leaves no bias worth a guess
	return fmt.Sprintf("%0*d", PINLen, n%uint64(math.Pow10(PINLen)))
}

func (k KeyedPIN) mac(salt []byte, pin string) []byte {
	h := hmac.New(sha256.New, k.Key)
	h.Write(salt)
	h.Write([]byte(pin))
	return h.Sum(nil)
}
