package dialog

func init() { registerTexts(rateTexts) }

func rateTexts(c *Catalog) {
	c.Add(UK, map[string]string{
		"rate.how": "Щоб оцінити візит, відскануйте камерою телефону QR-код у залі ЦНАП. " +
			"Так оцінка потрапить саме до того центру, де Вас обслуговували.",
		"rate.bad_link": "Не вдалося відкрити оцінювання за цим посиланням: QR-код, можливо, пошкоджений або застарів. " +
			"Відскануйте, будь ласка, код у залі ЦНАП ще раз.",
		"rate.stale":     "Це оцінювання вже завершено. Щоб оцінити візит ще раз, відскануйте QR-код у залі ЦНАП.",
		"rate.ask":       "Як пройшов Ваш візит до *{place}*?\nОцініть від 1 (дуже погано) до 5 (чудово).",
		"rate.ask_again": "Оберіть, будь ласка, оцінку для *{place}* кнопкою: від 1 (дуже погано) до 5 (чудово).",
		"rate.aspects": "Шкода, що візит Вас не задовольнив. Що саме було не так? " +
			"Можна позначити кілька пунктів, потім натисніть «Далі».",
		"rate.aspects_marked": "Позначено: {list}. Ще щось? Коли все — натисніть «Далі».",
		"rate.comment_low": "Опишіть кількома словами, що сталося: керівник ЦНАП побачить коментар і зможе відповісти тут. " +
			"Або натисніть «Пропустити».",
		"rate.comment_high":     "Дякуємо! Хочете щось додати? Напишіть коментар або натисніть «Пропустити».",
		"rate.comment_wait":     "Напишіть коментар текстом або натисніть «Пропустити».",
		"rate.comment_too_long": "Коментар задовгий. Скоротіть його, будь ласка, до {max} символів.",
		"rate.thanks_low": "Дякуємо за чесну оцінку! Керівник ЦНАП уже отримав її. " +
			"Якщо він відповість, відповідь прийде сюди.",
		"rate.thanks_high":        "Дякуємо за оцінку! Раді, що все вдалося.",
		"rate.updated":            "Сьогодні Ви вже оцінювали цей ЦНАП, тож ми замінили попередню оцінку новою.",
		"rate.btn_next":           "➡️ Далі",
		"rate.btn_skip":           "➡️ Пропустити",
		"rate.aspect.wait":        "⏳ Час очікування",
		"rate.aspect.polite":      "🙂 Ввічливість",
		"rate.aspect.skill":       "🎓 Компетентність",
		"rate.aspect.place":       "🏢 Приміщення",
		"rate.aspect.result":      "📄 Результат",
		"rate.aspect_name.wait":   "час очікування",
		"rate.aspect_name.polite": "ввічливість персоналу",
		"rate.aspect_name.skill":  "компетентність персоналу",
		"rate.aspect_name.place":  "приміщення",
		"rate.aspect_name.result": "результат послуги",
	})
	c.Add(EN, map[string]string{
		"rate.how": "To rate your visit, scan the QR code in the CNAP hall with your phone's camera. " +
			"That way the rating reaches exactly the centre that served you.",
		"rate.bad_link": "This rating link did not work: the QR code may be damaged or out of date. " +
			"Please scan the code in the CNAP hall again.",
		"rate.stale":     "This rating is finished. To rate a visit again, scan the QR code in the CNAP hall.",
		"rate.ask":       "How was your visit to *{place}*?\nRate it from 1 (very bad) to 5 (excellent).",
		"rate.ask_again": "Please choose a rating for *{place}* with a button: from 1 (very bad) to 5 (excellent).",
		"rate.aspects": "We are sorry the visit disappointed you. What went wrong? " +
			"You can mark several items, then press \"Next\".",
		"rate.aspects_marked": "Marked: {list}. Anything else? When done, press \"Next\".",
		"rate.comment_low": "Describe in a few words what happened: the CNAP manager will see the comment and can answer here. " +
			"Or press \"Skip\".",
		"rate.comment_high":     "Thank you! Anything to add? Type a comment or press \"Skip\".",
		"rate.comment_wait":     "Type a comment or press \"Skip\".",
		"rate.comment_too_long": "The comment is too long. Please keep it under {max} characters.",
		"rate.thanks_low": "Thank you for the honest rating! The CNAP manager has received it. " +
			"If they answer, the answer will come here.",
		"rate.thanks_high":        "Thank you for the rating! We are glad it went well.",
		"rate.updated":            "You already rated this CNAP today, so we replaced the earlier rating with this one.",
		"rate.btn_next":           "➡️ Next",
		"rate.btn_skip":           "➡️ Skip",
		"rate.aspect.wait":        "⏳ Waiting time",
		"rate.aspect.polite":      "🙂 Politeness",
		"rate.aspect.skill":       "🎓 Competence",
		"rate.aspect.place":       "🏢 Premises",
		"rate.aspect.result":      "📄 Result",
		"rate.aspect_name.wait":   "waiting time",
		"rate.aspect_name.polite": "staff politeness",
		"rate.aspect_name.skill":  "staff competence",
		"rate.aspect_name.place":  "premises",
		"rate.aspect_name.result": "result of the service",
	})
}
