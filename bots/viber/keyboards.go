package viber

import (
	"context"
	"encoding/json"
	"time"

	"github.com/vikno-city/vikno/dialog"
)

// keyboardTTL is how long the keyboard last shown to a resident is kept
// for the messages that come without one: as long as the engine keeps an
// idle session (dialog.Config.SessionTTL's default), after which its step
// is gone and the menu button is the way on.
const keyboardTTL = 24 * time.Hour

// shownKeyboard is the keyboard last shown to a resident, with the
// tracking data that went with it (a share-phone button's).
type shownKeyboard struct {
	Keyboard *Keyboard `json:"k"`
	Tracking string    `json:"t,omitempty"`
}

func keyboardKey(user string) string { return "viber:kbd:" + user }

// keepKeyboard gives every message of msgs a keyboard: Viber hides the
// keyboard when a message comes without one, and the resident would be
// left without a way on. A message without one gets the batch's last
// keyboard, else the keyboard last shown to the resident (the current
// step's, kept in the shared state), else the menu (Config.Menu).
func (s *Sender) keepKeyboard(ctx context.Context, user string, msgs []Message) {
	var k shownKeyboard
	for i := len(msgs) - 1; i >= 0 && k.Keyboard == nil; i-- {
		k = shownKeyboard{Keyboard: msgs[i].Keyboard, Tracking: msgs[i].TrackingData}
	}
	if k.Keyboard != nil {
		s.rememberKeyboard(ctx, user, k)
	} else {
		k = s.recallKeyboard(ctx, user)
	}
	for i := range msgs {
		if msgs[i].Keyboard == nil {
			msgs[i].Keyboard = k.Keyboard
		}
	}
	if last := &msgs[len(msgs)-1]; last.TrackingData == "" {
		last.TrackingData = k.Tracking
	}
}

func (s *Sender) rememberKeyboard(ctx context.Context, user string, k shownKeyboard) {
	shared := s.bot.cfg.Shared
	if shared == nil {
		return
	}
	data, err := json.Marshal(k)
	if err == nil {
		err = shared.Set(ctx, keyboardKey(user), data, keyboardTTL)
	}
	if err != nil {
		s.log.Warn("viber keyboard not kept", "err", err)
	}
}

// recallKeyboard returns the keyboard last shown to user, else the menu.
func (s *Sender) recallKeyboard(ctx context.Context, user string) shownKeyboard {
	if shared := s.bot.cfg.Shared; shared != nil {
		var k shownKeyboard
		if data, err := shared.Get(ctx, keyboardKey(user)); err == nil && json.Unmarshal(data, &k) == nil && k.Keyboard != nil {
			return k
		}
	}
	return shownKeyboard{Keyboard: keyboard(dialog.Reply{Buttons: [][]dialog.Button{s.bot.cfg.Menu}})}
}
