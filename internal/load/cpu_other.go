//go:build !unix

package load

import "time"

// processCPU is unknown here: the report leaves it out.
func processCPU() time.Duration { return 0 }
