package configs_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/configs"
)

// MustDemoCity returns a fresh copy of the embedded demo city; each call
// decodes anew, so a test may change it freely.
func MustDemoCity(t *testing.T) vikno.City {
	t.Helper()
	c, err := configs.DemoCity()
	if err != nil {
		t.Fatalf("demo city: %v", err)
	}
	return c
}

// Ids other parts of Vikno refer to; the demo city must keep them.
var (
	wantServiceIDs = []string{
		"id-card", "passport-abroad", "id-card-replace", "residence-register", "residence-deregister",
		"residence-extract", "emalyatko", "birth-registration", "death-registration", "marriage-registration",
		"subsidy", "birth-assistance", "low-income-assistance", "idp-registration", "fop-registration",
		"fop-termination", "llc-registration", "property-registration", "land-cadastre-extract",
		"land-plot-registration", "driver-license-exchange", "large-family-certificate",
		"construction-start-notice", "address-assignment", "kindergarten-queue", "facade-renovation",
		"tax-number", "document-pickup", "consultation",
	}
	wantCategories = map[string][]string{
		"housing": {"no-hot-water", "no-cold-water", "no-heating", "low-heating", "roof-leak",
			"sewage-blockage", "basement-flooding", "entrance-repair"},
		"lifts":       {"lift-broken"},
		"lighting":    {"street-light-out", "entrance-light-out"},
		"waste":       {"waste-not-collected", "illegal-dump"},
		"roads":       {"pothole", "sidewalk-damage", "snow-ice", "traffic-light-broken", "open-manhole"},
		"transport":   {"transport-schedule", "transport-conduct"},
		"landscaping": {"dangerous-tree", "playground-damage"},
		"other":       {"stray-animals", "dead-animal", "noise"},
	}
)

func TestDemoCityValidatesWithEnoughData(t *testing.T) {
	c := MustDemoCity(t)
	if !c.Demo || !strings.Contains(c.Name, "демо") {
		t.Errorf("demo city not marked as demo: demo=%v name=%q", c.Demo, c.Name)
	}
	if c.Hotline != "1580" || c.TimeZone != "Europe/Kyiv" {
		t.Errorf("hotline=%q time_zone=%q", c.Hotline, c.TimeZone)
	}
	categories, spheres := 0, 0
	for _, s := range c.Spheres {
		if len(s.Categories) > 0 {
			spheres++
		}
		categories += len(s.Categories)
	}
	counts := []struct {
		what     string
		got, min int
	}{
		{"locations", len(c.Locations), 8},
		{"services", len(c.Services), 25},
		{"categories", categories, 20},
		{"spheres with categories", spheres, 5},
		{"executors", len(c.Executors), 8},
		{"holidays", len(c.Holidays), 1},
	}
	for _, n := range counts {
		if n.got < n.min {
			t.Errorf("%s: got %d, want at least %d", n.what, n.got, n.min)
		}
	}
}

func TestDemoCityHasSaturdayAndEveningHours(t *testing.T) {
	c := MustDemoCity(t)
	var saturday, evening []string
	for _, l := range c.Locations {
		if _, _, ok := l.OpenHours(time.Saturday); ok {
			saturday = append(saturday, l.ID)
		}
		for d := time.Sunday; d <= time.Saturday; d++ {
			if _, closeAt, ok := l.OpenHours(d); ok && closeAt >= 19*60 {
				evening = append(evening, l.ID)
				break
			}
		}
		if _, _, ok := l.OpenHours(time.Sunday); ok {
			t.Errorf("%s is open on Sunday", l.ID)
		}
	}
	if len(saturday) == 0 {
		t.Error("no location is open on Saturday")
	}
	if len(evening) == 0 {
		t.Error("no location is open until 19:00 or later")
	}
}

func TestDemoCityKeepsReferencedIDs(t *testing.T) {
	c := MustDemoCity(t)
	for _, id := range wantServiceIDs {
		if _, ok := c.Service(id); !ok {
			t.Errorf("service %q missing", id)
		}
	}
	for sphereID, ids := range wantCategories {
		for _, id := range ids {
			_, s, ok := c.Category(id)
			if !ok {
				t.Errorf("category %q missing", id)
				continue
			}
			if s.ID != sphereID {
				t.Errorf("category %q in sphere %q, want %q", id, s.ID, sphereID)
			}
		}
	}
	center, ok := c.Location("cnap-center")
	if !ok {
		t.Fatal("location cnap-center missing")
	}
	for _, s := range c.Services {
		if !center.Offers(s.ID) {
			t.Errorf("cnap-center does not offer %q", s.ID)
		}
	}
}

func TestDemoCityTextsFitButtonsAndRouting(t *testing.T) {
	c := MustDemoCity(t)
	const maxButton = 28
	for _, s := range c.Services {
		if n := utf8.RuneCountInString(s.Name); n > maxButton {
			t.Errorf("service %s: name %q has %d characters, want ≤ %d", s.ID, s.Name, n, maxButton)
		}
		if s.NameEN == "" || s.Group == "" || s.Fee == "" || s.Term == "" || len(s.Documents) == 0 {
			t.Errorf("service %s: information card incomplete", s.ID)
		}
	}
	for _, sp := range c.Spheres {
		for _, cat := range sp.Categories {
			if n := utf8.RuneCountInString(cat.Name); n > maxButton {
				t.Errorf("category %s: name %q has %d characters, want ≤ %d", cat.ID, cat.Name, n, maxButton)
			}
			// 4..10 Ukrainian (and Russian) keywords, and up to 8 English
			// ones for residents who describe the problem in English
			var cyr, lat int
			for _, k := range cat.Keywords {
				if strings.IndexFunc(k, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0 {
					cyr++
				} else {
					lat++
				}
			}
			if cyr < 4 || cyr > 10 || lat > 8 {
				t.Errorf("category %s: %d Ukrainian and %d English keywords, want 4..10 and at most 8", cat.ID, cyr, lat)
			}
		}
	}
	for _, e := range c.Executors {
		if !strings.Contains(e.Name, "(демо)") {
			t.Errorf("executor %s: name %q not marked (демо)", e.ID, e.Name)
		}
	}
}

func TestDemoCityRegionsSupportScopes(t *testing.T) {
	c := MustDemoCity(t)
	oblasts := 0
	for _, r := range c.Regions {
		if r.Kind == "oblast" {
			oblasts++
		}
	}
	if oblasts < 2 {
		t.Errorf("got %d oblasts, want at least 2", oblasts)
	}
	outsideCity := 0
	for _, l := range c.Locations {
		if !c.RegionCovers("ua", l.ID) || !c.RegionCovers("lviv-oblast", l.ID) {
			t.Errorf("%s not covered by ua and lviv-oblast", l.ID)
		}
		if c.RegionCovers("volyn-oblast", l.ID) {
			t.Errorf("%s covered by volyn-oblast", l.ID)
		}
		if !c.RegionCovers("lviv", l.ID) {
			outsideCity++
		}
	}
	if outsideCity == 0 {
		t.Error("every location is in the city region; want some in suburbs")
	}
}

func TestBrokenCityFailsNamingTheKey(t *testing.T) {
	tests := []struct {
		name    string
		mutate  func(c *vikno.City)
		wantErr []string
	}{
		{"empty name", func(c *vikno.City) { c.Name = " " }, []string{"name:"}},
		{"unknown time zone", func(c *vikno.City) { c.TimeZone = "Europe/Atlantis" }, []string{"time_zone:", "Europe/Atlantis"}},
		{"inverted bounds", func(c *vikno.City) { c.Bounds.MinLat, c.Bounds.MaxLat = c.Bounds.MaxLat, c.Bounds.MinLat }, []string{"bounds.min_lat:"}},
		{"hour out of range", func(c *vikno.City) { c.Locations[3].Hours["tue"] = "25:00-20:00" },
			[]string{`locations[3].hours.tue: "25:00-20:00" is not HH:MM-HH:MM`}},
		{"hours without dash", func(c *vikno.City) { c.Locations[0].Hours["mon"] = "09:00 18:00" }, []string{"locations[0].hours.mon:"}},
		{"hours ending before they start", func(c *vikno.City) { c.Locations[0].Hours["wed"] = "18:00-09:00" },
			[]string{"locations[0].hours.wed:", "start before"}},
		{"unknown weekday key", func(c *vikno.City) { c.Locations[1].Hours["tues"] = "09:00-18:00" }, []string{"locations[1].hours.tues:"}},
		{"bad break", func(c *vikno.City) { c.Locations[2].Breaks = []string{"13:00-13:60"} }, []string{"locations[2].breaks[0]:"}},
		{"bad closure date", func(c *vikno.City) { c.Locations[0].Closures = []string{"2026-02-30"} }, []string{"locations[0].closures[0]:"}},
		{"unknown region", func(c *vikno.City) { c.Locations[1].Region = "atlantis" }, []string{"locations[1].region:", "atlantis"}},
		{"location outside bounds", func(c *vikno.City) { c.Locations[2].Lat = 50.45 }, []string{"locations[2].lat:", "outside"}},
		{"location east of bounds", func(c *vikno.City) { c.Locations[2].Lon = 30.52 }, []string{"locations[2].lon:", "outside"}},
		{"no windows", func(c *vikno.City) { c.Locations[0].Windows = 0 }, []string{"locations[0].windows:"}},
		{"more booking windows than windows", func(c *vikno.City) { c.Locations[0].BookingWindows = c.Locations[0].Windows + 1 },
			[]string{"locations[0].booking_windows:"}},
		{"unknown service at location", func(c *vikno.City) { c.Locations[0].Services[0] = "teleport" },
			[]string{"locations[0].services[0]:", "teleport"}},
		{"duplicate location id", func(c *vikno.City) { c.Locations[1].ID = c.Locations[0].ID }, []string{"locations[1].id:", "duplicate"}},
		{"non-ascii id", func(c *vikno.City) { c.Executors[0].ID = "тепло" }, []string{"executors[0].id:"}},
		{"duplicate service id", func(c *vikno.City) { c.Services[4].ID = c.Services[3].ID }, []string{"services[4].id:", "duplicate"}},
		{"duplicate category id across spheres", func(c *vikno.City) { c.Spheres[1].Categories[0].ID = "no-hot-water" },
			[]string{"spheres[1].categories[0].id:", "duplicate"}},
		{"bookable service without visit length", func(c *vikno.City) { c.Services[0].VisitMinutes = 0 }, []string{"services[0].visit_minutes:"}},
		{"unknown executor", func(c *vikno.City) { c.Spheres[0].Categories[0].Executor = "nobody" },
			[]string{"spheres[0].categories[0].executor:", "nobody"}},
		{"category with both hours and days", func(c *vikno.City) { c.Spheres[0].Categories[0].Days = 7 },
			[]string{"spheres[0].categories[0]:", "hours", "days"}},
		{"category with neither hours nor days", func(c *vikno.City) { c.Spheres[0].Categories[0].Hours = 0 },
			[]string{"spheres[0].categories[0]:", "exactly one"}},
		{"uppercase keyword", func(c *vikno.City) { c.Spheres[0].Categories[0].Keywords[1] = "ГВП" },
			[]string{"spheres[0].categories[0].keywords[1]:"}},
		{"unknown parent region", func(c *vikno.City) { c.Regions[3].Parent = "narnia" }, []string{"regions[3].parent:", "narnia"}},
		{"region cycle", func(c *vikno.City) { c.Regions[0].Parent = "lviv" }, []string{"regions[0].parent:", "cycle"}},
		{"unknown region kind", func(c *vikno.City) { c.Regions[0].Kind = "planet" }, []string{"regions[0].kind:"}},
		{"bad holiday", func(c *vikno.City) { c.Holidays = append(c.Holidays, "25.12.2026") }, []string{"holidays[", "25.12.2026"}},
		{"unknown dispatcher", func(c *vikno.City) {
			c.Dispatcher = &vikno.Dispatcher{Executor: "nobody", Name: "Інша проблема", Days: 15}
		},
			[]string{"dispatcher.executor:", "nobody"}},
		{"dispatcher without a term", func(c *vikno.City) {
			c.Dispatcher = &vikno.Dispatcher{Executor: "dispatch", Name: "Інша проблема"}
		},
			[]string{"dispatcher:", "exactly one"}},
		{"category taking the dispatcher's id", func(c *vikno.City) { c.Spheres[1].Categories[0].ID = vikno.OtherCategory },
			[]string{"spheres[1].categories[0].id:", "reserved"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustDemoCity(t)
			tt.mutate(&c)
			err := c.Validate()
			if err == nil {
				t.Fatal("Validate() = nil, want an error")
			}
			t.Log(err)
			for _, want := range tt.wantErr {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("Validate() = %q, want it to contain %q", err, want)
				}
			}
		})
	}
}

func TestLocationOpenHours(t *testing.T) {
	l := vikno.Location{
		Hours:  map[string]string{"mon": "09:00-18:00", "tue": "08:30-24:00", "wed": "", "thu": "bad"},
		Breaks: []string{"13:00-13:45", "nope"},
	}
	tests := []struct {
		day         time.Weekday
		open, close int
		ok          bool
	}{
		{time.Monday, 9 * 60, 18 * 60, true},
		{time.Tuesday, 8*60 + 30, 24 * 60, true},
		{time.Wednesday, 0, 0, false}, // "" is closed
		{time.Thursday, 0, 0, false},  // malformed
		{time.Sunday, 0, 0, false},    // missing key
	}
	for _, tt := range tests {
		open, closeAt, ok := l.OpenHours(tt.day)
		if open != tt.open || closeAt != tt.close || ok != tt.ok {
			t.Errorf("OpenHours(%v) = %d, %d, %v; want %d, %d, %v", tt.day, open, closeAt, ok, tt.open, tt.close, tt.ok)
		}
	}
	want := []vikno.TimeRange{{Start: 13 * 60, End: 13*60 + 45}}
	if got := l.BreakTimes(); !slices.Equal(got, want) {
		t.Errorf("BreakTimes() = %v, want %v", got, want)
	}
}

func TestCityLookups(t *testing.T) {
	c := MustDemoCity(t)
	if _, ok := c.Location("cnap-nowhere"); ok {
		t.Error("Location found an unknown id")
	}
	if e, ok := c.Executor("teplomerezha"); !ok || e.Name == "" {
		t.Errorf("Executor(teplomerezha) = %+v, %v", e, ok)
	}
	if r, ok := c.Region("volyn-oblast"); !ok || r.Parent != "ua" {
		t.Errorf("Region(volyn-oblast) = %+v, %v", r, ok)
	}
	if cat, s, ok := c.Category("lift-broken"); !ok || s.ID != "lifts" || cat.Hours == 0 {
		t.Errorf("Category(lift-broken) = %+v, %s, %v", cat, s.ID, ok)
	}
	if c.RegionCovers("lviv", "cnap-vynnyky") || !c.RegionCovers("vynnyky", "cnap-vynnyky") {
		t.Error("RegionCovers: cnap-vynnyky must be in vynnyky, not in lviv")
	}
	if c.RegionCovers("", "cnap-center") || c.RegionCovers("ua", "cnap-nowhere") {
		t.Error("RegionCovers: empty scope or unknown location must be false")
	}
	if got := c.Loc().String(); got != "Europe/Kyiv" {
		t.Errorf("Loc() = %s, want Europe/Kyiv", got)
	}
}

func TestCityClosedOn(t *testing.T) {
	c := MustDemoCity(t)
	center, _ := c.Location("cnap-center")
	lysynychi, _ := c.Location("cnap-lysynychi")
	at := func(s string) time.Time {
		d, err := time.ParseInLocation("2006-01-02 15:04", s, c.Loc())
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name string
		l    vikno.Location
		t    time.Time
		want bool
	}{
		{"holiday", center, at("2026-12-25 10:00"), true},
		{"own closure", lysynychi, at("2026-07-16 10:00"), true},
		{"sunday", center, at("2026-07-19 10:00"), true},
		{"ordinary tuesday", center, at("2026-07-14 10:00"), false},
		// 23:30 UTC on Monday is already Tuesday in Kyiv.
		{"day taken in city time", lysynychi, time.Date(2026, 7, 13, 23, 30, 0, 0, time.UTC), false},
	}
	for _, tt := range tests {
		if got := c.ClosedOn(tt.l, tt.t); got != tt.want {
			t.Errorf("%s: ClosedOn = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLoadWithoutFileUsesDemoCity(t *testing.T) {
	cfg, err := configs.Load("", nil)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if !cfg.City.Demo || len(cfg.City.Locations) == 0 {
		t.Errorf("Load did not use the demo city: %+v", cfg.City.Name)
	}
}

func TestLoadBadFileFailsNamingTheKey(t *testing.T) {
	tests := []struct {
		name    string
		config  string
		city    string // written to city.yaml beside the config when set
		env     []string
		wantErr string
	}{
		{"unknown key", "http_addr: 127.0.0.1:9090\nhttp_adr: 127.0.0.1:9091\n", "", nil, "http_adr"},
		{"unknown nested key", "telegram:\n  tokn: x\n", "", nil, "tokn"},
		{"bad log format", "log_format: xml\n", "", nil, "log_format"},
		{"bad log format from env", "", "", []string{"VIKNO_LOG_FORMAT=xml"}, "log_format"},
		{"unknown key in city file", "city_file: city.yaml\n", "name: X\nmayor: Y\n", nil, "mayor"},
		{"invalid city file", "city_file: city.yaml\n", "name: X\ntime_zone: Mars/Olympus\n", nil, "time_zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "vikno.yaml")
			writeFile(t, path, tt.config)
			if tt.city != "" {
				writeFile(t, filepath.Join(dir, "city.yaml"), tt.city)
			}
			_, err := configs.Load(path, tt.env)
			if err == nil {
				t.Fatal("Load() = nil error, want one")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Load() = %q, want it to name %q", err, tt.wantErr)
			}
		})
	}
}

func TestLoadGoodFileSucceeds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vikno.yaml")
	writeFile(t, path, "http_addr: 127.0.0.1:9090\nlog_format: text\n")
	cfg, err := configs.Load(path, []string{"VIKNO_LOG_LEVEL=debug"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if cfg.HTTPAddr != "127.0.0.1:9090" || cfg.LogFormat != "text" || cfg.LogLevel != "debug" {
		t.Errorf("Load = addr %q format %q level %q", cfg.HTTPAddr, cfg.LogFormat, cfg.LogLevel)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// English residents get the whole card in English: every service's group,
// documents, fee and term, and every location's address.
func TestDemoCityHasEnglishContentForEveryServiceAndLocation(t *testing.T) {
	c := MustDemoCity(t)
	for _, s := range c.Services {
		if s.NameEN == "" || s.GroupEN == "" || s.FeeEN == "" || s.TermEN == "" || len(s.DocumentsEN) != len(s.Documents) {
			t.Errorf("service %s lacks English content: %+v", s.ID, s)
		}
		en := s.In("en")
		for _, text := range append([]string{en.Name, en.Group, en.Fee, en.Term}, en.Documents...) {
			if strings.ContainsAny(text, "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя") {
				t.Errorf("service %s: Ukrainian in English text %q", s.ID, text)
			}
		}
	}
	for _, l := range c.Locations {
		if l.AddressEN == "" || strings.ContainsAny(l.AddressIn("en"), "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя") {
			t.Errorf("location %s: English address %q", l.ID, l.AddressEN)
		}
	}
}
