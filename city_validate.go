package vikno

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // time zones work on hosts without system tzdata
)

// dateLayout is how holidays and closures are written.
const dateLayout = "2006-01-02"

// maxIDLen keeps ids short enough for Telegram's 64-byte callback data.
const maxIDLen = 40

// weekdayKeys are the keys of Location.Hours, indexed by time.Weekday.
var weekdayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// regionKinds are the allowed values of Region.Kind.
var regionKinds = []string{"country", "oblast", "city", "hromada"}

// TimeRange is a part of a day in minutes after midnight, from Start
// (inclusive) to End (exclusive).
type TimeRange struct {
	Start, End int
}

// Validate checks the city and returns an error naming the first bad key,
// for example `locations[3].hours.tue: "25:00-20:00" is not HH:MM-HH:MM`.
// Keys are checked in file order, so the same file always gives the same error.
func (c City) Validate() error {
	checks := []func() error{
		c.validateHeader,
		c.validateRegions,
		c.validateDistricts,
		c.validateServices,
		c.validateLocations,
		c.validateExecutors,
		c.validateSpheres,
		c.validateDispatcher,
		c.validateHolidays,
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

// invalid returns an error for the key at path.
func invalid(path, format string, args ...any) error {
	return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
}

func (c City) validateHeader() error {
	if strings.TrimSpace(c.Name) == "" {
		return invalid("name", "must not be empty")
	}
	if c.TimeZone == "" {
		return invalid("time_zone", "must not be empty (e.g. Europe/Kyiv)")
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return invalid("time_zone", "unknown time zone %q", c.TimeZone)
	}
	return c.Bounds.validate()
}

func (b Bounds) validate() error {
	switch {
	case b.MinLat < -90 || b.MaxLat > 90:
		return invalid("bounds", "latitudes must be within -90..90")
	case b.MinLon < -180 || b.MaxLon > 180:
		return invalid("bounds", "longitudes must be within -180..180")
	case b.MinLat >= b.MaxLat:
		return invalid("bounds.min_lat", "%g must be less than max_lat %g", b.MinLat, b.MaxLat)
	case b.MinLon >= b.MaxLon:
		return invalid("bounds.min_lon", "%g must be less than max_lon %g", b.MinLon, b.MaxLon)
	}
	return nil
}

// checkID checks that id is a short lowercase ASCII slug not seen before.
func checkID(path, id string, seen map[string]bool) error {
	if id == "" {
		return invalid(path, "must not be empty")
	}
	if len(id) > maxIDLen {
		return invalid(path, "%q is longer than %d characters", id, maxIDLen)
	}
	for _, r := range id {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return invalid(path, "%q may only contain a-z, 0-9 and '-'", id)
		}
	}
	if seen[id] {
		return invalid(path, "duplicate id %q", id)
	}
	seen[id] = true
	return nil
}

func checkName(path, name string) error {
	if strings.TrimSpace(name) == "" {
		return invalid(path, "must not be empty")
	}
	return nil
}

func (c City) validateRegions() error {
	seen := make(map[string]bool, len(c.Regions))
	for i, r := range c.Regions {
		p := fmt.Sprintf("regions[%d]", i)
		if err := checkID(p+".id", r.ID, seen); err != nil {
			return err
		}
		if err := checkName(p+".name", r.Name); err != nil {
			return err
		}
		if !slices.Contains(regionKinds, r.Kind) {
			return invalid(p+".kind", "%q must be one of %s", r.Kind, strings.Join(regionKinds, ", "))
		}
	}
	for i, r := range c.Regions {
		p := fmt.Sprintf("regions[%d].parent", i)
		if r.Parent == "" {
			continue
		}
		if !seen[r.Parent] {
			return invalid(p, "unknown region %q", r.Parent)
		}
		if c.regionCycle(r.ID) {
			return invalid(p, "%q makes a cycle of parents", r.Parent)
		}
	}
	return nil
}

// regionCycle reports whether following parents from id comes back to id.
func (c City) regionCycle(id string) bool {
	cur := id
	for range len(c.Regions) {
		r, ok := c.Region(cur)
		if !ok || r.Parent == "" {
			return false
		}
		if r.Parent == id {
			return true
		}
		cur = r.Parent
	}
	return false // a cycle further up is reported for one of its members
}

func (c City) validateServices() error {
	seen := make(map[string]bool, len(c.Services))
	for i, s := range c.Services {
		p := fmt.Sprintf("services[%d]", i)
		if err := checkID(p+".id", s.ID, seen); err != nil {
			return err
		}
		if err := checkName(p+".name", s.Name); err != nil {
			return err
		}
		if s.VisitMinutes < 0 || s.VisitMinutes > 8*60 {
			return invalid(p+".visit_minutes", "%d must be within 0..480", s.VisitMinutes)
		}
		if s.Bookable && s.VisitMinutes == 0 {
			return invalid(p+".visit_minutes", "must be positive when bookable is true")
		}
		if err := checkKeywords(p, s.Keywords); err != nil {
			return err
		}
	}
	return nil
}

// checkKeywords checks that keywords are lowercase and not empty.
func checkKeywords(p string, keywords []string) error {
	for k, w := range keywords {
		kp := fmt.Sprintf("%s.keywords[%d]", p, k)
		if strings.TrimSpace(w) == "" {
			return invalid(kp, "must not be empty")
		}
		if strings.ToLower(w) != w {
			return invalid(kp, "%q must be lowercase", w)
		}
	}
	return nil
}

func (c City) validateLocations() error {
	seen := make(map[string]bool, len(c.Locations))
	for i, l := range c.Locations {
		p := fmt.Sprintf("locations[%d]", i)
		if err := checkID(p+".id", l.ID, seen); err != nil {
			return err
		}
		if err := c.validateLocation(p, l); err != nil {
			return err
		}
	}
	return nil
}

func (c City) validateLocation(p string, l Location) error {
	if err := checkName(p+".name", l.Name); err != nil {
		return err
	}
	if _, ok := c.Region(l.Region); !ok {
		return invalid(p+".region", "unknown region %q", l.Region)
	}
	if l.Lat < c.Bounds.MinLat || l.Lat > c.Bounds.MaxLat {
		return invalid(p+".lat", "%g is outside the city bounds %g..%g", l.Lat, c.Bounds.MinLat, c.Bounds.MaxLat)
	}
	if l.Lon < c.Bounds.MinLon || l.Lon > c.Bounds.MaxLon {
		return invalid(p+".lon", "%g is outside the city bounds %g..%g", l.Lon, c.Bounds.MinLon, c.Bounds.MaxLon)
	}
	if l.Windows < 1 {
		return invalid(p+".windows", "%d must be at least 1", l.Windows)
	}
	if l.BookingWindows < 1 || l.BookingWindows > l.Windows {
		return invalid(p+".booking_windows", "%d must be within 1..windows (%d)", l.BookingWindows, l.Windows)
	}
	if err := validateHours(p+".hours", l.Hours); err != nil {
		return err
	}
	for j, b := range l.Breaks {
		if _, err := parseTimeRange(fmt.Sprintf("%s.breaks[%d]", p, j), b); err != nil {
			return err
		}
	}
	for j, d := range l.Closures {
		if err := checkDate(fmt.Sprintf("%s.closures[%d]", p, j), d); err != nil {
			return err
		}
	}
	for j, s := range l.Services {
		if _, ok := c.Service(s); !ok {
			return invalid(fmt.Sprintf("%s.services[%d]", p, j), "unknown service %q", s)
		}
	}
	return nil
}

// validateHours checks the weekdays in calendar order, then reports the
// alphabetically first unknown key, so errors do not depend on map order.
func validateHours(p string, hours map[string]string) error {
	for _, day := range weekdayKeys {
		v, ok := hours[day]
		if !ok || v == "" {
			continue
		}
		if _, err := parseTimeRange(p+"."+day, v); err != nil {
			return err
		}
	}
	var unknown []string
	for k := range hours {
		if !slices.Contains(weekdayKeys[:], k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return invalid(p+"."+unknown[0], "unknown weekday (want mon, tue, wed, thu, fri, sat or sun)")
	}
	return nil
}

// parseTimeRange parses "HH:MM-HH:MM"; the end may be 24:00.
func parseTimeRange(path, s string) (TimeRange, error) {
	from, to, ok := strings.Cut(s, "-")
	start, okStart := parseClock(from)
	end, okEnd := parseClock(to)
	if !ok || !okStart || !okEnd {
		return TimeRange{}, invalid(path, "%q is not HH:MM-HH:MM", s)
	}
	if start >= end {
		return TimeRange{}, invalid(path, "%q must start before it ends", s)
	}
	return TimeRange{Start: start, End: end}, nil
}

// parseClock parses "HH:MM" into minutes after midnight; "24:00" is allowed.
func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func checkDate(path, s string) error {
	if _, err := time.Parse(dateLayout, s); err != nil {
		return invalid(path, "%q is not a date YYYY-MM-DD", s)
	}
	return nil
}

func (c City) validateExecutors() error {
	seen := make(map[string]bool, len(c.Executors))
	for i, e := range c.Executors {
		p := fmt.Sprintf("executors[%d]", i)
		if err := checkID(p+".id", e.ID, seen); err != nil {
			return err
		}
		if err := checkName(p+".name", e.Name); err != nil {
			return err
		}
	}
	return nil
}

func (c City) validateSpheres() error {
	spheres := make(map[string]bool, len(c.Spheres))
	categories := make(map[string]bool)
	for i, s := range c.Spheres {
		p := fmt.Sprintf("spheres[%d]", i)
		if err := checkID(p+".id", s.ID, spheres); err != nil {
			return err
		}
		if err := checkName(p+".name", s.Name); err != nil {
			return err
		}
		for j, cat := range s.Categories {
			cp := fmt.Sprintf("%s.categories[%d]", p, j)
			if err := checkID(cp+".id", cat.ID, categories); err != nil {
				return err
			}
			if err := c.validateCategory(cp, cat); err != nil {
				return err
			}
		}
	}
	return nil
}

// validateDispatcher checks the catch-all category: a known executor, a
// name and exactly one term; no regular category may take its id.
func (c City) validateDispatcher() error {
	if c.Dispatcher == nil {
		return nil
	}
	for i, s := range c.Spheres {
		for j, cat := range s.Categories {
			if cat.ID == OtherCategory {
				return invalid(fmt.Sprintf("spheres[%d].categories[%d].id", i, j), "%q is reserved for the dispatcher", OtherCategory)
			}
		}
	}
	return c.validateCategory("dispatcher", c.Dispatcher.category())
}

func (c City) validateCategory(p string, cat Category) error {
	if err := checkName(p+".name", cat.Name); err != nil {
		return err
	}
	if _, ok := c.Executor(cat.Executor); !ok {
		return invalid(p+".executor", "unknown executor %q", cat.Executor)
	}
	switch {
	case cat.Hours < 0:
		return invalid(p+".hours", "%d must not be negative", cat.Hours)
	case cat.Days < 0:
		return invalid(p+".days", "%d must not be negative", cat.Days)
	case cat.Hours > 0 && cat.Days > 0:
		return invalid(p, "hours and days are both set; set exactly one of them")
	case cat.Hours == 0 && cat.Days == 0:
		return invalid(p, "neither hours nor days is set; set exactly one of them")
	}
	return checkKeywords(p, cat.Keywords)
}

func (c City) validateHolidays() error {
	for i, d := range c.Holidays {
		if err := checkDate(fmt.Sprintf("holidays[%d]", i), d); err != nil {
			return err
		}
	}
	return nil
}

// Location returns the location with the given id.
func (c City) Location(id string) (Location, bool) {
	for _, l := range c.Locations {
		if l.ID == id {
			return l, true
		}
	}
	return Location{}, false
}

// Service returns the service with the given id.
func (c City) Service(id string) (Service, bool) {
	for _, s := range c.Services {
		if s.ID == id {
			return s, true
		}
	}
	return Service{}, false
}

// Category returns the appeal category with the given id and the sphere it
// belongs to. OtherCategory is the dispatcher's catch-all category (in no
// sphere) when the city has a dispatcher.
func (c City) Category(id string) (Category, Sphere, bool) {
	if id == OtherCategory && c.Dispatcher != nil {
		return c.Dispatcher.category(), Sphere{}, true
	}
	for _, s := range c.Spheres {
		for _, cat := range s.Categories {
			if cat.ID == id {
				return cat, s, true
			}
		}
	}
	return Category{}, Sphere{}, false
}

// Executor returns the executor with the given id.
func (c City) Executor(id string) (Executor, bool) {
	for _, e := range c.Executors {
		if e.ID == id {
			return e, true
		}
	}
	return Executor{}, false
}

// Region returns the region with the given id.
func (c City) Region(id string) (Region, bool) {
	for _, r := range c.Regions {
		if r.ID == id {
			return r, true
		}
	}
	return Region{}, false
}

// RegionCovers reports whether a manager scoped to scopeRegionID sees the
// location: its region is the scope region or lies inside it (a descendant).
// It is false for an unknown location or region.
func (c City) RegionCovers(scopeRegionID, locationID string) bool {
	l, ok := c.Location(locationID)
	if !ok || scopeRegionID == "" {
		return false
	}
	id := l.Region
	for range len(c.Regions) + 1 { // bounded even if the file has a cycle
		if id == scopeRegionID {
			return true
		}
		r, ok := c.Region(id)
		if !ok || r.Parent == "" {
			return false
		}
		id = r.Parent
	}
	return false
}

var locCache sync.Map // time zone name → *time.Location

// Loc returns the city's time zone. A validated city always has one; an
// unknown name gives time.UTC.
func (c City) Loc() *time.Location {
	if v, ok := locCache.Load(c.TimeZone); ok {
		return v.(*time.Location)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	locCache.Store(c.TimeZone, loc)
	return loc
}

// ClosedOn reports whether location l is closed for the whole of the calendar
// day of t (taken in the city's time zone): a city holiday, one of l's
// closures, or a weekday without hours.
func (c City) ClosedOn(l Location, t time.Time) bool {
	t = t.In(c.Loc())
	date := t.Format(dateLayout)
	if slices.Contains(c.Holidays, date) || slices.Contains(l.Closures, date) {
		return true
	}
	_, _, open := l.OpenHours(t.Weekday())
	return !open
}

// OpenHours returns when the location opens and closes on the weekday, in
// minutes after midnight (local time). ok is false when it is closed that day
// or its hours are malformed. Breaks are not subtracted; see BreakTimes.
func (l Location) OpenHours(weekday time.Weekday) (open, closes int, ok bool) {
	if weekday < time.Sunday || weekday > time.Saturday {
		return 0, 0, false
	}
	v := l.Hours[weekdayKeys[weekday]]
	if v == "" {
		return 0, 0, false
	}
	r, err := parseTimeRange("", v)
	if err != nil {
		return 0, 0, false
	}
	return r.Start, r.End, true
}

// BreakTimes returns the location's daily breaks in the order written,
// skipping malformed entries (Validate rejects them).
func (l Location) BreakTimes() []TimeRange {
	out := make([]TimeRange, 0, len(l.Breaks))
	for _, b := range l.Breaks {
		if r, err := parseTimeRange("", b); err == nil {
			out = append(out, r)
		}
	}
	return out
}

// Offers reports whether the location provides the service.
func (l Location) Offers(serviceID string) bool {
	return slices.Contains(l.Services, serviceID)
}
