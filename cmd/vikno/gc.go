package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's target when GOGC is not set. Go's
// default (100) collects whenever the heap doubles what is live; Vikno's
// live heap is small (the search index, the catalogue, caches: ~60 MB), so
// letting it triple costs ~80 MB of memory and saves about 5 % of the CPU
// of every update (BENCHMARKS.md, ninth session). GOGC set in the
// environment wins.
const gcPercent = 200

// setGCDefault applies gcPercent unless GOGC is set.
func setGCDefault() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
}
