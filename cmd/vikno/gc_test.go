package main

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestGCTargetIsRaisedUnlessGOGCIsSet(t *testing.T) {
	prev := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(prev) })

	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	setGCDefault()
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Fatalf("without GOGC the target is %d, want %d", got, gcPercent)
	}

	t.Setenv("GOGC", "100")
	setGCDefault()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("with GOGC=100 the target is %d, want the environment's 100", got)
	}
}
