package visitstest_test

import (
	"testing"

	"github.com/vikno-city/vikno/cases/visitstest"
	"github.com/vikno-city/vikno/storage/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunVisits(t, func(t *testing.T) storetest.VisitBackend { return &visitstest.Store{} })
}
