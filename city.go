package vikno

// City is the static description of one deployment's city: where its CNAPs
// are, what they offer, how appeals are routed. The embedded demo city is used
// when the configuration names no other.
type City struct {
	Name    string `yaml:"name"`
	Demo    bool   `yaml:"demo"`    // true for the embedded demo data
	Hotline string `yaml:"hotline"` // phone number residents can call, e.g. "1580"
	// TimeZone is an IANA name; opening hours and booking days are in it.
	TimeZone string `yaml:"time_zone"`
	// Bounds is the rectangle appeals' coordinates must fall into.
	Bounds  Bounds   `yaml:"bounds"`
	Regions []Region `yaml:"regions"`
	// Districts are the city's districts residents subscribe to outage
	// notices by.
	Districts []District `yaml:"districts"`
	Locations []Location `yaml:"locations"`
	Services  []Service  `yaml:"services"`
	Executors []Executor `yaml:"executors"`
	Spheres   []Sphere   `yaml:"spheres"`
	// Dispatcher takes the appeals no category fits («Інша проблема»);
	// without it residents must pick a category.
	Dispatcher *Dispatcher `yaml:"dispatcher"`
	Holidays   []string    `yaml:"holidays"` // "2026-12-25": every location closed
	// Places are known addresses with coordinates (see NearestAddress).
	Places []Place `yaml:"places"`
}

// OtherCategory is the id of the category of appeals no category fits,
// routed to the city's dispatcher.
const OtherCategory = "other"

// Dispatcher is the default executor of appeals: the ones filed as «Інша
// проблема» go to it, under the name and term given here.
type Dispatcher struct {
	Executor string `yaml:"executor"` // Executor.ID
	Name     string `yaml:"name"`     // how the bot names such appeals
	NameEN   string `yaml:"name_en"`
	Hours    int    `yaml:"hours"`
	Days     int    `yaml:"days"`
}

// category is the dispatcher's catch-all category.
func (d Dispatcher) category() Category {
	return Category{ID: OtherCategory, Name: d.Name, NameEN: d.NameEN, Executor: d.Executor, Hours: d.Hours, Days: d.Days}
}

// Bounds is a latitude/longitude rectangle.
type Bounds struct {
	MinLat float64 `yaml:"min_lat"`
	MinLon float64 `yaml:"min_lon"`
	MaxLat float64 `yaml:"max_lat"`
	MaxLon float64 `yaml:"max_lon"`
}

// Contains reports whether the point lies inside b.
func (b Bounds) Contains(lat, lon float64) bool {
	return lat >= b.MinLat && lat <= b.MaxLat && lon >= b.MinLon && lon <= b.MaxLon
}

// Region is a territory for managers' scopes: a country, an oblast, a city or
// a hromada. Parent is empty for the country.
type Region struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en"`
	Kind   string `yaml:"kind"` // country | oblast | city | hromada
	Parent string `yaml:"parent"`
}

// Location is one CNAP office.
type Location struct {
	ID      string `yaml:"id"`
	Name    string `yaml:"name"`
	NameEN  string `yaml:"name_en"`
	Address string `yaml:"address"`
	// AddressEN is the address for English-speaking residents.
	AddressEN string  `yaml:"address_en"`
	Region    string  `yaml:"region"` // Region.ID
	Lat       float64 `yaml:"lat"`
	Lon       float64 `yaml:"lon"`
	Phone     string  `yaml:"phone"`
	Windows   int     `yaml:"windows"` // service windows in the hall
	// BookingWindows is how many windows take booked visits at the same time
	// (capacity of one slot).
	BookingWindows int `yaml:"booking_windows"`
	// Hours per weekday: keys mon..sun, value "08:00-17:00" or "" for closed;
	// Breaks are closed intervals inside the day, e.g. "13:00-13:45".
	Hours    map[string]string `yaml:"hours"`
	Breaks   []string          `yaml:"breaks"`
	Closures []string          `yaml:"closures"` // dates "2026-12-31" closed here only
	Services []string          `yaml:"services"` // Service.ID offered here
}

// Service is an administrative service with its information card.
type Service struct {
	ID        string   `yaml:"id"`
	Name      string   `yaml:"name"`
	NameEN    string   `yaml:"name_en"`
	Group     string   `yaml:"group"`     // e.g. "Паспортні послуги"
	Documents []string `yaml:"documents"` // what to bring
	Fee       string   `yaml:"fee"`       // "безоплатно" or "345,84 грн"
	Term      string   `yaml:"term"`      // "20 робочих днів"
	// The card in English (see Service.In); empty fields fall back to
	// the Ukrainian ones.
	GroupEN     string   `yaml:"group_en"`
	DocumentsEN []string `yaml:"documents_en"`
	FeeEN       string   `yaml:"fee_en"`
	TermEN      string   `yaml:"term_en"`
	Bookable    bool     `yaml:"bookable"`
	// Keywords are the words residents use for the service besides its
	// name («загранпаспорт», «прописка»), lowercase: the start of a word,
	// or a phrase.
	Keywords []string `yaml:"keywords"`
	// VisitMinutes is the length of one booked visit.
	VisitMinutes int `yaml:"visit_minutes"`
}

// Executor is a city service, utility or contractor appeals are routed to.
type Executor struct {
	ID     string `yaml:"id"`
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en"` // for English-speaking residents; Name when empty
	Phone  string `yaml:"phone"`
}

// Sphere is the first level of the appeal category tree.
type Sphere struct {
	ID         string     `yaml:"id"`
	Name       string     `yaml:"name"`
	NameEN     string     `yaml:"name_en"`
	Categories []Category `yaml:"categories"`
}

// Category is a problem residents file appeals about. Its term is given in
// hours for emergencies or in days otherwise (exactly one of them).
type Category struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	NameEN   string   `yaml:"name_en"`
	Executor string   `yaml:"executor"` // Executor.ID
	Hours    int      `yaml:"hours"`
	Days     int      `yaml:"days"`
	Keywords []string `yaml:"keywords"` // words that point to it in free text
}
