package vibertest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/vikno-city/vikno/bots/viber"
)

// Lang is the language the fake's users have.
const Lang = "uk"

var lastToken atomic.Int64

func init() { lastToken.Store(time.Now().UnixNano()) }

// Sign returns the X-Viber-Content-Signature of body for token.
func Sign(body []byte, token string) string {
	mac := hmac.New(sha256.New, []byte(token))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// Deliver posts a callback to the webhook at url, signed with token, and
// returns the HTTP status and the response body (the welcome message for
// conversation_started).
func Deliver(client *http.Client, url, token string, body []byte) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(viber.SignatureHeader, Sign(body, token))
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

func event(kind string, fields map[string]any) []byte {
	return eventWithToken(kind, lastToken.Add(1), fields)
}

func eventWithToken(kind string, token int64, fields map[string]any) []byte {
	fields["event"] = kind
	fields["timestamp"] = time.Now().UnixMilli()
	fields["message_token"] = json.Number(strconv.FormatInt(token, 10))
	b, _ := json.Marshal(fields)
	return b
}

func user(id string) viber.User {
	return viber.User{ID: id, Name: "Resident", Language: Lang, Country: "UA", APIVersion: 10}
}

func message(id string, m viber.Message) []byte {
	return event(viber.EventMessage, map[string]any{"sender": user(id), "message": m})
}

// Text is a text message from user (a button press sends the button's
// ActionBody as the text).
func Text(id, text string) []byte {
	return message(id, viber.Message{Type: viber.TypeText, Text: text})
}

// Tracked is a text message echoing tracking data.
func Tracked(id, text, tracking string) []byte {
	return message(id, viber.Message{Type: viber.TypeText, Text: text, TrackingData: tracking})
}

// Location is a shared location.
func Location(id string, lat, lon float64) []byte {
	return message(id, viber.Message{Type: viber.TypeLocation, Location: &viber.Location{Lat: lat, Lon: lon}})
}

// Contact is a shared phone number with the tracking data the bot set.
func Contact(id, phone, tracking string) []byte {
	return message(id, viber.Message{Type: viber.TypeContact, TrackingData: tracking,
		Contact: &viber.Contact{Name: "Resident", PhoneNumber: phone}})
}

// Picture is a photo with an optional caption.
func Picture(id, media, caption string) []byte {
	return message(id, viber.Message{Type: viber.TypePicture, Media: media, Text: caption})
}

// Sticker is a sticker message.
func Sticker(id string) []byte {
	return event(viber.EventMessage, map[string]any{"sender": user(id), "message": map[string]any{"type": "sticker", "sticker_id": 40100}})
}

// ConversationStarted is the callback Viber sends when user opens the chat,
// with the deep link's context.
func ConversationStarted(id, context string) []byte {
	return event(viber.EventConversationStarted, map[string]any{"type": "open", "context": context, "user": user(id), "subscribed": false})
}

// Subscribed is the callback of a user who subscribed.
func Subscribed(id string) []byte {
	return event(viber.EventSubscribed, map[string]any{"user": user(id)})
}

// Unsubscribed is the callback of a user who unsubscribed.
func Unsubscribed(id string) []byte {
	return event(viber.EventUnsubscribed, map[string]any{"user_id": id})
}

// Receipt is a delivered, seen or failed callback.
func Receipt(kind, id string) []byte {
	return event(kind, map[string]any{"user_id": id, "desc": ""})
}

// ReceiptOf is the delivered, seen or failed callback about the message the
// fake answered with token (Server.Tokens).
func ReceiptOf(kind, id string, token int64, desc string) []byte {
	return eventWithToken(kind, token, map[string]any{"user_id": id, "desc": desc})
}

// Webhook is the callback Viber sends to check a new webhook.
func Webhook() []byte { return event(viber.EventWebhook, map[string]any{}) }
