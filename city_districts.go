package vikno

import "fmt"

// District is a part of the city outage notices are addressed to
// («Сихівський район»).
type District struct {
	ID     string `yaml:"id"` // [a-z0-9-], used in the notices API
	Name   string `yaml:"name"`
	NameEN string `yaml:"name_en"`
}

func (c City) validateDistricts() error {
	seen := make(map[string]bool, len(c.Districts))
	for i, d := range c.Districts {
		p := fmt.Sprintf("districts[%d]", i)
		if err := checkID(p+".id", d.ID, seen); err != nil {
			return err
		}
		if err := checkName(p+".name", d.Name); err != nil {
			return err
		}
	}
	return nil
}

// District returns the district with the given id.
func (c City) District(id string) (District, bool) {
	for _, d := range c.Districts {
		if d.ID == id {
			return d, true
		}
	}
	return District{}, false
}
