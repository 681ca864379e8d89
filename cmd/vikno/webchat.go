package main

import (
	"net/http"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/webchat"
)

// startWebChat mounts the chat page at /chat/ (and / sends visitors there)
// and registers its sender: the web channel is always on.
func (m *Main) startWebChat() {
	chat := webchat.New(webchat.Config{
		Pipeline: m.Pipeline,
		Store:    m.Store,
		Events:   m.Ephemeral,
		Limits:   m.Ephemeral,
		Origins:  m.Config.WebChat.Origins,
		Secure:   strings.HasPrefix(m.Config.PublicURL, "https://"),
		Keep:     m.Config.WebChat.Keep,
		Logger:   m.Logger,
	})
	m.HTTP.Handle(webchat.Prefix, chat)
	m.HTTP.Handle("GET /{$}", http.RedirectHandler(webchat.Prefix, http.StatusFound))
	m.Engine.SetSender(vikno.Web, chat.Sender())
	m.goBackground(chat.Run)
}
