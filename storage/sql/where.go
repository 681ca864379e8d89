package sqlstore

import (
	"strconv"
	"strings"
)

// where builds the conditions of a query and numbers their arguments $1,
// $2, ... in order.
type where struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// add adds cond, whose "?" stands for v, when ok.
func (w *where) add(cond string, ok bool, v any) {
	if ok {
		w.conds = append(w.conds, strings.Replace(cond, "?", w.arg(v), 1))
	}
}

// sql joins the conditions with AND ("1 = 1" when there are none).
func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// in adds "col IN (...)" when vals is not empty.
func in[T any](w *where, col string, vals []T) {
	if len(vals) == 0 {
		return
	}
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = w.arg(v)
	}
	w.conds = append(w.conds, col+" IN ("+strings.Join(ph, ", ")+")")
}
