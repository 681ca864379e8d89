package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestViberSettingsComeFromTheEnvironment(t *testing.T) {
	cfg, err := Load("", []string{"VIKNO_VIBER_TOKEN=tok", "VIKNO_VIBER_NAME=Вікно Львів", "VIKNO_VIBER_AVATAR=https://x.example/a.png",
		"VIKNO_VIBER_URI=viknolviv", "VIKNO_VIBER_NOTICES=appeal_status, alert", "VIKNO_VIBER_API_URL=http://127.0.0.1:9/pa"})
	if err != nil {
		t.Fatal(err)
	}
	v := cfg.Viber
	if v.Token != "tok" || v.Name != "Вікно Львів" || v.Avatar != "https://x.example/a.png" || v.URI != "viknolviv" ||
		len(v.Notices) != 2 || v.Notices[1] != "alert" || v.APIURL != "http://127.0.0.1:9/pa" {
		t.Fatalf("viber config %+v", v)
	}
}

func TestViberTokenIsNotReadFromTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "vikno.yaml")
	os.WriteFile(path, []byte("viber:\n  token: secret\n"), 0o600)
	if _, err := Load(path, nil); err == nil || !strings.Contains(err.Error(), "token") {
		t.Fatalf("a token in the file was accepted: %v", err)
	}
}

func TestBadViberSettingsNameTheKey(t *testing.T) {
	cases := map[string]string{
		"VIKNO_VIBER_NAME=" + strings.Repeat("я", 29):  "viber.name",
		"VIKNO_VIBER_AVATAR=avatar.png":                "viber.avatar",
		"VIKNO_VIBER_URI=viber://pa?chatURI=x":         "viber.uri",
		"VIKNO_VIBER_NOTICES=appeal_status,Broadcast!": "viber.notices",
		"VIKNO_VIBER_API_URL=chatapi":                  "viber.api_url",
	}
	for env, key := range cases {
		if _, err := Load("", []string{env}); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%s: error %v, want one naming %s", env, err, key)
		}
	}
}
