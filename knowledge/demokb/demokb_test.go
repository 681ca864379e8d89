package demokb_test

import (
	"testing"

	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/knowledge/demokb"
)

func TestEmbeddedArticlesMatchTheFolder(t *testing.T) {
	embedded, err := demokb.Articles()
	if err != nil {
		t.Fatal(err)
	}
	onDisk, err := knowledge.LoadDir("articles")
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) < 150 || len(embedded) != len(onDisk) {
		t.Fatalf("embedded %d articles, folder %d; want the same, at least 150", len(embedded), len(onDisk))
	}
	for i := range embedded {
		if !knowledge.SameContent(embedded[i], onDisk[i]) {
			t.Fatalf("article %s differs between the embedded copy and the folder", embedded[i].ID)
		}
	}
}
