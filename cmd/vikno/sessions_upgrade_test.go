package main

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/telegram"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/internal/testenv"
)

// On PostgreSQL + Redis a turn's session is stored in the database with its
// replies, and an upgrade from a version that kept conversations in Redis
// leaves a resident in the middle of an appeal where they were: the first
// start moves the sessions into the database.
func TestUpgradeKeepsConversationsThatRedisHeld(t *testing.T) {
	cfg := tgConfig(t)
	cfg.DatabaseURL = testenv.PostgresURL(t)
	cfg.RedisURL, cfg.RedisPrefix = testenv.Redis(t)
	ctx := context.Background()

	b := tgRun(t, cfg, telegram.ModeWebhook)
	chat := tgChat()
	b.send(t, chat, tgText(chat, "/start"))
	topics := tgCheckButtons(t, b.send(t, chat, tgPress(chat, "menu:"+dialog.FlowAppeal)))
	var topic string
	for _, btn := range topics {
		if strings.HasPrefix(btn.CallbackData, dialog.FlowAppeal) {
			topic = btn.CallbackData
			break
		}
	}
	if topic == "" {
		t.Fatalf("no topic button among %+v", topics)
	}
	b.m.Close()

	// What an earlier version left: the session in Redis, none in the database.
	db, err := sql.Open("pgx", cfg.DatabaseURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := dialog.SessionKey(vikno.Telegram, strconv.FormatInt(chat, 10))
	var value []byte
	if err := db.QueryRowContext(ctx, `DELETE FROM sessions WHERE key = $1 RETURNING value`, key).Scan(&value); err != nil {
		t.Fatalf("the turn's session is not in the database: %v", err)
	}
	opts, err := goredis.ParseURL(cfg.RedisURL)
	if err != nil {
		t.Fatal(err)
	}
	rc := goredis.NewClient(opts)
	defer rc.Close()
	if err := rc.Set(ctx, cfg.RedisPrefix+key, value, time.Hour).Err(); err != nil {
		t.Fatal(err)
	}

	b = tgRun(t, cfg, telegram.ModeWebhook)
	if n, err := rc.Exists(ctx, cfg.RedisPrefix+key).Result(); err != nil || n != 0 {
		t.Errorf("the session is still in Redis after the start: %d, %v", n, err)
	}
	got := tgVisible(b.send(t, chat, tgPress(chat, topic)))
	if strings.Contains(got, "кнопка") || !strings.Contains(got, "Що саме сталося") {
		t.Fatalf("the topic pressed after the upgrade got %q; want the appeal's next step", got)
	}
}
