package main

import (
	"context"
	"net/http"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/webchat"
)

// startWebChat mounts the chat page at /chat/ (and / sends visitors there)
// and registers its sender: the web channel is always on.
func (m *Main) startWebChat() {
	chat := webchat.New(webchat.Config{
		Pipeline:  m.Pipeline,
		Store:     m.Store,
		Languages: m.Store,
		Events:    m.Ephemeral,
		Limits:    m.Ephemeral,
		Origins:   m.Config.WebChat.Origins,
		Secure:    strings.HasPrefix(m.Config.PublicURL, "https://"),
		Keep:      m.Config.WebChat.Keep,
		Logger:    m.Logger,
	})
	m.HTTP.Handle(webchat.Prefix, chat)
	m.HTTP.Handle("GET /{$}", http.RedirectHandler(webchat.Prefix, http.StatusFound))
	m.Engine.SetSender(vikno.Web, chat.Sender())
	m.photos.set(vikno.Web, m.webPhoto)
	m.goBackground(chat.Run)
}

// webPhoto gives the admin web a photo a web resident attached to an
// appeal; the route that calls it has checked who may see the appeal.
func (m *Main) webPhoto(ctx context.Context, ref string) (string, []byte, error) {
	id, ok := webchat.PhotoID(ref)
	if !ok {
		return "", nil, vikno.Errorf(vikno.ENOTFOUND, "not a web photo")
	}
	p, err := m.Store.WebPhoto(ctx, id)
	if err != nil {
		return "", nil, err
	}
	return p.ContentType, p.Data, nil
}
