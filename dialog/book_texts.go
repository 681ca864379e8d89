package dialog

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
)

// addBookingTexts adds the texts of booking, "Мої записи" and visit notices.
func addBookingTexts(c *Catalog) {
	c.Add(UK, map[string]string{
		"book.loc":             "Оберіть ЦНАП, куди Вам зручно прийти. Надішліть геолокацію — покажу найближчі.",
		"book.loc_for":         "Послуга «{service}». Оберіть ЦНАП, де її надають. Надішліть геолокацію — покажу найближчі.",
		"book.loc_near":        "Найближчі ЦНАП — угорі списку.",
		"book.loc_none":        "На жаль, цю послугу зараз не можна забронювати онлайн. Зателефонуйте, будь ласка, на гарячу лінію *{hotline}*.",
		"book.btn_near":        "📍 Найближчі до мене",
		"book.btn_mine":        "📋 Мої записи",
		"book.btn_book":        "📅 Записатися",
		"book.group":           "*{location}*. Оберіть групу послуг.",
		"book.svc":             "*{location}*. Оберіть послугу.",
		"book.svc_none":        "У цьому ЦНАП немає послуг для онлайн-запису. Оберіть інший.",
		"book.day":             "*{service}* у *{location}*.\nОберіть день.",
		"book.day_full":        "Повністю зайняті: {days}. Натисніть 🔔 — повідомлю, коли там звільниться час.",
		"book.day_none":        "На найближчі {n} робочих днів вільного часу немає.",
		"book.day_watch":       "🔔 {day}",
		"book.time":            "*{day}*, {location}. Оберіть час.",
		"book.time_none":       "На *{day}* вільного часу вже немає. Оберіть інший день або натисніть 🔔 — повідомлю, коли звільниться.",
		"book.earlier":         "◀️ Раніше",
		"book.later":           "Пізніше ▶️",
		"book.watch_ok":        "Добре! Щойно на *{day}* у {location} звільниться час, я напишу.",
		"book.known":           "Записати на *{name}*, {phone}?",
		"book.btn_me":          "✅ Так",
		"book.btn_other":       "✏️ Інші дані",
		"book.name":            "Як Вас звати? Напишіть ім'я та прізвище.",
		"book.name_bad":        "Напишіть, будь ласка, ім'я та прізвище літерами — наприклад, Олена Петренко.",
		"book.phone":           "Ваш номер телефону? Поділіться контактом або напишіть його у форматі +380XXXXXXXXX.",
		"book.btn_contact":     "📱 Поділитися номером",
		"book.phone_bad":       "Не схоже на український номер. Напишіть, будь ласка, так: +380671234567.",
		"book.phone_not_own":   "Потрібен Ваш власний номер — поділіться своїм контактом або напишіть номер.",
		"book.confirm":         "Перевірте, будь ласка:\n📍 *{location}*, {address}\n🗂 {service}\n🕒 *{when}*\n👤 {name}, {phone}",
		"book.confirm_move":    "Переносимо запис *{code}* на новий час:\n📍 *{location}*, {address}\n🗂 {service}\n🕒 *{when}*",
		"book.btn_ok":          "✅ Підтвердити",
		"book.done":            "Готово, Ви записані!\nНомер запису: *{code}*\n📍 *{location}*, {address}\n🕒 *{when}*",
		"book.moved":           "Готово, запис перенесено.\nНомер запису: *{code}*\n📍 *{location}*, {address}\n🕒 *{when}*",
		"book.bring":           "Візьміть із собою:\n{documents}",
		"book.fee":             "Вартість: {fee}.",
		"book.remind":          "Нагадаю напередодні ввечері та за годину до візиту. Якщо адміністратор ще приймає попереднього відвідувача, зачекайте, будь ласка, кілька хвилин.",
		"book.taken":           "На жаль, цей час щойно зайняли. Найближчий вільний час:",
		"book.taken_none":      "На жаль, цей час щойно зайняли, а іншого вільного часу найближчими днями немає.",
		"book.gone":            "Цей час уже недоступний. Оберіть, будь ласка, інший.",
		"book.already":         "У Вас уже є запис на цю послугу. Щоб змінити час, перенесіть його в «Мої записи».",
		"book.not_found":       "Цей запис не знайдено. Ось Ваші записи.",
		"book.not_movable":     "Цей запис уже не можна перенести: він скасований або вже почався.",
		"book.say_pick":        "Оберіть, будь ласка, варіант кнопкою або напишіть «назад».",
		"book.day_bad":         "Не зрозумів дату. Оберіть день кнопкою або напишіть, наприклад, 25.07 чи «завтра».",
		"book.time_bad":        "Не зрозумів час. Оберіть його кнопкою або напишіть, наприклад, 10:20.",
		"mybk.title":           "Ваші записи:",
		"mybk.line":            "{n}. *{when}* — {service}\n    {location}, номер *{code}*",
		"mybk.none":            "У Вас немає запланованих записів.",
		"mybk.btn":             "{n}. {when}",
		"mybk.details":         "Запис *{code}*\n📍 *{location}*, {address}\n🗂 {service}\n🕒 *{when}*\n👤 {name}, {phone}",
		"mybk.btn_cancel":      "❌ Скасувати запис",
		"mybk.btn_move":        "🔁 Перенести",
		"mybk.ask_cancel":      "Скасувати запис на *{when}* у {location}?",
		"mybk.btn_yes":         "Так, скасувати",
		"mybk.btn_keep":        "Ні, залишити",
		"mybk.cancelled":       "Запис *{code}* скасовано. Цей час тепер вільний для інших.",
		"mybk.btn_again":       "📅 Записатися знову",
		"mybk.started":         "Цей запис уже почався — скасувати чи перенести його не можна.",
		"mybk.gone":            "Цей запис уже скасовано.",
		"visit.remind_day":     "Нагадування: завтра, *{when}*, Вас чекають у *{location}*, {address}.\nНомер запису: *{code}*. Не забудьте документи.",
		"visit.remind_hour":    "За годину, о *{time}*, Ваш запис у *{location}*, {address}. Номер запису: *{code}*.",
		"visit.remind_change":  "Плани змінились? Скасуйте або перенесіть запис — час знадобиться іншим.",
		"visit.staff_cancel":   "На жаль, ЦНАП скасував Ваш запис *{code}* на *{when}* у {location}.\nПричина: {reason}\nВибачте за незручності. Оберіть, будь ласка, інший час.",
		"visit.slot_freed":     "У *{location}* на *{day}* звільнився час: {times}. Поспішіть, поки його не зайняли!",
		"visit.btn_pick":       "📅 Обрати час",
		"visit.km":             "{km} км",
		"wd.0":                 "неділя",
		"wd.1":                 "понеділок",
		"wd.2":                 "вівторок",
		"wd.3":                 "середа",
		"wd.4":                 "четвер",
		"wd.5":                 "пʼятниця",
		"wd.6":                 "субота",
		"wds.0":                "нд",
		"wds.1":                "пн",
		"wds.2":                "вт",
		"wds.3":                "ср",
		"wds.4":                "чт",
		"wds.5":                "пт",
		"wds.6":                "сб",
		"mon.1":                "січня",
		"mon.2":                "лютого",
		"mon.3":                "березня",
		"mon.4":                "квітня",
		"mon.5":                "травня",
		"mon.6":                "червня",
		"mon.7":                "липня",
		"mon.8":                "серпня",
		"mon.9":                "вересня",
		"mon.10":               "жовтня",
		"mon.11":               "листопада",
		"mon.12":               "грудня",
		"visit.when":           "{weekday}, {date} {month}, {time}",
		"visit.day":            "{weekday}, {date} {month}",
		"visit.day_btn":        "{wd} {dd}.{mm}",
		"visit.when_short":     "{dd}.{mm} {time}",
		"visit.when_list":      "{wd}, {dd}.{mm} о {time}",
		"book.time_btn_nearby": "{wd} {dd}.{mm} {time}",
	})
	c.Add(EN, map[string]string{
		"book.loc":             "Choose the CNAP you would like to visit. Share your location and I will show the nearest first.",
		"book.loc_for":         "Service \"{service}\". Choose a CNAP that provides it. Share your location and I will show the nearest first.",
		"book.loc_near":        "The nearest CNAPs are at the top.",
		"book.loc_none":        "Sorry, this service cannot be booked online now. Please call the hotline *{hotline}*.",
		"book.btn_near":        "📍 Nearest to me",
		"book.btn_mine":        "📋 My bookings",
		"book.btn_book":        "📅 Book a visit",
		"book.group":           "*{location}*. Choose a group of services.",
		"book.svc":             "*{location}*. Choose a service.",
		"book.svc_none":        "This CNAP has no services to book online. Please choose another one.",
		"book.day":             "*{service}* at *{location}*.\nChoose a day.",
		"book.day_full":        "Fully booked: {days}. Press 🔔 and I will tell you when a time frees up.",
		"book.day_none":        "There are no free times in the next {n} working days.",
		"book.day_watch":       "🔔 {day}",
		"book.time":            "*{day}*, {location}. Choose a time.",
		"book.time_none":       "No free times are left on *{day}*. Choose another day or press 🔔 and I will tell you when one frees up.",
		"book.earlier":         "◀️ Earlier",
		"book.later":           "Later ▶️",
		"book.watch_ok":        "All right! As soon as a time frees up on *{day}* at {location}, I will write to you.",
		"book.known":           "Book for *{name}*, {phone}?",
		"book.btn_me":          "✅ Yes",
		"book.btn_other":       "✏️ Other details",
		"book.name":            "What is your name? Please type your first and last name.",
		"book.name_bad":        "Please type your first and last name in letters, e.g. Olena Petrenko.",
		"book.phone":           "Your phone number? Share your contact or type it as +380XXXXXXXXX.",
		"book.btn_contact":     "📱 Share my number",
		"book.phone_bad":       "That does not look like a Ukrainian number. Please type it like +380671234567.",
		"book.phone_not_own":   "I need your own number: share your contact or type the number.",
		"book.confirm":         "Please check:\n📍 *{location}*, {address}\n🗂 {service}\n🕒 *{when}*\n👤 {name}, {phone}",
		"book.confirm_move":    "Moving booking *{code}* to a new time:\n📍 *{location}*, {address}\n🗂 {service}\n🕒 *{when}*",
		"book.btn_ok":          "✅ Confirm",
		"book.done":            "Done, you are booked!\nBooking number: *{code}*\n📍 *{location}*, {address}\n🕒 *{when}*",
		"book.moved":           "Done, the booking has been moved.\nBooking number: *{code}*\n📍 *{location}*, {address}\n🕒 *{when}*",
		"book.bring":           "Please bring:\n{documents}",
		"book.fee":             "Fee: {fee}.",
		"book.remind":          "I will remind you the evening before and an hour before the visit. If the administrator is still serving the previous visitor, please wait a few minutes.",
		"book.taken":           "Sorry, this time has just been taken. The nearest free times:",
		"book.taken_none":      "Sorry, this time has just been taken, and there are no other free times in the coming days.",
		"book.gone":            "This time is no longer available. Please choose another one.",
		"book.already":         "You already have a booking for this service. To change its time, move it in \"My bookings\".",
		"book.not_found":       "That booking was not found. Here are your bookings.",
		"book.not_movable":     "This booking can no longer be moved: it was cancelled or has started.",
		"book.say_pick":        "Please choose an option with a button or type \"back\".",
		"book.day_bad":         "I did not understand the date. Choose a day with a button or type e.g. 25.07 or \"tomorrow\".",
		"book.time_bad":        "I did not understand the time. Choose it with a button or type e.g. 10:20.",
		"mybk.title":           "Your bookings:",
		"mybk.line":            "{n}. *{when}* — {service}\n    {location}, number *{code}*",
		"mybk.none":            "You have no upcoming bookings.",
		"mybk.btn":             "{n}. {when}",
		"mybk.details":         "Booking *{code}*\n📍 *{location}*, {address}\n🗂 {service}\n🕒 *{when}*\n👤 {name}, {phone}",
		"mybk.btn_cancel":      "❌ Cancel booking",
		"mybk.btn_move":        "🔁 Move",
		"mybk.ask_cancel":      "Cancel the booking on *{when}* at {location}?",
		"mybk.btn_yes":         "Yes, cancel",
		"mybk.btn_keep":        "No, keep it",
		"mybk.cancelled":       "Booking *{code}* is cancelled. The time is free for others now.",
		"mybk.btn_again":       "📅 Book again",
		"mybk.started":         "This booking has already started, so it cannot be cancelled or moved.",
		"mybk.gone":            "This booking is already cancelled.",
		"visit.remind_day":     "Reminder: tomorrow, *{when}*, you are expected at *{location}*, {address}.\nBooking number: *{code}*. Do not forget your documents.",
		"visit.remind_hour":    "In an hour, at *{time}*, your booking at *{location}*, {address}. Booking number: *{code}*.",
		"visit.remind_change":  "Plans changed? Cancel or move the booking so that others can use the time.",
		"visit.staff_cancel":   "Sorry, the CNAP cancelled your booking *{code}* on *{when}* at {location}.\nReason: {reason}\nWe apologise. Please choose another time.",
		"visit.slot_freed":     "A time freed up at *{location}* on *{day}*: {times}. Hurry before it is taken!",
		"visit.btn_pick":       "📅 Choose a time",
		"visit.km":             "{km} km",
		"wd.0":                 "Sunday",
		"wd.1":                 "Monday",
		"wd.2":                 "Tuesday",
		"wd.3":                 "Wednesday",
		"wd.4":                 "Thursday",
		"wd.5":                 "Friday",
		"wd.6":                 "Saturday",
		"wds.0":                "Sun",
		"wds.1":                "Mon",
		"wds.2":                "Tue",
		"wds.3":                "Wed",
		"wds.4":                "Thu",
		"wds.5":                "Fri",
		"wds.6":                "Sat",
		"mon.1":                "January",
		"mon.2":                "February",
		"mon.3":                "March",
		"mon.4":                "April",
		"mon.5":                "May",
		"mon.6":                "June",
		"mon.7":                "July",
		"mon.8":                "August",
		"mon.9":                "September",
		"mon.10":               "October",
		"mon.11":               "November",
		"mon.12":               "December",
		"visit.when":           "{weekday}, {date} {month}, {time}",
		"visit.day":            "{weekday}, {date} {month}",
		"visit.day_btn":        "{wd} {dd}.{mm}",
		"visit.when_short":     "{dd}.{mm} {time}",
		"visit.when_list":      "{wd}, {dd}.{mm} at {time}",
		"book.time_btn_nearby": "{wd} {dd}.{mm} {time}",
	})
}

// dateArgs are the placeholders of a date: weekday, wd, date, dd, month,
// mm, time.
func visitDateArgs(c *Conv, t time.Time) []any {
	wd := strconv.Itoa(int(t.Weekday()))
	return []any{
		"weekday", c.S("wd." + wd), "wd", c.S("wds." + wd), "date", t.Day(), "dd", fmt.Sprintf("%02d", t.Day()),
		"month", c.S("mon." + strconv.Itoa(int(t.Month()))), "mm", fmt.Sprintf("%02d", int(t.Month())),
		"time", t.Format("15:04"),
	}
}

// visitWhen formats a time of a visit in the resident's language, "вівторок, 14
// липня, 10:20"; key picks the form (visit.when, visit.day, visit.day_btn,
// visit.when_short, visit.when_list).
func visitWhen(c *Conv, key string, t time.Time) string { return c.S(key, visitDateArgs(c, t)...) }

// visitLocName returns a location's name in the resident's language.
func visitLocName(c *Conv, l vikno.Location) string {
	if c.Locale == EN && l.NameEN != "" {
		return l.NameEN
	}
	return l.Name
}

// visitSvcName returns a service's name in the resident's language.
func visitSvcName(c *Conv, s vikno.Service) string {
	if c.Locale == EN && s.NameEN != "" {
		return s.NameEN
	}
	return s.Name
}

// visitDistanceKm is the great-circle distance between two points.
func visitDistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// visitKm formats a distance: "1,2 км" in Ukrainian, "1.2 km" in English.
func visitKm(c *Conv, d float64) string {
	s := strconv.FormatFloat(d, 'f', 1, 64)
	if c.Locale == UK {
		s = strings.Replace(s, ".", ",", 1)
	}
	return c.S("visit.km", "km", s)
}
