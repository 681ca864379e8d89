package appealsapi

import "github.com/vikno-city/vikno/web"

// Keys are the integration keys that may change appeals (see web.APIKeys).
type Keys = web.APIKeys

// KeyID names a key without revealing it (see web.KeyID).
func KeyID(key string) string { return web.KeyID(key) }
