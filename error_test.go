package vikno_test

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"

	"github.com/vikno-city/vikno"
)

func TestErrorCodeTellsUnavailableFromInternal(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"Nil", nil, ""},
		{"ApplicationError", fmt.Errorf("find: %w", vikno.Errorf(vikno.ENOTFOUND, "no such appeal")), vikno.ENOTFOUND},
		{"ConnectionRefused", fmt.Errorf("find: %w", &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}), vikno.EUNAVAILABLE},
		{"BrokenConnection", fmt.Errorf("find: %w", driver.ErrBadConn), vikno.EUNAVAILABLE},
		{"DeadlinePassed", fmt.Errorf("find: %w", context.DeadlineExceeded), vikno.EUNAVAILABLE},
		{"AnythingElse", errors.New("syntax error at or near"), vikno.EINTERNAL},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := vikno.ErrorCode(tt.err); got != tt.want {
				t.Errorf("ErrorCode = %q, want %q", got, tt.want)
			}
			if msg := vikno.ErrorMessage(tt.err); tt.want == vikno.EUNAVAILABLE && msg == "internal error" {
				t.Errorf("ErrorMessage = %q for an unavailable store", msg)
			}
		})
	}
}
