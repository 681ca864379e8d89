package knowledge

import (
	"strings"

	"github.com/vikno-city/vikno"
)

// CheckArticle validates an article edited outside a file (the admin web)
// by the rules of ParseArticle; errors are EINVALID and name the field.
func CheckArticle(a Article) error {
	if err := checkArticle("article", 0, &a); err != nil {
		return vikno.Errorf(vikno.EINVALID, "%s", strings.TrimPrefix(vikno.ErrorMessage(err), "article:0: "))
	}
	return nil
}
