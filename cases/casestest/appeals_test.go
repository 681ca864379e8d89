package casestest_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases/casestest"
	"github.com/vikno-city/vikno/dialog/dialogtest"
	"github.com/vikno-city/vikno/storage/storetest"
)

// The fake passes the same appeal suite as the SQL backends, so tests on it
// mean what they would mean on a database.
func TestAppealsConformance(t *testing.T) {
	storetest.RunAppeals(t, func(t *testing.T) storetest.AppealsStore {
		return struct {
			*dialogtest.Residents
			*casestest.Appeals
		}{&dialogtest.Residents{}, &casestest.Appeals{}}
	})
}
