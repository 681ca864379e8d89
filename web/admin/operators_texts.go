package admin

import "strconv"

// operatorTexts are the words of the operators' pages, merged into texts.
var operatorTexts = map[string]map[string]string{
	"uk": {
		"operators":          "Оператори",
		"role_operator":      "оператор",
		"home_operator":      "Мешканці, які попросили людину, чекають у черзі.",
		"op_waiting":         "У черзі",
		"op_active":          "У розмові",
		"op_closed":          "Завершені",
		"op_callbacks":       "Замовлені дзвінки",
		"op_take":            "Взяти",
		"op_open":            "Відкрити",
		"op_send":            "Надіслати",
		"op_return":          "Повернути боту",
		"op_write":           "Повідомлення мешканцеві",
		"op_history":         "Розмова",
		"op_resident":        "Мешканець",
		"op_channel":         "Канал",
		"op_since":           "Чекає з",
		"op_operator":        "Оператор",
		"op_phone":           "Телефон",
		"op_empty":           "Зараз ніхто не чекає.",
		"op_no_callbacks":    "Замовлених дзвінків немає.",
		"op_taken_other":     "Цю розмову вже взяв інший оператор або мешканець повернувся до бота.",
		"op_not_yours":       "Ця розмова не Ваша або вже завершена.",
		"op_status_waiting":  "чекає на оператора",
		"op_status_active":   "у розмові",
		"op_status_closed":   "завершено",
		"op_ended_resident":  "мешканець повернувся до бота",
		"op_ended_operator":  "повернуто боту",
		"op_ended_timeout":   "ніхто не взяв вчасно",
		"op_live":            "Нові повідомлення з’являються тут самі.",
		"op_waiting_one":     "%d мешканець чекає",
		"op_waiting_few":     "%d мешканці чекають",
		"op_waiting_many":    "%d мешканців чекають",
		"op_from_resident":   "Мешканець",
		"op_back_to_queue":   "До черги",
		"op_take_to_answer":  "Візьміть розмову, щоб відповісти.",
		"op_others_handling": "Розмову веде інший оператор.",
	},
	"en": {
		"operators":          "Operators",
		"role_operator":      "operator",
		"home_operator":      "Residents who asked for a person wait in the queue.",
		"op_waiting":         "Waiting",
		"op_active":          "In conversation",
		"op_closed":          "Ended",
		"op_callbacks":       "Call-back requests",
		"op_take":            "Take",
		"op_open":            "Open",
		"op_send":            "Send",
		"op_return":          "Return to the bot",
		"op_write":           "Message to the resident",
		"op_history":         "Conversation",
		"op_resident":        "Resident",
		"op_channel":         "Channel",
		"op_since":           "Waiting since",
		"op_operator":        "Operator",
		"op_phone":           "Phone",
		"op_empty":           "Nobody is waiting now.",
		"op_no_callbacks":    "No call-back requests.",
		"op_taken_other":     "Another operator has taken this conversation, or the resident went back to the bot.",
		"op_not_yours":       "This conversation is not yours or has ended.",
		"op_status_waiting":  "waiting for an operator",
		"op_status_active":   "in conversation",
		"op_status_closed":   "ended",
		"op_ended_resident":  "the resident went back to the bot",
		"op_ended_operator":  "returned to the bot",
		"op_ended_timeout":   "nobody took it in time",
		"op_live":            "New messages appear here by themselves.",
		"op_waiting_one":     "%d resident waiting",
		"op_waiting_few":     "%d residents waiting",
		"op_waiting_many":    "%d residents waiting",
		"op_from_resident":   "Resident",
		"op_back_to_queue":   "Back to the queue",
		"op_take_to_answer":  "Take the conversation to answer.",
		"op_others_handling": "Another operator is handling this conversation.",
	},
}

func init() {
	for l, m := range operatorTexts {
		for k, v := range m {
			texts[l][k] = v
		}
	}
	funcs["waitingCount"] = waitingCount
}

// waitingCount says how many residents wait, with the Ukrainian plural
// (1 мешканець, 2–4 мешканці, 5–20 мешканців, 21 мешканець).
func waitingCount(lang string, n int) string {
	form := "op_waiting_many"
	switch m10, m100 := n%10, n%100; {
	case m10 == 1 && m100 != 11:
		form = "op_waiting_one"
	case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
		form = "op_waiting_few"
	}
	if lang == "en" && n != 1 {
		form = "op_waiting_many"
	}
	s := tr(lang, form)
	for i := 0; i+1 < len(s); i++ {
		if s[i:i+2] == "%d" {
			return s[:i] + strconv.Itoa(n) + s[i+2:]
		}
	}
	return s
}
