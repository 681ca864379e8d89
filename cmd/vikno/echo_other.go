//go:build !linux

package main

import "os"

// isTerminal is false where echo cannot be turned off: the password is then
// read as a plain line.
func isTerminal(*os.File) bool { return false }

func noEcho(*os.File) func() { return func() {} }
