package appealsapi

import (
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// appealView is an appeal as executors see it: everything, with history.
type appealView struct {
	Number       string      `json:"number"`
	Status       string      `json:"status"`
	Category     string      `json:"category"`
	CategoryName string      `json:"category_name"`
	Executor     string      `json:"executor"`
	ExecutorName string      `json:"executor_name"`
	Description  string      `json:"description"`
	Address      string      `json:"address,omitempty"`
	Lat          *float64    `json:"lat,omitempty"`
	Lon          *float64    `json:"lon,omitempty"`
	Photos       []string    `json:"photos"`
	Phone        string      `json:"phone,omitempty"`
	Channel      string      `json:"channel"`
	Note         string      `json:"note,omitempty"`
	Resolution   string      `json:"resolution,omitempty"`
	Rating       int         `json:"rating,omitempty"`
	Overdue      bool        `json:"overdue"`
	DueAt        time.Time   `json:"due_at"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
	ClosedAt     *time.Time  `json:"closed_at,omitempty"`
	NextStatuses []string    `json:"next_statuses"`
	History      []eventView `json:"history,omitempty"`
}

type eventView struct {
	At        time.Time `json:"at"`
	From      string    `json:"from,omitempty"`
	To        string    `json:"to"`
	Comment   string    `json:"comment,omitempty"`
	ActorKind string    `json:"actor_kind"`
	Actor     string    `json:"actor"`
}

// publicView is what number + PIN reveal: no description, place or phone,
// and the executor's note masked (cases.Appeal.Public).
type publicView struct {
	Number       string    `json:"number"`
	Status       string    `json:"status"`
	CategoryName string    `json:"category_name"`
	ExecutorName string    `json:"executor_name"`
	Note         string    `json:"note,omitempty"`
	Overdue      bool      `json:"overdue"`
	DueAt        time.Time `json:"due_at"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func names(city vikno.City, a cases.Appeal) (category, executor string) {
	category, executor = a.Category, a.Executor
	if c, _, ok := city.Category(a.Category); ok {
		category = c.Name
	}
	if e, ok := city.Executor(a.Executor); ok {
		executor = e.Name
	}
	return category, executor
}

func newAppealView(city vikno.City, a cases.Appeal, now time.Time) appealView {
	loc := city.Loc()
	v := appealView{
		Number: a.Number, Status: string(a.Status), Category: a.Category, Executor: a.Executor,
		Description: a.Description, Address: a.Address, Photos: a.Photos, Phone: a.Phone, Channel: string(a.Channel),
		Note: a.Note, Resolution: string(a.Resolution), Rating: a.Rating, Overdue: a.Overdue(now),
		DueAt: a.DueAt.In(loc), CreatedAt: a.CreatedAt.In(loc), UpdatedAt: a.UpdatedAt.In(loc),
		NextStatuses: []string{},
	}
	v.CategoryName, v.ExecutorName = names(city, a)
	if v.Photos == nil {
		v.Photos = []string{}
	}
	if a.Location != nil {
		v.Lat, v.Lon = &a.Location.Lat, &a.Location.Lon
	}
	if !a.ClosedAt.IsZero() {
		t := a.ClosedAt.In(loc)
		v.ClosedAt = &t
	}
	for _, s := range a.AllowedMoves(cases.ActorExecutor) {
		v.NextStatuses = append(v.NextStatuses, string(s))
	}
	for _, e := range a.History {
		v.History = append(v.History, eventView{At: e.At.In(loc), From: string(e.From), To: string(e.To),
			Comment: e.Comment, ActorKind: string(e.Actor.Kind), Actor: e.Actor.Name})
	}
	return v
}

func newPublicView(city vikno.City, a cases.Appeal, now time.Time) publicView {
	loc := city.Loc()
	v := publicView{Number: a.Number, Status: string(a.Status), Note: a.Public().Note, Overdue: a.Overdue(now),
		DueAt: a.DueAt.In(loc), CreatedAt: a.CreatedAt.In(loc), UpdatedAt: a.UpdatedAt.In(loc)}
	v.CategoryName, v.ExecutorName = names(city, a)
	return v
}
