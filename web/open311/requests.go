package open311

import (
	"net/http"
	"net/url"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
	"github.com/vikno-city/vikno/web"
)

// requestView is a service request as anyone may read it: no phone, no
// name, no resident.
type requestView struct {
	ID                string   `json:"service_request_id"`
	Status            string   `json:"status"`
	StatusNotes       string   `json:"status_notes"`
	ServiceName       string   `json:"service_name"`
	ServiceCode       string   `json:"service_code"`
	Description       string   `json:"description"`
	AgencyResponsible string   `json:"agency_responsible"`
	ServiceNotice     *string  `json:"service_notice"`
	Requested         string   `json:"requested_datetime"`
	Updated           string   `json:"updated_datetime"`
	Expected          string   `json:"expected_datetime"`
	Address           *string  `json:"address"`
	AddressID         *string  `json:"address_id"`
	Zipcode           *string  `json:"zipcode"`
	Lat               *float64 `json:"lat"`
	Long              *float64 `json:"long"`
	MediaURL          *string  `json:"media_url"`
}

// statusNames are Vikno's statuses as status_notes explain them.
var statusNames = map[cases.AppealStatus]string{
	cases.AppealRegistered:      "зареєстровано",
	cases.AppealInProgress:      "у роботі",
	cases.AppealDone:            "виконано, чекає підтвердження заявника",
	cases.AppealClosed:          "закрито після підтвердження заявника",
	cases.AppealRejected:        "відхилено",
	cases.AppealReopened:        "повернуто в роботу на вимогу заявника",
	cases.AppealOutOfCompetence: "не належить до компетенції міських служб",
}

// unattendedStatusNames replace statusNames for an appeal without a
// resident to confirm the work.
var unattendedStatusNames = map[cases.AppealStatus]string{
	cases.AppealDone:   "виконано",
	cases.AppealClosed: "закрито",
}

// openStatus maps a status to the spec's open or closed.
func openStatus(s cases.AppealStatus) string {
	if s.Final() {
		return "closed"
	}
	return "open"
}

// view publishes a as cases.Appeal.Public allows: an appeal filed in a chat
// shows category, status, dates and its address without the apartment, and
// its description (masked) only with the resident's consent.
func (h *Handler) view(a cases.Appeal) requestView {
	loc := h.svc.City.Loc()
	pub := a.Public()
	v := requestView{
		ID: a.Number, Status: openStatus(a.Status), ServiceCode: a.Category, Description: pub.Description,
		StatusNotes: string(a.Status) + ": " + statusName(a),
		Requested:   a.CreatedAt.In(loc).Format(time.RFC3339), Updated: a.UpdatedAt.In(loc).Format(time.RFC3339),
		Expected: a.DueAt.In(loc).Format(time.RFC3339), ServiceName: a.Category, AgencyResponsible: a.Executor,
	}
	if pub.Note != "" {
		v.StatusNotes += ". " + pub.Note
	}
	if c, _, ok := h.svc.City.Category(a.Category); ok {
		v.ServiceName = c.Name
	}
	if e, ok := h.svc.City.Executor(a.Executor); ok {
		v.AgencyResponsible = e.Name
	}
	if pub.Address != "" {
		v.Address = &pub.Address
	}
	if pub.Location != nil {
		v.Lat, v.Long = &pub.Location.Lat, &pub.Location.Lon
	}
	for _, p := range pub.Photos {
		if cases.IsMediaURL(p) {
			v.MediaURL = &p
			break
		}
	}
	return v
}

// statusName explains a's status; an appeal without a resident is closed by
// its executor, not after a confirmation.
func statusName(a cases.Appeal) string {
	if a.ResidentID == 0 {
		if n, ok := unattendedStatusNames[a.Status]; ok {
			return n
		}
	}
	return statusNames[a.Status]
}

func (h *Handler) request(w http.ResponseWriter, r *http.Request) {
	id, err := jsonID(r.PathValue("file"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	number, ok := cases.ParseAppealNumber(id)
	if !ok {
		h.fail(w, r, vikno.Errorf(vikno.ENOTFOUND, "service_request_id %q not found", id))
		return
	}
	a, err := h.svc.Find(r.Context(), number)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, []requestView{h.view(a)})
}

func (h *Handler) requests(w http.ResponseWriter, r *http.Request) {
	f, err := h.filter(r.URL.Query())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	list, err := h.svc.List(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]requestView, len(list))
	for i, a := range list {
		out[i] = h.view(a)
	}
	writeJSON(w, http.StatusOK, out)
}

// filter reads the spec's query arguments. service_request_id overrides all
// others; without dates the last 90 days are listed. A list of more than
// web.MaxListItems items is refused.
func (h *Handler) filter(q url.Values) (cases.AppealFilter, error) {
	ids, err := web.List("service_request_id", q.Get("service_request_id"))
	if err != nil || len(ids) > 0 {
		return numbersFilter(ids, err)
	}
	var f cases.AppealFilter
	if f.Categories, err = web.List("service_code", q.Get("service_code")); err != nil {
		return f, err
	}
	statuses, err := web.List("status", q.Get("status"))
	if err != nil {
		return f, err
	}
	if f.Statuses, err = statusFilter(statuses); err != nil {
		return f, err
	}
	f.CreatedFrom, f.CreatedTo, err = h.dateRange(q.Get("start_date"), q.Get("end_date"))
	return f, err
}

func numbersFilter(ids []string, err error) (cases.AppealFilter, error) {
	f := cases.AppealFilter{}
	if err != nil {
		return f, err
	}
	for _, id := range ids {
		n, ok := cases.ParseAppealNumber(id)
		if !ok {
			return f, vikno.Errorf(vikno.EINVALID, "service_request_id %q is not a request id like 2026-000123", id)
		}
		f.Numbers = append(f.Numbers, n)
	}
	return f, nil
}

func statusFilter(values []string) ([]cases.AppealStatus, error) {
	var open, closed bool
	for _, s := range values {
		switch s {
		case "open":
			open = true
		case "closed":
			closed = true
		default:
			return nil, vikno.Errorf(vikno.EINVALID, "status must be open or closed, not %q", s)
		}
	}
	switch {
	case open && !closed:
		return cases.OpenAppealStatuses(), nil
	case closed && !open:
		return cases.FinalAppealStatuses(), nil
	}
	return nil, nil
}

func (h *Handler) dateRange(start, end string) (from, to time.Time, err error) {
	if start != "" {
		if from, err = h.parseDate("start_date", start); err != nil {
			return from, to, err
		}
	}
	if end != "" {
		if to, err = h.parseDate("end_date", end); err != nil {
			return from, to, err
		}
	}
	switch {
	case from.IsZero() && to.IsZero():
		to = h.now()
		from = to.Add(-maxSpan)
	case from.IsZero():
		from = to.Add(-maxSpan)
	case to.IsZero():
		to = from.Add(maxSpan)
	}
	if to.Before(from) {
		return from, to, vikno.Errorf(vikno.EINVALID, "end_date is before start_date")
	}
	if to.Sub(from) > maxSpan {
		return from, to, vikno.Errorf(vikno.EINVALID, "start_date and end_date may not span more than 90 days")
	}
	return from, to, nil
}

// parseDate reads a w3 datetime (2010-01-01T00:00:00Z) or a date, taken as
// midnight in the city.
func (h *Handler) parseDate(name, s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, h.svc.City.Loc()); err == nil {
		return t, nil
	}
	return time.Time{}, vikno.Errorf(vikno.EINVALID, "%s must be a w3 datetime such as 2026-01-01T00:00:00Z", name)
}
