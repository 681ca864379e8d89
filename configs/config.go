// Package configs parses Vikno's configuration: one YAML file whose every key
// can be overridden by a VIKNO_* environment variable, validated once at
// start-up, plus the embedded demo city used when no city is configured.
package configs

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/internal/hunspell"
)

//go:embed democity.yaml
var demoCityYAML []byte

// Config is the whole configuration of one Vikno process.
type Config struct {
	HTTPAddr    string `yaml:"http_addr"`
	DataDir     string `yaml:"data_dir"`
	DatabaseURL string `yaml:"database_url"`
	RedisURL    string `yaml:"redis_url"`
	// RedisPrefix namespaces every Redis key of this deployment ("vikno:"
	// when empty), so deployments and tests can share one server.
	RedisPrefix string `yaml:"redis_prefix"`
	PublicURL   string `yaml:"public_url"`
	LogFormat   string `yaml:"log_format"` // json | text
	LogLevel    string `yaml:"log_level"`  // debug | info | warn | error
	// SessionTTL is how long an idle conversation keeps its state.
	SessionTTL time.Duration `yaml:"session_ttl"`
	// CityFile names a YAML file with the city; empty means the demo city.
	CityFile string `yaml:"city_file"`
	// TextsDir names a folder with uk.yaml and/or en.yaml that override
	// texts of the built-in catalogue (relative paths are taken from the
	// config file's folder); empty means the built-in texts only.
	TextsDir string `yaml:"texts_dir"`
	// MorphologyDir names the folder of the Hunspell dictionary uk_UA.aff
	// and uk_UA.dic (Debian's hunspell-uk installs it in
	// /usr/share/hunspell) that the search reads Ukrainian word forms with,
	// in addition to its stemmer (relative paths are taken from the config
	// file's folder); empty means none.
	MorphologyDir string   `yaml:"morphology_dir"`
	Telegram      Telegram `yaml:"telegram"`
	Viber         Viber    `yaml:"viber"`
	Ratings       Ratings  `yaml:"ratings"`
	WebChat       WebChat  `yaml:"webchat"`
	Notices       Notices  `yaml:"notices"`
	// Operators are the hotline's operators answering in the chat.
	Operators Operators `yaml:"operators"`
	// OpenAPIKeys are keys integrators use for Open311 POST and the queue feed.
	APIKeys []string `yaml:"api_keys"`
	// LocationKeys are API keys of single locations (location id → key): a
	// CNAP's electronic queue system and its staff use theirs for that
	// location's queue feed and bookings only.
	LocationKeys map[string]string `yaml:"location_keys"`
	// PINKey is the secret under which appeal PINs are hashed; it comes
	// from VIKNO_PIN_KEY only, never from the file, and every replica needs
	// the same one. Empty: the embedded default keeps a key file in DataDir,
	// and PostgreSQL deployments hash with bcrypt (slow).
	PINKey string `yaml:"-"`

	City vikno.City `yaml:"-"`
}

// Telegram configures the Telegram channel.
type Telegram struct {
	Token         string  `yaml:"token"`
	Mode          string  `yaml:"mode"` // webhook | polling
	APIURL        string  `yaml:"api_url"`
	WebhookSecret string  `yaml:"webhook_secret"`
	GlobalRate    float64 `yaml:"global_rate"` // messages per second across chats
	// Username is the bot's username for deep links when getMe cannot be
	// asked (`vikno qr`, `vikno managers invite` without a token).
	Username string `yaml:"username"`
}

// WebChat configures the chat page at /chat/.
type WebChat struct {
	// Origins are the sites (https://city.example) that may embed the chat
	// with widget.js.
	Origins []string `yaml:"origins"`
	// Keep is how long web conversations are kept (default 30 days).
	Keep time.Duration `yaml:"keep"`
}

// Viber configures the Viber channel (see viber.go).
type Viber struct {
	// Token comes from VIKNO_VIBER_TOKEN only, never from the file.
	Token  string `yaml:"-"`
	APIURL string `yaml:"api_url"`
	Name   string `yaml:"name"`
	Avatar string `yaml:"avatar"`
	URI    string `yaml:"uri"`
	// Notices are the notice kinds sent to Viber; empty means the default
	// (answers, manager alerts, notices about what the resident started).
	Notices []string `yaml:"notices"`
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		HTTPAddr:   "127.0.0.1:8080",
		DataDir:    "./data",
		LogFormat:  "json",
		LogLevel:   "info",
		SessionTTL: 24 * time.Hour,
		Telegram: Telegram{
			Mode:       "polling",
			APIURL:     "https://api.telegram.org",
			GlobalRate: 25,
		},
		Viber:     Viber{APIURL: "https://chatapi.viber.com/pa"},
		Ratings:   defaultRatings(),
		Notices:   defaultNotices(),
		Operators: defaultOperators(),
	}
}

// Load reads the file at path (none when path is ""), applies the environment
// overrides from env (os.Environ form), loads the city and validates it all.
// Errors name the offending key.
func Load(path string, env []string) (Config, error) {
	cfg := Default()
	if path != "" {
		if err := decodeFile(path, &cfg); err != nil {
			return Config{}, err
		}
	}
	if err := applyEnv(&cfg, env); err != nil {
		return Config{}, err
	}
	if err := cfg.loadCity(path); err != nil {
		return Config{}, err
	}
	if err := cfg.resolveTextsDir(path); err != nil {
		return Config{}, err
	}
	if err := cfg.loadMorphology(path); err != nil {
		return Config{}, err
	}
	if err := cfg.Validate(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

func decodeFile(path string, cfg *Config) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if err := decodeStrict(data, cfg); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	return nil
}

// decodeStrict decodes YAML refusing unknown keys, so a typo in a key name is
// an error rather than a silently ignored setting.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func (c *Config) loadCity(configPath string) error {
	data := demoCityYAML
	if c.CityFile != "" {
		p := c.CityFile
		if !filepath.IsAbs(p) && configPath != "" {
			p = filepath.Join(filepath.Dir(configPath), p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("config: city_file: %w", err)
		}
		data = b
	}
	if err := decodeStrict(data, &c.City); err != nil {
		return fmt.Errorf("config: city_file: %w", err)
	}
	return nil
}

// resolveTextsDir makes texts_dir relative to the config file's folder and
// checks that it is a folder.
func (c *Config) resolveTextsDir(configPath string) error {
	if c.TextsDir == "" {
		return nil
	}
	if !filepath.IsAbs(c.TextsDir) && configPath != "" {
		c.TextsDir = filepath.Join(filepath.Dir(configPath), c.TextsDir)
	}
	fi, err := os.Stat(c.TextsDir)
	if err != nil {
		return fmt.Errorf("config: texts_dir: %w", err)
	}
	if !fi.IsDir() {
		return keyError("texts_dir", c.TextsDir+" is not a folder")
	}
	return nil
}

// loadMorphology makes morphology_dir relative to the config file's folder
// and loads the dictionary there, so that a missing or broken one stops
// start-up with the key's name; the search takes the loaded one
// (hunspell.Shared).
func (c *Config) loadMorphology(configPath string) error {
	if c.MorphologyDir == "" {
		return nil
	}
	if !filepath.IsAbs(c.MorphologyDir) && configPath != "" {
		c.MorphologyDir = filepath.Join(filepath.Dir(configPath), c.MorphologyDir)
	}
	if _, err := hunspell.Shared(c.MorphologyDir, hunspell.Ukrainian); err != nil {
		return fmt.Errorf("config: morphology_dir: %w", err)
	}
	return nil
}

// DemoCity returns the embedded demo city.
func DemoCity() (vikno.City, error) {
	var c vikno.City
	if err := decodeStrict(demoCityYAML, &c); err != nil {
		return vikno.City{}, fmt.Errorf("demo city: %w", err)
	}
	return c, c.Validate()
}

var originPattern = regexp.MustCompile(`^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$`)

// Validate checks every setting and returns an error naming the first bad key.
func (c Config) Validate() error {
	if c.HTTPAddr == "" {
		return keyError("http_addr", "must not be empty")
	}
	if c.DatabaseURL != "" && !IsPostgresURL(c.DatabaseURL) && strings.Contains(c.DatabaseURL, "://") {
		return keyError("database_url", "must be a postgres:// URL or a file path")
	}
	if c.RedisURL != "" {
		u, err := url.Parse(c.RedisURL)
		if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") {
			return keyError("redis_url", "must be a redis:// or rediss:// URL")
		}
	}
	for _, o := range c.WebChat.Origins {
		if !originPattern.MatchString(o) {
			return keyError("webchat.origins", o+" is not an origin like https://city.example")
		}
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return keyError("log_format", "must be json or text")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return keyError("log_level", "must be debug, info, warn or error")
	}
	if c.SessionTTL < time.Minute {
		return keyError("session_ttl", "must be at least 1m")
	}
	if c.PINKey != "" && len(c.PINKey) < 32 {
		return keyError("pin_key", "must be at least 32 characters (for example the output of openssl rand -hex 32)")
	}
	if err := c.Telegram.validate(); err != nil {
		return err
	}
	if err := c.Telegram.validateUsername(); err != nil {
		return err
	}
	if err := c.Viber.validate(); err != nil {
		return err
	}
	if err := c.Ratings.validate(); err != nil {
		return err
	}
	if err := c.Notices.validate(); err != nil {
		return err
	}
	if err := c.City.Validate(); err != nil {
		return fmt.Errorf("config: city: %w", err)
	}
	if err := c.Operators.validate(c.City.Loc()); err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(c.LocationKeys)) {
		key := c.LocationKeys[id]
		if _, ok := c.City.Location(id); !ok {
			return keyError("location_keys."+id, "unknown location")
		}
		if strings.TrimSpace(key) == "" {
			return keyError("location_keys."+id, "must not be empty")
		}
	}
	return nil
}

func (t Telegram) validate() error {
	if t.Mode != "webhook" && t.Mode != "polling" {
		return keyError("telegram.mode", "must be webhook or polling")
	}
	if u, err := url.Parse(t.APIURL); err != nil || u.Host == "" {
		return keyError("telegram.api_url", "must be an absolute URL")
	}
	if t.GlobalRate <= 0 {
		return keyError("telegram.global_rate", "must be positive")
	}
	return nil
}

// IsPostgresURL reports whether a database URL selects PostgreSQL.
func IsPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// SQLitePath returns the SQLite file the configuration selects: the database
// URL when it is a path, otherwise vikno.db in the data directory.
func (c Config) SQLitePath() string {
	if c.DatabaseURL != "" && !IsPostgresURL(c.DatabaseURL) {
		return strings.TrimPrefix(c.DatabaseURL, "file:")
	}
	return filepath.Join(c.DataDir, "vikno.db")
}

func keyError(key, msg string) error {
	return fmt.Errorf("config: %s: %s", key, msg)
}

// envVar describes one VIKNO_* override.
type envVar struct {
	name string
	key  string
	set  func(c *Config, v string) error
}

func str(p func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *p(c) = v; return nil }
}

var envVars = []envVar{
	{"VIKNO_HTTP_ADDR", "http_addr", str(func(c *Config) *string { return &c.HTTPAddr })},
	{"VIKNO_DATA_DIR", "data_dir", str(func(c *Config) *string { return &c.DataDir })},
	{"VIKNO_DATABASE_URL", "database_url", str(func(c *Config) *string { return &c.DatabaseURL })},
	{"VIKNO_REDIS_URL", "redis_url", str(func(c *Config) *string { return &c.RedisURL })},
	{"VIKNO_REDIS_PREFIX", "redis_prefix", str(func(c *Config) *string { return &c.RedisPrefix })},
	{"VIKNO_PUBLIC_URL", "public_url", str(func(c *Config) *string { return &c.PublicURL })},
	{"VIKNO_LOG_FORMAT", "log_format", str(func(c *Config) *string { return &c.LogFormat })},
	{"VIKNO_LOG_LEVEL", "log_level", str(func(c *Config) *string { return &c.LogLevel })},
	{"VIKNO_CITY_FILE", "city_file", str(func(c *Config) *string { return &c.CityFile })},
	{"VIKNO_TEXTS_DIR", "texts_dir", str(func(c *Config) *string { return &c.TextsDir })},
	{"VIKNO_MORPHOLOGY_DIR", "morphology_dir", str(func(c *Config) *string { return &c.MorphologyDir })},
	{"VIKNO_SESSION_TTL", "session_ttl", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.SessionTTL = d
		return err
	}},
	{"VIKNO_API_KEYS", "api_keys", func(c *Config, v string) error {
		c.APIKeys = splitList(v)
		return nil
	}},
	{"VIKNO_LOCATION_KEYS", "location_keys", func(c *Config, v string) error {
		keys, err := splitPairs(v)
		c.LocationKeys = keys
		return err
	}},
	{"VIKNO_WEBCHAT_ORIGINS", "webchat.origins", func(c *Config, v string) error {
		c.WebChat.Origins = splitList(v)
		return nil
	}},
	{"VIKNO_WEBCHAT_KEEP", "webchat.keep", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.WebChat.Keep = d
		return err
	}},
	{"VIKNO_TELEGRAM_TOKEN", "telegram.token", str(func(c *Config) *string { return &c.Telegram.Token })},
	{"VIKNO_TELEGRAM_MODE", "telegram.mode", str(func(c *Config) *string { return &c.Telegram.Mode })},
	{"VIKNO_TELEGRAM_API_URL", "telegram.api_url", str(func(c *Config) *string { return &c.Telegram.APIURL })},
	{"VIKNO_TELEGRAM_WEBHOOK_SECRET", "telegram.webhook_secret", str(func(c *Config) *string { return &c.Telegram.WebhookSecret })},
	{"VIKNO_TELEGRAM_GLOBAL_RATE", "telegram.global_rate", func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		c.Telegram.GlobalRate = f
		return err
	}},
	{"VIKNO_TELEGRAM_USERNAME", "telegram.username", str(func(c *Config) *string { return &c.Telegram.Username })},
	{"VIKNO_RATINGS_DIGEST_HOUR", "ratings.digest_hour", func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		c.Ratings.DigestHour = n
		return err
	}},
	{"VIKNO_RATINGS_INVITE_TTL", "ratings.invite_ttl", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.Ratings.InviteTTL = d
		return err
	}},
	{"VIKNO_NOTICES_DOCUMENTS_KEEP", "notices.documents_keep", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.Notices.DocumentsKeep = d
		return err
	}},
	{"VIKNO_OPERATORS_HOURS", "operators.hours", str(func(c *Config) *string { return &c.Operators.Hours })},
	{"VIKNO_OPERATORS_TIMEZONE", "operators.timezone", str(func(c *Config) *string { return &c.Operators.Timezone })},
	{"VIKNO_OPERATORS_WAIT", "operators.wait", func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		c.Operators.Wait = d
		return err
	}},
	{"VIKNO_PIN_KEY", "pin_key", str(func(c *Config) *string { return &c.PINKey })},
	{"VIKNO_VIBER_TOKEN", "viber.token", str(func(c *Config) *string { return &c.Viber.Token })},
	{"VIKNO_VIBER_API_URL", "viber.api_url", str(func(c *Config) *string { return &c.Viber.APIURL })},
	{"VIKNO_VIBER_NAME", "viber.name", str(func(c *Config) *string { return &c.Viber.Name })},
	{"VIKNO_VIBER_URI", "viber.uri", str(func(c *Config) *string { return &c.Viber.URI })},
	{"VIKNO_VIBER_AVATAR", "viber.avatar", str(func(c *Config) *string { return &c.Viber.Avatar })},
	{"VIKNO_VIBER_NOTICES", "viber.notices", func(c *Config, v string) error {
		c.Viber.Notices = splitList(v)
		return nil
	}},
}

func applyEnv(c *Config, env []string) error {
	vals := make(map[string]string, len(env))
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, "VIKNO_") {
			vals[k] = v
		}
	}
	for _, ev := range envVars {
		v, ok := vals[ev.name]
		if !ok {
			continue
		}
		if err := ev.set(c, strings.TrimSpace(v)); err != nil {
			return fmt.Errorf("config: %s (%s): invalid value", ev.key, ev.name)
		}
	}
	return nil
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitPairs parses "a=1,b=2" into a map.
func splitPairs(v string) (map[string]string, error) {
	out := map[string]string{}
	for _, item := range splitList(v) {
		k, val, ok := strings.Cut(item, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("want id=key pairs")
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(val)
	}
	return out, nil
}
