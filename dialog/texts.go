package dialog

// textSets are the texts of this package's flows, each added by its file.
var textSets []func(*Catalog)

// registerTexts adds a flow's texts to every catalogue DefaultCatalog makes.
// Called from init functions of this package only.
func registerTexts(add func(*Catalog)) { textSets = append(textSets, add) }

// DefaultCatalog returns the engine's texts in Ukrainian and English,
// including those of the flows in this package.
func DefaultCatalog() *Catalog {
	c := NewCatalog()
	defer func() {
		for _, add := range textSets {
			add(c)
		}
	}()
	c.Add(UK, map[string]string{
		"welcome": "Вітаємо! Я Вікно — помічник ЦНАП і міської гарячої лінії.\n" +
			"Відповім на запитання, допоможу подати звернення, записатися на прийом чи перевірити чергу. Оберіть, що потрібно, або просто напишіть запитання.",
		"menu.prompt":        "Чим можу допомогти? Оберіть пункт меню або напишіть запитання.",
		"menu.faq":           "❓ Питання та відповіді",
		"menu.appeal":        "📝 Подати звернення",
		"menu.status":        "🔎 Статус звернення",
		"menu.book":          "📅 Записатися до ЦНАП",
		"menu.queue":         "👥 Черга зараз",
		"menu.rate":          "⭐ Оцінити візит",
		"menu.settings":      "⚙️ Налаштування",
		"btn.menu":           "🏠 Меню",
		"btn.back":           "⬅️ Назад",
		"btn.cancel":         "❌ Скасувати",
		"help":               "Я розумію звичайні запитання: напишіть, наприклад, «як оформити ID-картку».\nКнопки меню ведуть до звернень, запису та черги. Слово «меню» повертає на початок, «скасувати» — перериває будь-яку дію.\nГаряча лінія міста: *{hotline}*.",
		"cancelled":          "Скасовано, нічого не збережено. Чим ще можу допомогти?",
		"soon":               "Розділ «{feature}» ще готується. Поки що з цим допоможе гаряча лінія *{hotline}*.",
		"settings.prompt":    "Оберіть мову спілкування.",
		"settings.done":      "Готово, тепер говоримо українською.",
		"error.internal":     "Вибачте, щось пішло не так. Спробуйте ще раз за хвилину або поверніться в меню.",
		"error.unavailable":  "Сервіс тимчасово недоступний. Спробуйте, будь ласка, трохи згодом.",
		"error.limited":      "Забагато спроб поспіль. Зачекайте, будь ласка, кілька хвилин.",
		"error.too_long":     "Повідомлення задовге. Напишіть, будь ласка, коротше — до {max} символів.",
		"error.unreadable":   "Не вдалося прочитати повідомлення. Спробуйте написати його ще раз.",
		"error.stale_button": "Ця кнопка вже не діє. Ось головне меню.",
		"error.bad_link":     "Посилання недійсне або застаріле. Ось головне меню.",
	})
	c.Add(EN, map[string]string{
		"welcome": "Welcome! I am Vikno, the assistant of the city's administrative service centres (CNAP) and hotline.\n" +
			"I can answer questions, help you file an appeal, book a visit or check the queue. Choose an option or just type your question.",
		"menu.prompt":        "How can I help? Choose a menu item or type a question.",
		"menu.faq":           "❓ Questions & answers",
		"menu.appeal":        "📝 File an appeal",
		"menu.status":        "🔎 Appeal status",
		"menu.book":          "📅 Book a CNAP visit",
		"menu.queue":         "👥 Queue now",
		"menu.rate":          "⭐ Rate a visit",
		"menu.settings":      "⚙️ Settings",
		"btn.menu":           "🏠 Menu",
		"btn.back":           "⬅️ Back",
		"btn.cancel":         "❌ Cancel",
		"help":               "I understand plain questions: type, for example, \"how to get an ID card\".\nMenu buttons lead to appeals, bookings and the queue. \"menu\" takes you back to the start, \"cancel\" stops any action.\nCity hotline: *{hotline}*.",
		"cancelled":          "Cancelled, nothing was saved. What else can I do for you?",
		"soon":               "The \"{feature}\" section is not ready yet. Meanwhile the hotline *{hotline}* can help.",
		"settings.prompt":    "Choose your language.",
		"settings.done":      "Done, we now speak English.",
		"error.internal":     "Sorry, something went wrong. Please try again in a minute or go back to the menu.",
		"error.unavailable":  "The service is temporarily unavailable. Please try again a little later.",
		"error.limited":      "Too many attempts in a row. Please wait a few minutes.",
		"error.too_long":     "The message is too long. Please keep it under {max} characters.",
		"error.unreadable":   "I could not read that message. Please try typing it again.",
		"error.stale_button": "This button no longer works. Here is the main menu.",
		"error.bad_link":     "The link is invalid or expired. Here is the main menu.",
	})
	c.AddNouns(UK, map[string][]string{
		"people":  {"людина", "людини", "людей"},
		"minutes": {"хвилина", "хвилини", "хвилин"},
		"days":    {"день", "дні", "днів"},
		"hours":   {"година", "години", "годин"},
		"appeals": {"звернення", "звернення", "звернень"},
		"slots":   {"вільне місце", "вільні місця", "вільних місць"},
		"ratings": {"оцінка", "оцінки", "оцінок"},
	})
	c.AddNouns(EN, map[string][]string{
		"people":  {"person", "people"},
		"minutes": {"minute", "minutes"},
		"days":    {"day", "days"},
		"hours":   {"hour", "hours"},
		"appeals": {"appeal", "appeals"},
		"slots":   {"free seat", "free seats"},
		"ratings": {"rating", "ratings"},
	})
	return c
}
