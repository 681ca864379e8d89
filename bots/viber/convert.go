package viber

import (
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// inbound is a callback as the channel sees it.
type inbound struct {
	// update is what the engine gets; ok reports whether there is one.
	update dialog.Update
	ok     bool
	// welcome is set for conversation_started: the answer goes in the HTTP
	// response; subscribed tells whether send_message reaches the user too.
	welcome    bool
	subscribed bool
	// receipt names a delivered, seen or failed callback.
	receipt string
}

// convert turns a callback into what the engine understands. The webhook
// check and callbacks the bot does not use give no engine update.
func convert(ev *Event) inbound {
	id := "viber:" + ev.MessageToken.String()
	at := time.Time{}
	if ev.Timestamp > 0 {
		at = time.UnixMilli(ev.Timestamp)
	}
	switch ev.Event {
	case EventMessage:
		if ev.Sender == nil || ev.Sender.ID == "" || ev.Message == nil {
			return inbound{}
		}
		u := newUpdate(id, ev.Sender, at)
		readMessage(&u, ev.Message)
		return inbound{update: u, ok: true}
	case EventConversationStarted:
		if ev.User == nil || ev.User.ID == "" {
			return inbound{}
		}
		u := newUpdate(id, ev.User, at)
		u.Text, u.StartPayload = "/start", strings.TrimSpace(ev.Context)
		if u.StartPayload != "" {
			u.Text += " " + u.StartPayload
		}
		return inbound{update: u, ok: true, welcome: true, subscribed: ev.Subscribed}
	case EventSubscribed:
		if ev.User == nil || ev.User.ID == "" {
			return inbound{}
		}
		return inbound{update: reachability(id, ev.User.ID, ev.User.Language, at, true), ok: true}
	case EventUnsubscribed:
		if ev.UserID == "" {
			return inbound{}
		}
		return inbound{update: reachability(id, ev.UserID, "", at, false), ok: true}
	case EventDelivered, EventSeen, EventFailed:
		return inbound{receipt: ev.Event}
	}
	return inbound{}
}

func newUpdate(id string, u *User, at time.Time) dialog.Update {
	return dialog.Update{ID: id, Channel: vikno.Viber, UserID: u.ID, Name: strings.TrimSpace(u.Name), Locale: u.Language, Time: at}
}

// reachability is the engine update of a resident who subscribed or left.
func reachability(id, user, locale string, at time.Time, subscribed bool) dialog.Update {
	return dialog.Update{ID: id, Channel: vikno.Viber, UserID: user, Locale: locale, Time: at, Subscribed: &subscribed}
}

// readMessage fills u from a message: a button press (text starting with
// ActionPrefix) becomes the action, a location, contact or picture its
// dialog counterpart; kinds the engine cannot read are named Unsupported.
func readMessage(u *dialog.Update, m *Message) {
	switch m.Type {
	case TypeText:
		if action, ok := strings.CutPrefix(m.Text, ActionPrefix); ok {
			readAction(u, action)
		} else {
			u.Text = m.Text
		}
	case TypeLocation:
		if m.Location != nil {
			u.Location = &dialog.Location{Lat: m.Location.Lat, Lon: m.Location.Lon}
		}
	case TypeContact:
		if m.Contact != nil {
			// Viber does not say whose number it is; one shared right after
			// the bot asked for the phone (its share-phone button) is the
			// sender's own.
			u.Contact = &dialog.Contact{Phone: m.Contact.PhoneNumber, Name: m.Contact.Name, Own: m.TrackingData == trackPhone}
		}
	case TypePicture:
		u.Text = m.Text
		if linkURL(m.Media) != "" {
			u.Photo = &dialog.Photo{Ref: m.Media}
		}
	case TypeURL:
		u.Text = m.Media
	case TypeSticker:
		u.Unsupported = "sticker"
	case TypeVideo:
		u.Unsupported, u.Text = "video", m.Text
	case TypeFile:
		u.Unsupported = "document"
	default:
		u.Unsupported = "other"
	}
	if u.Text == "" && u.Action == "" && u.Location == nil && u.Contact == nil && u.Photo == nil && u.Unsupported == "" {
		u.Unsupported = "other"
	}
}

// readAction fills u from a button press. The short welcome's button
// (answerSlowWelcome) asks for a start with the deep link's payload again:
// it becomes what conversation_started became.
func readAction(u *dialog.Update, action string) {
	if action != "/start" && !strings.HasPrefix(action, "/start ") {
		u.Action = action
		return
	}
	u.StartPayload = strings.TrimSpace(strings.TrimPrefix(action, "/start"))
	u.Text = "/start"
	if u.StartPayload != "" {
		u.Text += " " + u.StartPayload
	}
}
