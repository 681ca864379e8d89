package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func TestZZRewrites(t *testing.T) {
	root := os.Getenv("ZZ_TEXTS")
	if root == "" {
		t.Skip()
	}
	old := &Dictionary{}
	b, _ := os.ReadFile("/tmp/russian_old.txt")
	if err := old.Parse(strings.NewReader(string(defaultSynonyms) + "\n" + string(b))); err != nil {
		t.Fatal(err)
	}
	aOld, _ := New(old)
	aNew, _ := New(nil)
	words := map[string]int{}
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(p)
		for _, tok := range (Tokenizer{}).Tokenize([]byte(Normalize(string(data)))) {
			words[string(tok.Term)]++
		}
		return nil
	})
	type row struct {
		w    string
		n    int
		o, x string
	}
	var rows []row
	for w, n := range words {
		o, x := terms(t, aOld, w), terms(t, aNew, w)
		// only rewrites: the word's own stem disappears
		if o != x && !strings.Contains(" "+x+" ", " "+strings.Fields(o+" _")[0]+" ") {
			rows = append(rows, row{w, n, o, x})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].n > rows[j].n })
	for _, r := range rows {
		fmt.Printf("%5d %-22s %-25s => %s\n", r.n, r.w, r.o, r.x)
	}
}

func TestZZWords(t *testing.T) {
	ws := os.Getenv("ZZ_WORDS")
	if ws == "" {
		t.Skip()
	}
	a, _ := New(nil)
	for _, w := range strings.Split(ws, ",") {
		fmt.Printf("%-20s => %s\n", w, terms(t, a, w))
	}
}

func TestZZHunspell(t *testing.T) {
	if os.Getenv("ZZ_HUN") == "" {
		t.Skip()
	}
	plain, _ := New(&Dictionary{})
	data, _ := os.ReadFile("/usr/share/hunspell/uk_UA.dic")
	uk := map[string]string{}
	for _, line := range strings.Split(string(data), "\n")[1:] {
		w, _, _ := strings.Cut(line, "/")
		if w == "" || strings.ToLower(w) != w {
			continue
		}
		st := plain.stems(w)
		if len(st) == 1 {
			if _, ok := uk[st[0]]; !ok {
				uk[st[0]] = w
			}
		}
	}
	for _, f := range []string{"russian.txt", "everyday.txt"} {
		b, _ := os.ReadFile("data/" + f)
		d := &Dictionary{}
		if err := d.Parse(strings.NewReader(string(b))); err != nil {
			t.Fatal(err)
		}
		for _, r := range d.Rules() {
			if r.To == "" {
				continue
			}
			to := strings.Join(plain.stems(r.To), " ")
			for _, p := range r.Phrases {
				st := plain.stems(p)
				if len(st) != 1 || st[0] == to {
					continue
				}
				if w, ok := uk[st[0]]; ok {
					fmt.Printf("%s:%d\t%s\t=> %s\tUK: %s (%s)\n", f, r.Line, p, r.To, w, st[0])
				}
			}
		}
	}
}

func TestZZCorpus(t *testing.T) {
	root := os.Getenv("ZZ_CORPUS")
	if root == "" {
		t.Skip()
	}
	plain, _ := New(&Dictionary{})
	stemOf := map[string]map[string]int{}
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(p)
		for _, tok := range (Tokenizer{}).Tokenize([]byte(Normalize(string(data)))) {
			w := string(tok.Term)
			if !strings.ContainsAny(w, "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя") {
				continue
			}
			st := plain.stems(w)
			if len(st) != 1 {
				continue
			}
			if stemOf[st[0]] == nil {
				stemOf[st[0]] = map[string]int{}
			}
			stemOf[st[0]][w]++
		}
		return nil
	})
	for _, f := range []string{"russian.txt", "everyday.txt"} {
		b, _ := os.ReadFile("data/" + f)
		d := &Dictionary{}
		if err := d.Parse(strings.NewReader(string(b))); err != nil {
			t.Fatal(err)
		}
		for _, r := range d.Rules() {
			if r.To == "" {
				continue
			}
			to := strings.Join(plain.stems(r.To), " ")
			for _, p := range r.Phrases {
				st := plain.stems(p)
				if len(st) != 1 || st[0] == to {
					continue
				}
				if ws, ok := stemOf[st[0]]; ok {
					fmt.Printf("%s:%d\t%s\t=> %s\tUK: %v\n", f, r.Line, p, r.To, ws)
				}
			}
		}
	}
}
