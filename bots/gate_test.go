package bots

import (
	"testing"
	"time"
)

func TestGateRefusesAfterShutAndWaitsForCallsInFlight(t *testing.T) {
	var g Gate
	if !g.Enter() {
		t.Fatal("an open gate refused a call")
	}
	left := make(chan struct{})
	go func() {
		time.Sleep(20 * time.Millisecond)
		close(left)
		g.Leave()
	}()
	first, drained := g.Shut(10 * time.Second)
	select {
	case <-left:
	default:
		t.Fatal("Shut returned before the call in flight left")
	}
	if !first || !drained {
		t.Errorf("Shut = %v, %v; want true, true", first, drained)
	}
	if g.Enter() {
		t.Error("a shut gate let a call in")
	}
	if first, _ := g.Shut(time.Second); first {
		t.Error("a second Shut reported it was the first")
	}
}

func TestGateShutGivesUpWaiting(t *testing.T) {
	var g Gate
	g.Enter() // never leaves
	if _, drained := g.Shut(10 * time.Millisecond); drained {
		t.Error("Shut reported drained with a call still in flight")
	}
}
