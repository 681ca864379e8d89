package dialog

func init() { registerTexts(managerTexts) }

func managerTexts(c *Catalog) {
	c.Add(UK, map[string]string{
		"mgr.joined": "Готово! Сюди надходитимуть нові оцінки відвідувачів: *{scope}*.\n" +
			"Під кожною є кнопки «Відповісти» та «Опрацьовано», а щодня — короткий підсумок за попередній день.",
		"mgr.invite_bad":     "Запрошення недійсне. Попросіть адміністратора Вікна надіслати нове посилання.",
		"mgr.invite_used":    "Це запрошення вже використано. Попросіть адміністратора Вікна надіслати нове посилання.",
		"mgr.invite_expired": "Термін дії запрошення минув. Попросіть адміністратора Вікна надіслати нове посилання.",
		"mgr.no_access":      "Ця оцінка Вам недоступна: вона поза Вашою зоною відповідальності або Ваш доступ скасовано.",
		"mgr.answer_prompt": "Напишіть відповідь на оцінку #{id} ({score} з 5, {place}) одним повідомленням. " +
			"Відвідувач отримає її від імені ЦНАП.",
		"mgr.answer_too_long":  "Відповідь має бути текстом до {max} символів. Напишіть її, будь ласка, ще раз.",
		"mgr.answer_sent":      "Відповідь на оцінку #{id} надіслано відвідувачу.",
		"mgr.answer_cancelled": "Відповідь скасовано.",
		"mgr.seen":             "Оцінку #{id} позначено як опрацьовану.",
		"mgr.seen_answered":    "На оцінку #{id} вже є відповідь — вона опрацьована.",
		"mgr.none_open":        "Неопрацьованих низьких оцінок немає.",
		"mgr.btn_answer":       "✍️ Відповісти",
		"mgr.btn_done":         "✅ Опрацьовано",
		"mgr.btn_open":         "📋 Неопрацьовані",

		"alert.low":        "⚠️ *Низька оцінка: {score} з {max}*",
		"alert.high":       "⭐ Нова оцінка: *{score} з {max}*",
		"alert.changed":    "(відвідувач змінив оцінку)",
		"alert.aspects":    "Що не так: {list}",
		"alert.comment":    "Коментар: «{comment}»",
		"alert.no_comment": "Без коментаря.",
		"alert.footer":     "Оцінка #{id} · {time}",

		"answer.head": "💬 *Відповідь від {place}* на Вашу оцінку від {date}:",

		"digest.head":     "📊 *Оцінки за {date}* — {scope}",
		"digest.total":    "{n#ratings}, середня *{avg}*. Низьких (1–3): {low}, з них неопрацьованих: {open}.",
		"digest.location": "• {place}: {n#ratings}, середня {avg}, низьких {low}",
		"digest.more":     "…і ще {n} ЦНАП.",
	})
	c.Add(EN, map[string]string{
		"mgr.joined": "Done! New ratings from visitors will come here: *{scope}*.\n" +
			"Each has the buttons \"Answer\" and \"Processed\", and every day you get a short summary of the day before.",
		"mgr.invite_bad":     "The invitation is invalid. Please ask the Vikno administrator for a new link.",
		"mgr.invite_used":    "This invitation has already been used. Please ask the Vikno administrator for a new link.",
		"mgr.invite_expired": "The invitation has expired. Please ask the Vikno administrator for a new link.",
		"mgr.no_access":      "This rating is not available to you: it is outside your area or your access was revoked.",
		"mgr.answer_prompt": "Type your answer to rating #{id} ({score} of 5, {place}) in one message. " +
			"The visitor will receive it from the CNAP.",
		"mgr.answer_too_long":  "The answer must be text of up to {max} characters. Please type it again.",
		"mgr.answer_sent":      "The answer to rating #{id} was sent to the visitor.",
		"mgr.answer_cancelled": "Answer cancelled.",
		"mgr.seen":             "Rating #{id} marked as processed.",
		"mgr.seen_answered":    "Rating #{id} already has an answer: it is processed.",
		"mgr.none_open":        "There are no unprocessed low ratings.",
		"mgr.btn_answer":       "✍️ Answer",
		"mgr.btn_done":         "✅ Processed",
		"mgr.btn_open":         "📋 Unprocessed",

		"alert.low":        "⚠️ *Low rating: {score} of {max}*",
		"alert.high":       "⭐ New rating: *{score} of {max}*",
		"alert.changed":    "(the visitor changed the rating)",
		"alert.aspects":    "What went wrong: {list}",
		"alert.comment":    "Comment: \"{comment}\"",
		"alert.no_comment": "No comment.",
		"alert.footer":     "Rating #{id} · {time}",

		"answer.head": "💬 *Answer from {place}* to your rating of {date}:",

		"digest.head":     "📊 *Ratings of {date}* — {scope}",
		"digest.total":    "{n#ratings}, average *{avg}*. Low (1–3): {low}, unprocessed: {open}.",
		"digest.location": "• {place}: {n#ratings}, average {avg}, low {low}",
		"digest.more":     "…and {n} more CNAPs.",
	})
}
