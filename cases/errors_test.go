package cases_test

import (
	"errors"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/configs"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func demoCity() (vikno.City, error) { return configs.DemoCity() }
