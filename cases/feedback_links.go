package cases

import (
	"net/url"
	"strings"
)

// TelegramLink returns the deep link that opens the bot with "/start
// payload": https://t.me/<bot>?start=<payload>.
func TelegramLink(bot, payload string) string {
	return "https://t.me/" + strings.TrimPrefix(bot, "@") + "?start=" + payload
}

// ViberLink returns the deep link that opens the Viber bot with the payload
// as the conversation_started context: viber://pa?chatURI=<uri>&context=<payload>.
func ViberLink(uri, payload string) string {
	return "viber://pa?chatURI=" + url.QueryEscape(uri) + "&context=" + payload
}
