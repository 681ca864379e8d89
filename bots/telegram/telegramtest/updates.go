package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Lang is the language_code of the residents in built updates.
const Lang = "uk"

func from(chat int64) map[string]any {
	return map[string]any{"id": chat, "is_bot": false, "first_name": "Оксана", "language_code": Lang}
}

func privateChat(chat int64) map[string]any {
	return map[string]any{"id": chat, "type": "private", "first_name": "Оксана"}
}

func message(chat int64, fields map[string]any) map[string]any {
	m := map[string]any{"message_id": 1, "date": time.Now().Unix(), "chat": privateChat(chat), "from": from(chat)}
	for k, v := range fields {
		m[k] = v
	}
	return m
}

func update(id int, kind string, v any) []byte {
	b, err := json.Marshal(map[string]any{"update_id": id, kind: v})
	if err != nil {
		panic(err)
	}
	return b
}

// Text is a text message from a resident in a private chat (chat id = user
// id, as Telegram has it).
func Text(id int, chat int64, text string) []byte {
	return update(id, "message", message(chat, map[string]any{"text": text}))
}

// Callback is a press of an inline button with data under a bot message.
func Callback(id int, chat int64, data string) []byte { return CallbackOn(id, chat, 7, data) }

// CallbackOn is Callback under the bot message messageID.
func CallbackOn(id int, chat int64, messageID int, data string) []byte {
	msg := map[string]any{"message_id": messageID, "date": time.Now().Unix(), "chat": privateChat(chat),
		"from": map[string]any{"id": BotID, "is_bot": true, "first_name": "Vikno"}, "text": "…"}
	return update(id, "callback_query", map[string]any{
		"id": "cq" + itoa(id), "from": from(chat), "chat_instance": "1", "data": data, "message": msg,
	})
}

// Location is a shared location.
func Location(id int, chat int64, lat, lon float64) []byte {
	return update(id, "message", message(chat, map[string]any{"location": map[string]any{"latitude": lat, "longitude": lon}}))
}

// Contact is a shared contact card of the Telegram user owner (the sender's
// own when owner == chat).
func Contact(id int, chat int64, phone string, owner int64) []byte {
	c := map[string]any{"phone_number": phone, "first_name": "Оксана"}
	if owner != 0 {
		c["user_id"] = owner
	}
	return update(id, "message", message(chat, map[string]any{"contact": c}))
}

// Photo is a photo in the given sizes (file ids, smallest first).
func Photo(id int, chat int64, caption string, fileIDs ...string) []byte {
	var sizes []map[string]any
	for i, f := range fileIDs {
		w := 90 * (i + 1) * (i + 1)
		sizes = append(sizes, map[string]any{"file_id": f, "file_unique_id": "u" + f, "width": w, "height": w})
	}
	return update(id, "message", message(chat, map[string]any{"photo": sizes, "caption": caption}))
}

// Voice is a voice message of the given length in seconds.
func Voice(id int, chat int64, seconds int) []byte {
	return update(id, "message", message(chat, map[string]any{"voice": map[string]any{
		"file_id": "voice1", "file_unique_id": "uvoice1", "duration": seconds}}))
}

// Sticker is a sticker message.
func Sticker(id int, chat int64) []byte {
	return update(id, "message", message(chat, map[string]any{"sticker": map[string]any{
		"file_id": "st1", "file_unique_id": "ust1", "type": "regular", "width": 512, "height": 512,
		"is_animated": false, "is_video": false}}))
}

// GroupText is a text message in a group chat.
func GroupText(id int, group, user int64, text string) []byte {
	return update(id, "message", map[string]any{"message_id": 1, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": group, "type": "group", "title": "Двір"}, "from": from(user)})
}

// MemberStatus is a my_chat_member update: "kicked" when the resident
// blocked the bot, "member" when they unblocked it.
func MemberStatus(id int, chat int64, status string) []byte {
	old := "member"
	if status == "member" {
		old = "kicked"
	}
	return update(id, "my_chat_member", map[string]any{
		"chat": privateChat(chat), "from": from(chat), "date": time.Now().Unix(),
		"old_chat_member": map[string]any{"status": old, "user": map[string]any{"id": BotID, "is_bot": true, "first_name": "Vikno"}},
		"new_chat_member": map[string]any{"status": status, "user": map[string]any{"id": BotID, "is_bot": true, "first_name": "Vikno"}},
	})
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// Deliver posts an update to a webhook as Telegram does and returns the
// status of the answer. A Bot API method in the answer's body is not run:
// Server.Deliver runs it.
func Deliver(client *http.Client, url, secret string, update []byte) (int, error) {
	status, _, err := post(client, url, secret, update)
	return status, err
}

// Deliver posts an update to a webhook as Telegram does and, as Telegram
// does, runs the Bot API method that a 200 answer may carry in its body
// (recorded among the calls; its result goes nowhere).
func (s *Server) Deliver(client *http.Client, url, secret string, update []byte) (int, error) {
	status, body, err := post(client, url, secret, update)
	if err != nil || status != http.StatusOK || len(bytes.TrimSpace(body)) == 0 {
		return status, err
	}
	params, err := jsonParams(body)
	if err != nil {
		return status, fmt.Errorf("telegramtest: webhook answer is not a JSON object: %w", err)
	}
	method := params["method"]
	if method == "" {
		return status, fmt.Errorf("telegramtest: webhook answer without a method: %s", body)
	}
	delete(params, "method")
	call := Call{Method: method, Params: params, At: time.Now()}
	s.mu.Lock()
	if s.record {
		s.calls = append(s.calls, call)
	}
	s.notify()
	s.mu.Unlock()
	return status, nil
}

func post(client *http.Client, url, secret string, update []byte) (int, []byte, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(update))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, body, err
}
