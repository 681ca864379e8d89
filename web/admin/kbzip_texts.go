package admin

import (
	"errors"
	"fmt"

	"github.com/vikno-city/vikno/knowledge"
)

// fileProblemTexts say knowledge's problems with an article file (its
// FileError formats, English) in another language; a format not listed
// is shown as knowledge wrote it.
var fileProblemTexts = map[string]map[string]string{
	"uk": {
		"not UTF-8 text": "Файл не в кодуванні UTF-8: збережіть його як UTF-8.",
		`front matter must start with a line "---"`:  "Файл має починатися рядком «---», після якого йдуть id, title та інші ключі.",
		`front matter is not closed by a line "---"`: "Ключі на початку файлу не закрито рядком «---».",
		"bad YAML: %s": "Помилка в ключах на початку файлу (YAML): %v.",
		"empty front matter: id and title are required":            "На початку файлу немає ключів: потрібні щонайменше id і title.",
		"front matter must be a mapping of keys to values":         "Ключі на початку файлу мають бути рядками «ключ: значення».",
		"key %q given twice":                                       "Ключ «%v» вказано двічі.",
		"unknown key %q (known: %s)":                               "Невідомий ключ «%v» (можна: %v).",
		"%s must be a single line of text":                         "«%v» має бути одним рядком тексту.",
		"%s must be a list":                                        "«%v» має бути списком: кожен пункт окремим рядком «- …».",
		"%s: each item must be non-empty text":                     "«%v»: кожен пункт списку має містити текст.",
		"published must be true or false":                          "published може бути лише true або false.",
		"id is required":                                           "Не вказано id.",
		"id %q must be 1-%d characters a-z, 0-9 and -":             "Ідентифікатор «%v» не підходить: можна від 1 до %v символів a-z, 0-9 і -.",
		"title is required":                                        "Не вказано title — основне питання статті.",
		"locale %q is not uk or en":                                "Мова «%v» не підходить: можна uk або en.",
		"action %q is not book:<id>, appeal:<id>, queue or status": "Кнопка дії «%v» невідома: можна book:<послуга>, appeal:<категорія>, queue або status.",
		"id %q is already used by %s":                              "Ідентифікатор «%v» уже має %v.",
	},
}

// fileProblem says one problem of an import in lang: a file's problem
// with its name and line, anything else as its message.
func fileProblem(l string, err error) (string, bool) {
	var fe *knowledge.FileError
	if !errors.As(err, &fe) {
		return "", false
	}
	format, ok := fileProblemTexts[l][fe.Format]
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%s:%d: %s", fe.Name, fe.Line, fmt.Sprintf(format, fe.Args...)), true
}
