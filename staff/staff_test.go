package staff_test

import (
	"testing"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/staff"
)

func demoCity(t *testing.T) vikno.City {
	t.Helper()
	cfg, err := configs.Load("", nil)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.City
}

func TestCheckNormalisesAndValidatesRoles(t *testing.T) {
	city := demoCity(t)
	loc := city.Locations[0]
	cat := city.Spheres[0].Categories[0].ID
	tests := []struct {
		name string
		user staff.User
		ok   bool
	}{
		{"AdminIsFine", staff.User{Login: " Olena ", Role: staff.RoleAdmin}, true},
		{"UnknownRoleIsRefused", staff.User{Login: "olena", Role: "boss"}, false},
		{"CyrillicLoginIsRefused", staff.User{Login: "олена", Role: staff.RoleEditor}, false},
		{"ManagerOfALocationIsFine", staff.User{Login: "m1", Role: staff.RoleManager, Level: cases.LevelLocation, Scope: loc.ID}, true},
		{"ManagerOfAnUnknownLocationIsRefused", staff.User{Login: "m1", Role: staff.RoleManager, Level: cases.LevelLocation, Scope: "nowhere"}, false},
		{"ManagerWithoutLevelIsRefused", staff.User{Login: "m1", Role: staff.RoleManager}, false},
		{"ExecutorWithCategoryIsFine", staff.User{Login: "e1", Role: staff.RoleExecutor, Categories: []string{cat}}, true},
		{"ExecutorWithoutCategoryIsRefused", staff.User{Login: "e1", Role: staff.RoleExecutor}, false},
		{"ExecutorWithUnknownCategoryIsRefused", staff.User{Login: "e1", Role: staff.RoleExecutor, Categories: []string{"no-such"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := tt.user.Check(city)
			if (err == nil) != tt.ok {
				t.Fatalf("Check(%+v) err = %v, want ok=%v", tt.user, err, tt.ok)
			}
			if err == nil && (u.Login != staff.NormalizeLogin(tt.user.Login) || u.Name == "") {
				t.Fatalf("not normalised: %+v", u)
			}
		})
	}
}

func TestRolesAndScopes(t *testing.T) {
	city := demoCity(t)
	a, b := city.Locations[0].ID, city.Locations[1].ID
	cat := city.Spheres[0].Categories[0].ID
	admin := staff.User{ID: 1, Role: staff.RoleAdmin}
	editor := staff.User{ID: 2, Role: staff.RoleEditor}
	manager := staff.User{ID: 3, Role: staff.RoleManager, Level: cases.LevelLocation, Scope: a}
	executor := staff.User{ID: 4, Role: staff.RoleExecutor, Categories: []string{cat}}
	if !admin.Can(staff.RoleEditor) || !editor.Can(staff.RoleEditor) || manager.Can(staff.RoleEditor) {
		t.Fatal("Can(editor) is wrong")
	}
	disabled := editor
	disabled.Disabled = true
	if disabled.Can(staff.RoleEditor) {
		t.Fatal("a disabled editor can edit")
	}
	if !manager.Covers(city, a) || manager.Covers(city, b) || editor.Covers(city, a) || !admin.Covers(city, b) {
		t.Fatal("Covers is wrong")
	}
	if !executor.HandlesCategory(cat) || executor.HandlesCategory("other-cat") || manager.HandlesCategory(cat) {
		t.Fatal("HandlesCategory is wrong")
	}
}
