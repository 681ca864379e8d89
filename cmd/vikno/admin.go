package main

import (
	"context"
	"strings"

	"github.com/vikno-city/vikno/web"
	"github.com/vikno-city/vikno/web/admin"
)

// openAdmin mounts the admin web at /admin/.
func (m *Main) openAdmin(context.Context) error {
	h, err := admin.New(admin.Config{
		Staff:         m.Store,
		Articles:      m.Store,
		KB:            m.Knowledge,
		Limiter:       m.Ephemeral,
		City:          m.Config.City,
		Appeals:       m.appeals,
		Photos:        &m.photos,
		SecureCookies: strings.HasPrefix(m.Config.PublicURL, "https://"),
		Logger:        m.Logger,
	})
	if err != nil {
		return err
	}
	m.mounts = append(m.mounts, func(s *web.Server) { s.Handle("/admin/", h) })
	return nil
}
