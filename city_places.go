package vikno

import "math"

// Place is a known address with its coordinates: a street corner, a
// building residents name. A point sent on the map is described by the
// nearest one.
type Place struct {
	Address   string  `yaml:"address"`
	AddressEN string  `yaml:"address_en"`
	Lat       float64 `yaml:"lat"`
	Lon       float64 `yaml:"lon"`
}

// NearbyMetres is how far a known address may be from a point to describe
// it: about a block.
const NearbyMetres = 250

// NearestAddress returns the known address (a Place or a location's
// address) nearest to the point, if one lies within NearbyMetres.
func (c City) NearestAddress(lat, lon float64) (Place, bool) {
	known := append([]Place(nil), c.Places...)
	for _, l := range c.Locations {
		if l.Address != "" && (l.Lat != 0 || l.Lon != 0) {
			known = append(known, Place{Address: l.Address, AddressEN: l.AddressEN, Lat: l.Lat, Lon: l.Lon})
		}
	}
	best, bestM := Place{}, math.Inf(1)
	for _, p := range known {
		if m := DistanceMetres(lat, lon, p.Lat, p.Lon); m < bestM {
			best, bestM = p, m
		}
	}
	return best, bestM <= NearbyMetres
}

// DistanceMetres is the great-circle distance between two points.
func DistanceMetres(lat1, lon1, lat2, lon2 float64) float64 {
	const earth = 6371000.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earth * math.Asin(math.Sqrt(a))
}

// In returns the service's card in the locale ("en" or "uk"): English
// fields where the city file has them, Ukrainian ones otherwise.
func (s Service) In(locale string) Service {
	if locale != "en" {
		return s
	}
	if s.NameEN != "" {
		s.Name = s.NameEN
	}
	if s.GroupEN != "" {
		s.Group = s.GroupEN
	}
	if len(s.DocumentsEN) > 0 {
		s.Documents = s.DocumentsEN
	}
	if s.FeeEN != "" {
		s.Fee = s.FeeEN
	}
	if s.TermEN != "" {
		s.Term = s.TermEN
	}
	return s
}

// AddressIn returns the location's address in the locale.
func (l Location) AddressIn(locale string) string {
	if locale == "en" && l.AddressEN != "" {
		return l.AddressEN
	}
	return l.Address
}

// AddressIn returns the place's address in the locale.
func (p Place) AddressIn(locale string) string {
	if locale == "en" && p.AddressEN != "" {
		return p.AddressEN
	}
	return p.Address
}
