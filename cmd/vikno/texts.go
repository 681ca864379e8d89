package main

import (
	"fmt"
	"os"

	"github.com/vikno-city/vikno/configs"
	"github.com/vikno-city/vikno/dialog"
)

// loadTexts returns the built-in catalogue with the operator's texts_dir laid
// over it. A bad override file stops start-up with a message naming the file,
// line and key.
func loadTexts(cfg configs.Config) (*dialog.Catalog, error) {
	if cfg.TextsDir == "" {
		return dialog.LoadCatalog(nil)
	}
	c, err := dialog.LoadCatalog(os.DirFS(cfg.TextsDir))
	if err != nil {
		return nil, fmt.Errorf("config: texts_dir %s: %w", cfg.TextsDir, err)
	}
	return c, nil
}
