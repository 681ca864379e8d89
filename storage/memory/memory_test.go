package memory_test

import (
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/storage/ephemeraltest"
	"github.com/vikno-city/vikno/storage/memory"
)

func TestConformance(t *testing.T) {
	ephemeraltest.Run(t, func(t *testing.T) vikno.Ephemeral { return memory.New() })
}
