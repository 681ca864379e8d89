package cases

import (
	"crypto/rand"
	"fmt"
	"math/big"

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
