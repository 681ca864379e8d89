package dialog

import (
	"context"
)

// Flow names of the main menu.
const (
	FlowFAQ      = "faq"
	FlowAppeal   = "appeal"
	FlowStatus   = "status"
	FlowBook     = "book"
	FlowQueue    = "queue"
	FlowRate     = "rate"
	FlowSettings = "settings"
	FlowCNAP     = "cnap"
)

func defaultMenu() []MenuItem {
	return []MenuItem{
		// The first seven keep their places (and numbers in the terminal
		// chat) from before the resident's own lists were added.
		{Key: "menu.faq", Flow: FlowFAQ},
		{Key: "menu.appeal", Flow: FlowAppeal},
		{Key: "menu.status", Flow: FlowStatus},
		{Key: "menu.book", Flow: FlowBook},
		{Key: "menu.queue", Flow: FlowQueue},
		{Key: "menu.rate", Flow: FlowRate},
		{Key: "menu.settings", Flow: FlowSettings},
		{Key: "menu.myappeals", Flow: FlowMyAppeals},
		{Key: "menu.mybookings", Flow: FlowMyBookings},
		{Key: "menu.cnap", Flow: FlowCNAP},
	}
}

// comingSoon stands in for a menu item whose feature is not built yet and
// says so honestly.
type comingSoon struct{ name string }

func (f comingSoon) Name() string { return f.name }

func (f comingSoon) Start(_ context.Context, c *Conv, _ string) error {
	c.Done(c.T("soon", "feature", c.S("menu."+f.name), "hotline", c.Hotline()))
	return nil
}

func (f comingSoon) Handle(ctx context.Context, c *Conv) error { return f.Start(ctx, c, "") }

// settingsFlow lets the resident choose the language.
type settingsFlow struct{}

func (settingsFlow) Name() string { return FlowSettings }

func (f settingsFlow) Start(ctx context.Context, c *Conv, arg string) error {
	if arg == UK || arg == EN {
		return f.setLocale(ctx, c, arg)
	}
	return f.ask(c, "settings.prompt")
}

func (settingsFlow) ask(c *Conv, key string) error {
	rows := [][]Button{{c.Button("settings.btn_uk", "settings:uk"), c.Button("settings.btn_en", "settings:en")}}
	c.Say(c.T(key), append(rows, noticeSettings(c)...)...)
	return nil
}

func (f settingsFlow) Handle(ctx context.Context, c *Conv) error {
	if c.Arg == UK || c.Arg == EN {
		return f.setLocale(ctx, c, c.Arg)
	}
	switch text := labelKey(c.Update.Text); {
	case c.isWord("lang_uk", text, "uk", "ua"):
		return f.setLocale(ctx, c, UK)
	case c.isWord("lang_en", text, "en"):
		return f.setLocale(ctx, c, EN)
	case text != "":
		return f.ask(c, "settings.prompt_again")
	}
	return f.Start(ctx, c, "")
}

func (settingsFlow) setLocale(ctx context.Context, c *Conv, locale string) error {
	if err := c.engine.cfg.Residents.SetResidentLocale(ctx, c.Resident.ID, locale); err != nil {
		return err
	}
	c.Resident.Locale = locale
	c.Locale = locale
	c.Done(c.T("settings.done"))
	return nil
}
