// Package vikno holds the types shared by every part of Vikno: the application
// error, residents, and the interfaces of the shared ephemeral state (sessions,
// de-duplication, rate limits, change events) that storage/memory and
// storage/redis implement.
package vikno

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
)

// Error codes. Each surface (bot reply, HTTP status) maps them in one place.
const (
	ENOTFOUND     = "not_found"
	EINVALID      = "invalid"
	ECONFLICT     = "conflict"
	EUNAUTHORIZED = "unauthorized"
	EUNAVAILABLE  = "unavailable"
	ELIMITED      = "rate_limited"
	EINTERNAL     = "internal"
)

// Error is an application error: a code and a message that is safe to show to
// an operator or an API client. Residents see texts chosen by the dialog, never
// Message.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return fmt.Sprintf("vikno: %s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain; for other
// errors EUNAVAILABLE when a store or service could not be reached (a network
// error, a broken connection, a deadline passed: see Unreachable) and
// EINTERNAL otherwise; "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case Unreachable(err):
		return EUNAVAILABLE
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the safe message of the first *Error in err's chain, or
// a generic text for other errors.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	case Unreachable(err):
		return "temporarily unavailable; try again later"
	default:
		return "internal error"
	}
}

// Unreachable reports whether err says that a store or service could not be
// reached rather than that a request was wrong: a network error (a refused
// or reset connection, a timeout), a connection a database driver found
// broken, or a deadline that passed while waiting.
func Unreachable(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, context.DeadlineExceeded)
}

// IsNotFound reports whether err carries ENOTFOUND.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
