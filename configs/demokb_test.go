package configs_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/knowledge/demokb"
)

// appealNameRe finds the appeal topic a demo article tells residents to
// choose: «подайте звернення «Не світить ліхтар»», "File an appeal "Lift
// out of order"".
var appealNameRe = regexp.MustCompile(`(?i)(?:звернення|appeal)(?: в категорії| на тему| in the category)? [«"“]([^»"”]+)[»"”]`)

// The demo articles name appeal topics as the demo city's bot shows them, so
// a resident finds the topic an article promises.
func TestDemoArticlesNameAppealTopicsThatExist(t *testing.T) {
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	topics := map[string]bool{}
	add := func(names ...string) {
		for _, n := range names {
			topics[strings.ReplaceAll(n, "'", "’")] = true
		}
	}
	for _, s := range city.Spheres {
		add(s.Name, s.NameEN)
		for _, c := range s.Categories {
			add(c.Name, c.NameEN)
		}
	}
	if d := city.Dispatcher; d != nil {
		add(d.Name, d.NameEN)
	}
	articles, err := demokb.Articles()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, a := range articles {
		for _, m := range appealNameRe.FindAllStringSubmatch(a.Body, -1) {
			checked++
			if name := strings.ReplaceAll(m[1], "'", "’"); !topics[name] {
				t.Errorf("article %s (%s) names the appeal topic «%s», which the demo city does not have", a.ID, localeOf(a), m[1])
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d topic names found: the pattern no longer matches the articles", checked)
	}
}

func localeOf(a knowledge.Article) string {
	if a.Locale == "" {
		return knowledge.LocaleUK
	}
	return a.Locale
}

// Every demo article passes the checks the article editor and the imports
// apply against the demo city: its next-step button books a bookable
// service or files an existing category, and its body fits one message.
func TestDemoArticlesPassTheEditorsChecks(t *testing.T) {
	city, err := configs.DemoCity()
	if err != nil {
		t.Fatal(err)
	}
	articles, err := demokb.Articles()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range articles {
		if f := knowledge.CityFault(a, city); f != nil {
			t.Errorf("article %s (%s): %v", a.ID, localeOf(a), f)
		}
	}
}
