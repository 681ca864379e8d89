package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/dialog"
)

// dedupTTL outlives Telegram's redelivery window of 24 hours.
const dedupTTL = 25 * time.Hour

// handle runs one update in its chat's turn and within the concurrency
// bound. A nil error means the update is done with (handled, or not worth
// handling); an error means it should be delivered again.
func (b *Bot) handle(ctx context.Context, up *telego.Update) error {
	if b.cfg.Pipeline != nil {
		return b.accept(ctx, up)
	}
	if chat := chatOf(up); chat != 0 {
		unlock, err := b.locks.lock(ctx, chat)
		if err != nil {
			return fmt.Errorf("telegram chat turn: %w", err)
		}
		defer unlock()
	}
	select {
	case b.slots <- struct{}{}:
		defer func() { <-b.slots }()
	case <-ctx.Done():
		return fmt.Errorf("telegram slot: %w", ctx.Err())
	}
	return b.process(ctx, up)
}

// accept hands the update to the pipeline, which journals it (recognising
// a redelivery by its key) and handles it after the platform has its answer.
func (b *Bot) accept(ctx context.Context, up *telego.Update) error {
	in := convert(up)
	if in.callbackID != "" {
		b.bg.Go(func() { b.answerCallback(b.life, in.callbackID) })
	}
	u := in.update
	switch {
	case in.blocked != nil:
		// In the resident's order with their messages, through the engine.
		subscribed := !*in.blocked
		u = dialog.Update{ID: "tg:" + strconv.Itoa(up.UpdateID), Channel: vikno.Telegram,
			UserID: strconv.FormatInt(in.chatID, 10), Locale: in.locale, Subscribed: &subscribed}
	case !in.ok:
		return nil
	}
	if err := b.cfg.Pipeline.Accept(ctx, b.dedupKey(up.UpdateID), u); err != nil {
		return fmt.Errorf("telegram accept: %w", err)
	}
	return nil
}

func (b *Bot) dedupKey(updateID int) string {
	return "tg:" + b.id + ":" + strconv.Itoa(updateID)
}

// process de-duplicates, converts, runs the engine and delivers the replies.
// When delivery fails the unsent replies are kept, so a redelivery sends
// them instead of running the dialog step again.
func (b *Bot) process(ctx context.Context, up *telego.Update) error {
	key := b.dedupKey(up.UpdateID)
	first, err := b.cfg.State.FirstSeen(ctx, key, dedupTTL)
	if err != nil {
		return fmt.Errorf("telegram dedup: %w", err)
	}
	if !first {
		return b.resendPending(ctx, key)
	}
	in := convert(up)
	if in.callbackID != "" {
		b.answerCallback(ctx, in.callbackID)
	}
	if in.blocked != nil {
		b.sender.setUnreachable(ctx, in.chatID, initialLocale(in.locale), *in.blocked)
		return nil
	}
	if !in.ok {
		return nil
	}
	log := b.log.With("update_id", up.UpdateID)
	log.Debug("telegram update", "chat_id", in.chatID)
	replies, err := b.cfg.Handler.Handle(ctx, in.update)
	if err != nil {
		b.forget(ctx, key)
		return fmt.Errorf("telegram handle: %w", err)
	}
	return b.reply(ctx, key, in.chatID, replies)
}

// reply delivers the replies of one update; see process.
func (b *Bot) reply(ctx context.Context, key string, chat int64, replies []dialog.Reply) error {
	sent, err := b.sender.deliver(ctx, chat, replies, true)
	switch {
	case err == nil:
		return nil
	case permanent(err):
		if vikno.ErrorCode(err) != vikno.EUNAUTHORIZED {
			b.log.Error("telegram reply refused", "err", err)
		}
		return nil
	}
	if perr := b.keepPending(ctx, key, pending{Chat: chat, Replies: replies[sent:]}); perr != nil {
		b.log.Warn("telegram unsent replies not kept; the update will be handled again", "err", perr)
		b.forget(ctx, key)
	}
	return err
}

// initialLocale maps a Telegram language code to the locale a new resident
// starts with (the engine decides the same way).
func initialLocale(code string) string {
	if len(code) >= 2 && code[:2] == "en" {
		return "en"
	}
	return "uk"
}

func (b *Bot) forget(ctx context.Context, key string) {
	if err := b.cfg.State.Forget(ctx, key); err != nil {
		b.log.Error("telegram dedup key not released; the update may be lost", "err", err)
	}
}

func (b *Bot) answerCallback(ctx context.Context, id string) {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := b.api.AnswerCallbackQuery(cctx, &telego.AnswerCallbackQueryParams{CallbackQueryID: id}); err != nil {
		b.log.Debug("telegram answerCallbackQuery failed", "err", err)
	}
}

// pending are the replies of an update that could not be delivered yet.
type pending struct {
	Chat    int64          `json:"chat"`
	Replies []dialog.Reply `json:"replies"`
}

func (b *Bot) pendingKey(key string) string { return key + ":pending" }

func (b *Bot) keepPending(ctx context.Context, key string, p pending) error {
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode pending replies: %w", err)
	}
	return b.cfg.State.Set(ctx, b.pendingKey(key), data, dedupTTL)
}

// resendPending delivers the replies kept for a redelivered update, if any.
func (b *Bot) resendPending(ctx context.Context, key string) error {
	data, err := b.cfg.State.Get(ctx, b.pendingKey(key))
	if vikno.IsNotFound(err) {
		return nil // a plain duplicate
	}
	if err != nil {
		return fmt.Errorf("telegram pending replies: %w", err)
	}
	var p pending
	if err := json.Unmarshal(data, &p); err != nil || p.Chat == 0 {
		b.log.Error("telegram pending replies unreadable, dropped")
		return b.cfg.State.Delete(ctx, b.pendingKey(key))
	}
	sent, err := b.sender.deliver(ctx, p.Chat, p.Replies, true)
	if err != nil && !permanent(err) {
		if sent > 0 {
			p.Replies = p.Replies[sent:]
			if perr := b.keepPending(ctx, key, p); perr != nil {
				b.log.Warn("telegram pending replies not updated", "err", perr)
			}
		}
		return err
	}
	return b.cfg.State.Delete(ctx, b.pendingKey(key))
}

// chatLocks gives each chat one turn at a time, in arrival order.
type chatLocks struct {
	mu sync.Mutex
	m  map[int64]*chatQueue
}

// chatQueue exists while a chat holds its turn; waiters queue behind it.
type chatQueue struct {
	waiters []chan struct{}
}

// lock waits for chat's turn. The turn passes to waiters first come, first
// served.
func (l *chatLocks) lock(ctx context.Context, chat int64) (unlock func(), err error) {
	unlock = func() { l.unlock(chat) }
	l.mu.Lock()
	if l.m == nil {
		l.m = map[int64]*chatQueue{}
	}
	q, busy := l.m[chat]
	if !busy {
		l.m[chat] = &chatQueue{}
		l.mu.Unlock()
		return unlock, nil
	}
	turn := make(chan struct{})
	q.waiters = append(q.waiters, turn)
	l.mu.Unlock()
	select {
	case <-turn:
		return unlock, nil
	case <-ctx.Done():
	}
	l.mu.Lock()
	select {
	case <-turn: // the turn came while giving up: pass it on
		l.mu.Unlock()
		l.unlock(chat)
		return nil, ctx.Err()
	default:
	}
	for i, w := range q.waiters {
		if w == turn {
			q.waiters = append(q.waiters[:i], q.waiters[i+1:]...)
			break
		}
	}
	l.mu.Unlock()
	return nil, ctx.Err()
}

func (l *chatLocks) unlock(chat int64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	q := l.m[chat]
	if q == nil {
		return
	}
	if len(q.waiters) == 0 {
		delete(l.m, chat)
		return
	}
	next := q.waiters[0]
	q.waiters = q.waiters[1:]
	close(next)
}
