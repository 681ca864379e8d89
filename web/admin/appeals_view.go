package admin

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/dialog"
	"github.com/vikno-city/vikno/staff"
)

// choice is one option of a select, maybe the selected one.
type choice struct {
	Value, Label string
	Selected     bool
}

// appealRow is one line of the board.
type appealRow struct {
	Number, Category, Status, StatusKey, Executor, Address, District string
	Created, Due                                                     template.HTML
	Overdue                                                          bool
}

// boardView is the data of the board page.
type boardView struct {
	Query                          boardQuery
	Statuses, Categories, Executor []choice
	Districts                      []choice
	Rows                           []appealRow
	Shown                          string // "Показано 5 звернень"
	Page                           int
	PrevURL, NextURL, CSVURL       string
}

func (h *Handler) newBoardView(r *http.Request, q boardQuery, list []cases.Appeal, more bool) boardView {
	l, u, now := lang(r), accountOf(r).user, h.cfg.Now()
	v := boardView{Query: q, Page: q.Page, CSVURL: "/admin/appeals.csv?" + q.encode(1)}
	v.Statuses = append(v.Statuses, choice{"", tr(l, "ap_all"), q.Status == ""}, choice{"open", tr(l, "ap_open"), q.Status == "open"})
	for _, s := range cases.AppealStatuses {
		v.Statuses = append(v.Statuses, choice{string(s), tr(l, "st_"+string(s)), q.Status == string(s)})
	}
	v.Categories = append(v.Categories, choice{"", tr(l, "ap_all"), q.Category == ""})
	for _, s := range h.cfg.City.Spheres {
		for _, c := range s.Categories {
			if u.HandlesCategory(c.ID) {
				v.Categories = append(v.Categories, choice{c.ID, h.categoryName(l, c.ID), q.Category == c.ID})
			}
		}
	}
	if h.cfg.City.Dispatcher != nil && u.HandlesCategory(vikno.OtherCategory) {
		v.Categories = append(v.Categories, choice{vikno.OtherCategory, h.categoryName(l, vikno.OtherCategory), q.Category == vikno.OtherCategory})
	}
	v.Executor = append(v.Executor, choice{"", tr(l, "ap_all"), q.Executor == ""})
	for _, e := range h.cfg.City.Executors {
		v.Executor = append(v.Executor, choice{e.ID, e.Name, q.Executor == e.ID})
	}
	v.Districts = h.districtOptions(l, q.District, "ap_all")
	for _, a := range list {
		v.Rows = append(v.Rows, h.newRow(l, a, now))
	}
	v.Shown = fmt.Sprintf(pluralText(l, len(list), "ap_shown"), len(list))
	if q.Page > 1 {
		v.PrevURL = "/admin/appeals?" + q.encode(q.Page-1)
	}
	if more {
		v.NextURL = "/admin/appeals?" + q.encode(q.Page+1)
	}
	return v
}

// districtOptions are the city's districts with chosen selected, after an
// empty choice labelled by the text key empty.
func (h *Handler) districtOptions(l, chosen, empty string) []choice {
	out := []choice{{"", tr(l, empty), chosen == ""}}
	for _, d := range h.cfg.City.Districts {
		out = append(out, choice{d.ID, h.districtName(l, d.ID), d.ID == chosen})
	}
	return out
}

func (h *Handler) districtName(l, id string) string {
	d, ok := h.cfg.City.District(id)
	switch {
	case !ok:
		return id
	case l == "en" && d.NameEN != "":
		return d.NameEN
	}
	return d.Name
}

func (h *Handler) newRow(l string, a cases.Appeal, now time.Time) appealRow {
	r := appealRow{
		Number: a.Number, Created: h.when(l, a.CreatedAt), Category: h.categoryName(l, a.Category),
		Status: tr(l, "st_"+string(a.Status)), StatusKey: string(a.Status), Executor: h.executorName(a.Executor),
		Address: a.Address, Due: h.when(l, a.DueAt), Overdue: a.Overdue(now),
	}
	if a.District != "" {
		r.District = h.districtName(l, a.District)
	}
	return r
}

// pluralText picks key_0, key_1 or key_2 by the plural form of n in l.
func pluralText(l string, n int, key string) string {
	return tr(l, key+"_"+strconv.Itoa(dialog.PluralIndex(l, n)))
}

func (h *Handler) categoryName(l, id string) string {
	c, _, ok := h.cfg.City.Category(id)
	switch {
	case !ok:
		return id
	case l == "en" && c.NameEN != "":
		return c.NameEN
	}
	return c.Name
}

// channelName names the channel an appeal came from in l, or by its code
// when it is not one the texts know.
func channelName(l string, ch vikno.Channel) string {
	key := "ap_channel_" + string(ch)
	if s := tr(l, key); s != key {
		return s
	}
	return string(ch)
}

func (h *Handler) executorName(id string) string {
	if e, ok := h.cfg.City.Executor(id); ok {
		return e.Name
	}
	return id
}

// eventRow is one entry of an appeal's history.
type eventRow struct {
	At                       template.HTML
	From, To, Comment, Actor string
}

// photoLink is one of an appeal's photos.
type photoLink struct {
	N   int
	URL string // empty when no channel can give it here
}

// appealView is the data of an appeal's page.
type appealView struct {
	Number, Status, StatusKey, Category, Executor, ExecutorID string
	Description, Address, Phone, MapURL, Channel, Note        string
	Created, Due, Updated, Closed                             template.HTML
	Overdue, ShowPhone, CanReassign                           bool
	History                                                   []eventRow
	Photos                                                    []photoLink
	// Moves are the statuses the executor may move the appeal to now.
	Moves     []choice
	Seen      int64
	Executors []choice
	District  string
	Districts []choice
	MaxLen    int
	To        cases.AppealStatus
	Comment   string
	Notice    string
	Problem   string
}

func (h *Handler) newAppealView(r *http.Request, a cases.Appeal) appealView {
	l, u := lang(r), accountOf(r).user
	names := h.namesOr(r)
	v := appealView{
		Number: a.Number, Status: tr(l, "st_"+string(a.Status)), StatusKey: string(a.Status),
		Category: h.categoryName(l, a.Category), Executor: h.executorName(a.Executor), ExecutorID: a.Executor,
		Description: a.Description, Address: a.Address, Channel: channelName(l, a.Channel), Note: a.Note,
		Created: h.when(l, a.CreatedAt), Due: h.when(l, a.DueAt), Updated: h.when(l, a.UpdatedAt),
		Closed: h.when(l, a.ClosedAt), Overdue: a.Overdue(h.cfg.Now()), MaxLen: cases.MaxAppealCommentLen,
		// Executors call residents back to clarify; nobody else reaches this page.
		ShowPhone:   u.Can(staff.RoleExecutor),
		CanReassign: u.Can() && !a.Status.Final(),
	}
	if v.ShowPhone {
		v.Phone = a.Phone
	}
	if a.Location != nil {
		v.MapURL = osmURL(*a.Location)
	}
	for i, ev := range a.History {
		v.History = append(v.History, eventRow{At: h.when(l, ev.At), From: statusText(l, ev.From), To: statusText(l, ev.To),
			Comment: ev.Comment, Actor: actorText(l, ev.Actor, names)})
		if i == len(a.History)-1 {
			v.Seen = ev.ID
		}
	}
	for i := range a.Photos {
		p := photoLink{N: i + 1}
		if h.cfg.Photos != nil && h.cfg.Photos.Fetches(a.Channel) {
			p.URL = fmt.Sprintf("/admin/appeals/%s/photos/%d", a.Number, i+1)
		}
		v.Photos = append(v.Photos, p)
	}
	for _, s := range a.AllowedMoves(cases.ActorExecutor) {
		v.Moves = append(v.Moves, choice{Value: string(s), Label: tr(l, "st_"+string(s))})
	}
	v.Districts = h.districtOptions(l, a.District, "ap_no_district")
	if a.District != "" {
		v.District = h.districtName(l, a.District)
	}
	if v.CanReassign {
		for _, e := range h.cfg.City.Executors {
			v.Executors = append(v.Executors, choice{e.ID, e.Name, e.ID == a.Executor})
		}
	}
	return v
}

func statusText(l string, s cases.AppealStatus) string {
	if s == "" {
		return ""
	}
	return tr(l, "st_"+string(s))
}

// actorText names who made a change: the resident (never by id), a staff
// member by the name of the account, or the recorded name of an API key.
func actorText(l string, a cases.Actor, names staffNames) string {
	if a.Kind == cases.ActorResident {
		return tr(l, "ap_resident")
	}
	if login, ok := strings.CutPrefix(a.Name, "staff:"); ok {
		return names.Of(login)
	}
	return a.Name
}

// osmURL opens the point on OpenStreetMap (a link: no tiles embedded).
func osmURL(p cases.GeoPoint) string {
	return fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=18/%.6f/%.6f", p.Lat, p.Lon, p.Lat, p.Lon)
}
