package telegram

import (
	"strconv"
	"strings"
	"time"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// inbound is a Telegram update as the channel sees it.
type inbound struct {
	chatID int64 // 0 when the update belongs to no private chat
	// update is what the engine gets; ok reports whether there is one.
	update dialog.Update
	ok     bool
	// callbackID must be answered with answerCallbackQuery.
	callbackID string
	// member reports that the resident blocked (true) or unblocked (false)
	// the bot; nil when the update says nothing about it.
	blocked *bool
	locale  string
}

// convert turns a Telegram update into what the engine understands. Only
// private chats are served; updates from groups and channels, and kinds the
// bot did not ask for, are left without an engine update.
func convert(up *telego.Update) inbound {
	switch {
	case up.Message != nil:
		return convertMessage(up.UpdateID, up.Message)
	case up.CallbackQuery != nil:
		return convertCallback(up.UpdateID, up.CallbackQuery)
	case up.MyChatMember != nil:
		return convertMember(up.MyChatMember)
	}
	return inbound{}
}

func newUpdate(updateID int, chatID int64, from *telego.User) dialog.Update {
	u := dialog.Update{
		ID:      "tg:" + strconv.Itoa(updateID),
		Channel: vikno.Telegram,
		UserID:  strconv.FormatInt(chatID, 10),
	}
	if from != nil {
		u.Name = strings.TrimSpace(from.FirstName + " " + from.LastName)
		u.Locale = from.LanguageCode
	}
	return u
}

func convertMessage(updateID int, m *telego.Message) inbound {
	if m.Chat.Type != telego.ChatTypePrivate || m.Chat.ID == 0 || m.From == nil || m.From.IsBot {
		return inbound{}
	}
	u := newUpdate(updateID, m.Chat.ID, m.From)
	if m.Date > 0 {
		u.Time = time.Unix(m.Date, 0)
	}
	u.Text = m.Text
	if u.Text == "" {
		u.Text = m.Caption
	}
	u.Text, u.StartPayload = command(u.Text)
	if m.Location != nil {
		u.Location = &dialog.Location{Lat: m.Location.Latitude, Lon: m.Location.Longitude}
	}
	if c := m.Contact; c != nil {
		u.Contact = &dialog.Contact{
			Phone: c.PhoneNumber,
			Name:  strings.TrimSpace(c.FirstName + " " + c.LastName),
			// Telegram fills user_id for a contact that is a Telegram user;
			// only the sender's own card counts as their number.
			Own: c.UserID != 0 && c.UserID == m.From.ID,
		}
	}
	if p := largest(m.Photo); p != "" {
		u.Photo = &dialog.Photo{Ref: p}
	}
	u.Unsupported = unsupported(m, u)
	return inbound{chatID: m.Chat.ID, update: u, ok: true}
}

// unsupported names what the bot cannot read in a message: voice, audio,
// stickers, videos, animations, files; "other" for a message with nothing
// the engine understands (a poll, a dice).
func unsupported(m *telego.Message, u dialog.Update) string {
	switch {
	case m.Voice != nil:
		return "voice"
	case m.Audio != nil:
		return "audio"
	case m.Sticker != nil:
		return "sticker"
	case m.VideoNote != nil:
		return "video_note"
	case m.Animation != nil:
		return "animation"
	case m.Video != nil:
		return "video"
	case m.Document != nil:
		return "document"
	case u.Text == "" && u.Location == nil && u.Contact == nil && u.Photo == nil:
		return "other"
	}
	return ""
}

// command normalises "/cmd@bot rest" to "/cmd rest" and returns the deep-link
// payload of "/start PAYLOAD".
func command(text string) (string, string) {
	if !strings.HasPrefix(text, "/") {
		return text, ""
	}
	cmd, rest, _ := strings.Cut(text, " ")
	if at := strings.IndexByte(cmd, '@'); at > 0 {
		cmd = cmd[:at]
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		text = cmd
	} else {
		text = cmd + " " + rest
	}
	if cmd == "/start" {
		return text, rest
	}
	return text, ""
}

// largest returns the file id of the biggest size of a photo.
func largest(sizes []telego.PhotoSize) string {
	best, area := "", -1
	for _, p := range sizes {
		if a := p.Width * p.Height; a >= area && p.FileID != "" {
			best, area = p.FileID, a
		}
	}
	return best
}

func convertCallback(updateID int, q *telego.CallbackQuery) inbound {
	in := inbound{callbackID: q.ID}
	if q.Message == nil || q.From.IsBot {
		return in
	}
	chat := q.Message.GetChat()
	if chat.Type != telego.ChatTypePrivate || chat.ID == 0 {
		return in
	}
	u := newUpdate(updateID, chat.ID, &q.From)
	u.Action = q.Data
	if id := q.Message.GetMessageID(); id != 0 && q.Message.IsAccessible() {
		u.MessageRef = strconv.Itoa(id)
	}
	in.chatID, in.update, in.ok = chat.ID, u, true
	return in
}

func convertMember(c *telego.ChatMemberUpdated) inbound {
	if c.Chat.Type != telego.ChatTypePrivate || c.Chat.ID == 0 || c.NewChatMember == nil {
		return inbound{}
	}
	var blocked bool
	switch c.NewChatMember.MemberStatus() {
	case telego.MemberStatusBanned:
		blocked = true
	case telego.MemberStatusMember:
		blocked = false
	default:
		return inbound{}
	}
	return inbound{chatID: c.Chat.ID, blocked: &blocked, locale: c.From.LanguageCode}
}

// chatOf returns the chat an update belongs to for ordering, or 0.
func chatOf(up *telego.Update) int64 {
	switch {
	case up.Message != nil:
		return up.Message.Chat.ID
	case up.CallbackQuery != nil && up.CallbackQuery.Message != nil:
		return up.CallbackQuery.Message.GetChat().ID
	case up.MyChatMember != nil:
		return up.MyChatMember.Chat.ID
	}
	return 0
}
