package admin

import (
	"fmt"
	"maps"
)

// feedbackTexts are the words of the feedback inbox, Ukrainian first; they
// join texts at start-up. Keys ending in "_n" hold plural forms separated
// by "|" (Ukrainian: one, few, many; English: one, other).
var feedbackTexts = map[string]map[string]string{
	"uk": {
		"feedback":           "Відгуки",
		"fb_location":        "ЦНАП",
		"fb_all_locations":   "усі ЦНАП",
		"fb_score":           "Оцінка",
		"fb_any":             "будь-яка",
		"fb_aspect":          "Що не так",
		"fb_any_aspect":      "будь-що",
		"fb_status":          "Стан",
		"fb_any_status":      "будь-який",
		"fb_status_new":      "нова",
		"fb_status_seen":     "опрацьовано",
		"fb_status_answered": "є відповідь",
		"fb_from":            "З дня",
		"fb_to":              "По день",
		"fb_filter":          "Показати",
		"fb_filters":         "Фільтри",
		"fb_rating_col":      "Відгук",
		"fb_reset":           "Скинути",
		"fb_csv":             "Завантажити CSV",
		"fb_found_n":         "Знайдено %d оцінку|Знайдено %d оцінки|Знайдено %d оцінок",
		"fb_ratings_n":       "%d оцінка|%d оцінки|%d оцінок",
		"fb_none":            "Оцінок не знайдено.",
		"fb_average":         "Середня оцінка",
		"fb_scale":           "Рівень задоволеності",
		"fb_over_time":       "Оцінки за тижнями",
		"fb_period":          "тижні з %s по %s",
		"fb_week":            "тиждень з %s: %s (%s)",
		"fb_when":            "Дата",
		"fb_comment":         "Коментар",
		"fb_no_comment":      "без коментаря",
		"fb_prev":            "← Новіші",
		"fb_next":            "Старіші →",
		"fb_page":            "Сторінка %d",
		"fb_rating":          "Оцінка №%d",
		"fb_thread":          "Листування",
		"fb_resident":        "Мешканець",
		"fb_manager_tg":      "Керівник (Telegram)",
		"fb_staff":           "Працівник (адмінка)",
		"fb_answer":          "Відповідь мешканцю",
		"fb_answer_hint":     "Мешканець отримає її в тому месенджері, де залишив оцінку, і зможе відповісти.",
		"fb_send":            "Надіслати відповідь",
		"fb_handled":         "Опрацьовано",
		"fb_done_answered":   "Відповідь надіслано мешканцю.",
		"fb_done_handled":    "Позначено як опрацьовано.",
		"fb_done_already":    "Уже опрацьовано раніше.",
		"fb_done_twice":      "Цю відповідь уже надіслано.",
		"fb_answer_empty":    "Напишіть відповідь: порожню надіслати не можна.",
		"fb_answer_moved_on": "Поки Ви писали, у листуванні з’явилося нове повідомлення (див. вище). Вашу відповідь не надіслано, вона лишилася у формі: перегляньте листування й натисніть «Надіслати відповідь» ще раз, якщо вона й далі потрібна.",
		"fb_answer_long":     "Відповідь задовга: можна до %d символів, а в ній %d. Скоротіть її, будь ласка.",
		"fb_answer_form":     "Форма відповіді застаріла. Скопіюйте текст, оновіть сторінку й надішліть ще раз.",
		"fb_window":          "вікно %d",
		"fb_revision":        "змінено мешканцем",
		"fb_replied":         "Мешканець відповів — відгук знову відкрито.",
		"sat_excellent":      "чудово",
		"sat_good":           "добре",
		"sat_poor":           "погано",
		"sat_terrible":       "жахливо",
		"aspect_wait":        "час очікування",
		"aspect_polite":      "ввічливість персоналу",
		"aspect_skill":       "компетентність персоналу",
		"aspect_place":       "приміщення",
		"aspect_result":      "результат послуги",
		"home_manager":       "Відгуки відвідувачів ЦНАП у Вашій зоні: відповідайте й позначайте опрацьовані.",
	},
	"en": {
		"feedback":           "Feedback",
		"fb_location":        "CNAP",
		"fb_all_locations":   "all CNAPs",
		"fb_score":           "Score",
		"fb_any":             "any",
		"fb_aspect":          "What went wrong",
		"fb_any_aspect":      "anything",
		"fb_status":          "Status",
		"fb_any_status":      "any",
		"fb_status_new":      "new",
		"fb_status_seen":     "handled",
		"fb_status_answered": "answered",
		"fb_from":            "From day",
		"fb_to":              "To day",
		"fb_filter":          "Show",
		"fb_filters":         "Filters",
		"fb_rating_col":      "Feedback",
		"fb_reset":           "Reset",
		"fb_csv":             "Download CSV",
		"fb_found_n":         "%d rating found|%d ratings found",
		"fb_ratings_n":       "%d rating|%d ratings",
		"fb_none":            "No ratings found.",
		"fb_average":         "Average score",
		"fb_scale":           "Satisfaction",
		"fb_over_time":       "Ratings by week",
		"fb_period":          "weeks from %s to %s",
		"fb_week":            "week of %s: %s (%s)",
		"fb_when":            "Date",
		"fb_comment":         "Comment",
		"fb_no_comment":      "no comment",
		"fb_prev":            "← Newer",
		"fb_next":            "Older →",
		"fb_page":            "Page %d",
		"fb_rating":          "Rating #%d",
		"fb_thread":          "Thread",
		"fb_resident":        "Resident",
		"fb_manager_tg":      "Manager (Telegram)",
		"fb_staff":           "Staff (admin web)",
		"fb_answer":          "Answer the resident",
		"fb_answer_hint":     "The resident gets it in the messenger the rating came from and can reply.",
		"fb_send":            "Send the answer",
		"fb_handled":         "Handled",
		"fb_done_answered":   "The answer is on its way to the resident.",
		"fb_done_handled":    "Marked as handled.",
		"fb_done_already":    "It was handled already.",
		"fb_done_twice":      "This answer was sent already.",
		"fb_answer_empty":    "Write the answer: an empty one cannot be sent.",
		"fb_answer_moved_on": "While you were writing, a new message came into the thread (see above). Your answer was not sent and is still in the form: read the thread and press «Send the answer» again if it is still needed.",
		"fb_answer_long":     "The answer is too long: up to %d characters, and it has %d. Please shorten it.",
		"fb_answer_form":     "The answer form is stale. Copy the text, reload the page and send it again.",
		"fb_window":          "window %d",
		"fb_revision":        "changed by the resident",
		"fb_replied":         "The resident replied — the rating is open again.",
		"sat_excellent":      "excellent",
		"sat_good":           "good",
		"sat_poor":           "poor",
		"sat_terrible":       "terrible",
		"aspect_wait":        "waiting time",
		"aspect_polite":      "staff politeness",
		"aspect_skill":       "staff competence",
		"aspect_place":       "premises",
		"aspect_result":      "result of the service",
		"home_manager":       "Visitors' ratings of the CNAPs in your scope: answer them and mark them handled.",
	},
}

func init() {
	for l, m := range feedbackTexts {
		maps.Copy(texts[l], m)
	}
	funcs["plural"] = plural
	funcs["trf"] = trf
}

// trf returns the text key in lang with args filled in.
func trf(lang, key string, args ...any) string { return fmt.Sprintf(tr(lang, key), args...) }

// plural returns the text key (plural forms separated by "|") for n in
// lang, with n filled in: "Знайдено 3 оцінки", "Знайдено 11 оцінок".
func plural(lang, key string, n int) string {
	return fmt.Sprintf(pluralForm(lang, n, tr(lang, key)), n)
}
