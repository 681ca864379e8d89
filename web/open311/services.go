package open311

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// serviceView is one service of services.json: an appeal category.
type serviceView struct {
	Code        string `json:"service_code"`
	Name        string `json:"service_name"`
	Description string `json:"description"`
	Metadata    bool   `json:"metadata"`
	Type        string `json:"type"`
	Keywords    string `json:"keywords"`
	Group       string `json:"group"`
}

func (h *Handler) services(w http.ResponseWriter, r *http.Request) {
	out := []serviceView{}
	for _, s := range h.svc.City.Spheres {
		for _, c := range s.Categories {
			out = append(out, serviceView{
				Code: c.ID, Name: c.Name, Description: h.serviceDescription(c), Metadata: false,
				Type: "realtime", Keywords: strings.Join(c.Keywords, ", "), Group: s.Name,
			})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// serviceDescription says who handles a category and in what term.
func (h *Handler) serviceDescription(c vikno.Category) string {
	executor := c.Executor
	if e, ok := h.svc.City.Executor(c.Executor); ok {
		executor = e.Name
	}
	term := fmt.Sprintf("%d дн.", c.Days)
	if t := cases.TermOf(c); t.Hours > 0 {
		term = fmt.Sprintf("%d год.", t.Hours)
	}
	return fmt.Sprintf("%s. Виконавець: %s. Строк: %s", c.Name, executor, term)
}

// definitionView is a service definition; no service needs extra attributes.
type definitionView struct {
	Code       string `json:"service_code"`
	Attributes []any  `json:"attributes"`
}

func (h *Handler) service(w http.ResponseWriter, r *http.Request) {
	code, err := jsonID(r.PathValue("file"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if _, _, ok := h.svc.City.Category(code); !ok {
		h.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "service_code %q not found", code))
		return
	}
	writeJSON(w, http.StatusOK, definitionView{Code: code, Attributes: []any{}})
}
