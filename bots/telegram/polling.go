package telegram

import (
	"context"
	"sync"
	"time"

	"github.com/mymmrac/telego"

	"github.com/vikno-city/vikno/bots"
)

// poll receives updates with getUpdates until ctx ends. The offset moves
// past a batch only once every update in it was handled, so updates are
// confirmed to Telegram only after handling; a failed batch is fetched
// again (the handled part of it is recognised as duplicates).
func (b *Bot) poll(ctx context.Context) {
	b.deleteWebhook(ctx)
	offset, failures := 0, 0
	for ctx.Err() == nil {
		ups, err := b.getUpdates(ctx, offset, b.cfg.PollTimeout, 100)
		if err == nil && len(ups) > 0 {
			err = b.handleBatch(ups)
			if err == nil {
				offset = ups[len(ups)-1].UpdateID + 1
			}
		}
		if err == nil {
			failures = 0
			continue
		}
		if ctx.Err() != nil {
			break
		}
		b.log.Warn("telegram polling failed", "attempt", failures+1, "err", err)
		if bots.Sleep(ctx, bots.Backoff(time.Second, failures, time.Minute)) != nil {
			break
		}
		failures++
	}
	b.confirm(offset)
}

func (b *Bot) getUpdates(ctx context.Context, offset int, timeout time.Duration, limit int) ([]telego.Update, error) {
	cctx, cancel := context.WithTimeout(ctx, timeout+15*time.Second)
	defer cancel()
	return b.api.GetUpdates(cctx, &telego.GetUpdatesParams{
		Offset: offset, Limit: limit, Timeout: int(timeout / time.Second), AllowedUpdates: allowedUpdates,
	})
}

// confirm tells Telegram, on the way out, that everything before offset was
// handled, so a restart does not receive it again.
func (b *Bot) confirm(offset int) {
	if offset == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := b.getUpdates(ctx, offset, 0, 1); err != nil {
		b.log.Warn("telegram offset not confirmed at stop", "err", err)
	}
}

// deleteWebhook removes a webhook left by webhook mode: Telegram refuses
// getUpdates while one is set.
func (b *Bot) deleteWebhook(ctx context.Context) {
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := b.api.DeleteWebhook(cctx, &telego.DeleteWebhookParams{}); err != nil && ctx.Err() == nil {
		b.log.Warn("telegram deleteWebhook failed", "err", err)
	}
}

// handleBatch handles a getUpdates batch: chats concurrently, each chat's
// updates in order, stopping a chat at its first failure. It returns the
// first failure. Handling runs to its end even while polling stops.
func (b *Bot) handleBatch(ups []telego.Update) error {
	byChat := map[int64][]*telego.Update{}
	var order []int64
	for i := range ups {
		if !wellFormed(&ups[i]) {
			b.log.Error("telegram update unreadable, skipped", "update_id", ups[i].UpdateID)
			continue
		}
		chat := chatOf(&ups[i])
		if chat == 0 {
			chat = -int64(ups[i].UpdateID) // no chat: a group of its own
		}
		if _, ok := byChat[chat]; !ok {
			order = append(order, chat)
		}
		byChat[chat] = append(byChat[chat], &ups[i])
	}
	if !b.gate.Enter() {
		return context.Canceled
	}
	defer b.gate.Leave()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for _, chat := range order {
		wg.Add(1)
		go func(list []*telego.Update) {
			defer wg.Done()
			for _, up := range list {
				ctx, cancel := context.WithTimeout(b.life, b.cfg.AcceptTimeout)
				err := b.accept(ctx, up, false)
				cancel()
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}(byChat[chat])
	}
	wg.Wait()
	return first
}
