package dialog

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/cases"
)

// FlowResolve is the flow of the resident's answer to "Is the problem
// solved?" after an executor marks their appeal done.
const FlowResolve = "resolve"

// Steps of the appeal flow, in order.
const (
	appealTopic    = "topic"
	appealCategory = "category"
	appealPlace    = "place"
	appealDescribe = "describe"
	appealPhoto    = "photo"
	appealPhone    = "phone"
	appealPublic   = "public"
	appealConfirm  = "confirm"
)

// maxSummaryDescription is how much of the description the summary echoes,
// so that it fits one message.
const maxSummaryDescription = 500

// RegisterAppeals registers the flows of appeals — filing (FlowAppeal),
// status check (FlowStatus), the resident's own list (FlowMyAppeals) and
// confirmation (FlowResolve).
func RegisterAppeals(e *Engine, svc *cases.AppealService) {
	e.Register(&appealFlow{svc: svc})
	e.Register(&statusFlow{svc: svc})
	e.Register(&myAppealsFlow{svc: svc})
	e.Register(&resolveFlow{svc: svc})
}

// appealFlow files an appeal: topic, place, description, photos, phone,
// consent to publish the description (no unless the resident says yes),
// summary, confirmation. Nothing is saved before the resident confirms; the
// summary carries a client token, so a second tap on "confirm" finds the
// appeal the first one filed.
type appealFlow struct {
	svc *cases.AppealService
}

func (f *appealFlow) Name() string { return FlowAppeal }

func (f *appealFlow) Start(_ context.Context, c *Conv, arg string) error {
	if id, ok := strings.CutPrefix(arg, "c:"); ok {
		return f.pickCategory(c, id)
	}
	if arg == appealArgAsked && c.asked != "" {
		return f.guess(c, c.asked)
	}
	if _, _, ok := f.svc.City.Category(arg); ok && arg != "" { // an article's «Подати звернення» (action appeal:<id>)
		return f.pickCategory(c, arg)
	}
	if arg == appealArgSaid {
		if rest := afterFileRequest(c, c.Update.Text); rest != "" {
			return f.guess(c, rest)
		}
	}
	if p := c.Update.Photo; p != nil && c.Update.Action == "" { // a photo sent outside any flow
		f.addPhoto(c, p.Ref)
		if c.Update.Text != "" {
			return f.guess(c, c.Update.Text)
		}
		c.Say(c.T("appeal.photo_first"))
	}
	return f.askTopic(c)
}

func (f *appealFlow) Handle(ctx context.Context, c *Conv) error {
	if c.Arg != "" {
		return f.button(ctx, c)
	}
	if handled, err := f.takePhotoAnyStep(c); handled {
		return err
	}
	if st := c.Session.Step; st == appealTopic || st == appealCategory || st == appealPlace {
		if handled, err := f.answerEarlyQuestion(c); handled { // «а скільки розглядають?»
			return err
		}
	}
	u := c.Update
	switch c.Session.Step {
	case appealTopic, appealCategory:
		if u.Location != nil {
			return f.earlyLocation(c)
		}
		if u.Contact != nil {
			return f.earlyContact(c)
		}
		if started, err := f.otherRequest(ctx, c); started || err != nil {
			return err
		}
		return f.guess(c, u.Text)
	case appealPlace:
		if c.Session.Get(keyPlaceSaid) != "" && c.isWord("yes", strings.ToLower(u.Text)) {
			return f.takePlaceSaid(c) // «так»: the address offered
		}
		if started, err := f.otherRequest(ctx, c); started || err != nil {
			return err
		}
		return f.onPlace(c)
	case appealDescribe:
		if c.hasWord("changed_mind", u.Text) { // «ой, ні, я хотіла записатися на паспорт»: no description
			if started, err := startIntentBut(ctx, c, u.Text, FlowAppeal); started || err != nil {
				return err
			}
		}
		return f.onDescription(c)
	case appealPhoto:
		return f.onPhoto(c)
	case appealPhone:
		return f.onPhone(c)
	case appealPublic:
		return f.onPublic(c)
	case appealConfirm:
		if c.isWord("yes", strings.ToLower(u.Text)) { // «так», «yes please»: as «Підтвердити»
			return f.confirm(ctx, c, c.Session.Get("token"))
		}
		c.Say(c.T("appeal.summary_wait"), f.confirmRows(c, c.Session.Get("token"))...)
		return nil
	}
	return f.askTopic(c)
}

// otherRequest starts what a message typed at the topic or the address
// step asks of another flow («ой, передумала, скільки людей у черзі?»),
// unless it names a problem of the city's topics; it reports whether it
// did.
func (f *appealFlow) otherRequest(ctx context.Context, c *Conv) (bool, error) {
	text := c.Update.Text
	if text == "" || len(cases.MatchCategories(f.svc.City, text, 1)) > 0 {
		return false, nil
	}
	return startIntentBut(ctx, c, text, FlowAppeal)
}

// button handles the flow's own buttons: "s:<sphere>", "c:<category>",
// "topics", "back", "next", "cancel", "pub:y", "pub:n", "ok:<token>".
func (f *appealFlow) button(ctx context.Context, c *Conv) error {
	verb, rest, _ := strings.Cut(c.Arg, ":")
	switch verb {
	case "ok":
		return f.confirm(ctx, c, rest)
	case "cancel":
		c.Done(c.T("cancelled"))
		return nil
	}
	if c.Session.Flow != FlowAppeal { // a button of an earlier conversation
		if verb != "s" && verb != "c" && verb != "topics" {
			c.SayMenu(c.T("error.stale_button"))
			return nil
		}
		c.Session.Reset()
		c.Session.Flow = FlowAppeal
	}
	switch verb {
	case "s":
		return f.askCategory(c, rest)
	case "c":
		return f.pickCategory(c, rest)
	case "topics":
		return f.askTopic(c)
	case "resume":
		return f.repeat(c)
	case "back":
		return f.back(c)
	case "next":
		return f.next(c)
	case "pub":
		return f.setPublic(c, rest == "y")
	case "addr":
		return f.takePlaceSaid(c)
	case "edit":
		return f.edit(c, rest)
	}
	c.SayMenu(c.T("error.stale_button"))
	return nil
}

func (f *appealFlow) navRow(c *Conv) []Button {
	return []Button{c.Button("btn.back", "appeal:back"), c.Button("btn.cancel", "appeal:cancel")}
}

func (f *appealFlow) askTopic(c *Conv) error {
	c.Session.Step = appealTopic
	var rows [][]Button
	for i, s := range f.svc.City.Spheres {
		b := Button{Label: appealLocalName(c, s.Name, s.NameEN), Action: "appeal:s:" + s.ID}
		if i%2 == 0 {
			rows = append(rows, []Button{b})
		} else {
			rows[len(rows)-1] = append(rows[len(rows)-1], b)
		}
	}
	if _, ok := f.otherCategory(); ok {
		rows = append(rows, []Button{c.Button("appeal.btn_other", "appeal:c:"+vikno.OtherCategory)})
	}
	rows = append(rows, []Button{c.Button("btn.cancel", "appeal:cancel")})
	c.Say(c.T("appeal.start"), rows...)
	return nil
}

// otherCategory is «Інша проблема», when the city names a dispatcher for
// appeals no category fits.
func (f *appealFlow) otherCategory() (vikno.Category, bool) {
	cat, _, ok := f.svc.City.Category(vikno.OtherCategory)
	return cat, ok
}

func (f *appealFlow) askCategory(c *Conv, sphereID string) error {
	var sphere *vikno.Sphere
	for i := range f.svc.City.Spheres {
		if f.svc.City.Spheres[i].ID == sphereID {
			sphere = &f.svc.City.Spheres[i]
		}
	}
	if sphere == nil {
		return f.askTopic(c)
	}
	c.Session.Step = appealCategory
	c.Session.Set("sphere", sphere.ID)
	rows := make([][]Button, 0, len(sphere.Categories)+1)
	for _, cat := range sphere.Categories {
		rows = append(rows, []Button{{Label: appealLocalName(c, cat.Name, cat.NameEN), Action: "appeal:c:" + cat.ID}})
	}
	rows = append(rows, f.navRow(c))
	c.Say(c.T("appeal.sphere", "sphere", appealLocalName(c, sphere.Name, sphere.NameEN)), rows...)
	return nil
}

// minKeptWords is how many words a first message needs to be kept as the
// appeal's description (a topic like «вода» is not a description).
const minKeptWords = 4

// guess routes free text to categories by their keywords. A sentence that
// describes the problem is kept as the description, so that it is not asked
// again.
func (f *appealFlow) guess(c *Conv, text string) error {
	if !c.informative(text) { // «idk», «?»: nothing to guess from or to keep
		return f.askTopic(c)
	}
	if cat, ok := cases.CategoryNamed(f.svc.City, text); ok { // the topic typed as the bot names it
		return f.pickCategory(c, cat.ID)
	}
	if id, ok := f.sphereNamed(c, text); ok { // «Дороги» for «Дороги й тротуари»
		return f.askCategory(c, id)
	}
	f.keepPlaceSaid(c, text)
	kept := len(strings.Fields(text)) >= minKeptWords && utf8.RuneCountInString(text) <= cases.MaxDescriptionLen
	if kept {
		c.Session.Set("desc", text)
		c.Session.Set("desc_first", "1")
	}
	found := cases.MatchCategories(f.svc.City, text, 3)
	if len(found) == 0 {
		if _, ok := f.otherCategory(); ok && kept {
			c.Say(c.T("appeal.guess_none_other"))
		} else if ok {
			c.Say(c.T("appeal.guess_none_other_short"))
		} else {
			c.Say(c.T("appeal.guess_none"))
		}
		return f.askTopic(c)
	}
	c.Session.Step = appealCategory
	c.Session.Set("sphere", "")
	c.Session.Set(keyGuessed, text)
	rows := make([][]Button, 0, len(found)+3)
	for _, cat := range found {
		rows = append(rows, []Button{{Label: appealLocalName(c, cat.Name, cat.NameEN), Action: "appeal:c:" + cat.ID}})
	}
	rows = append(rows, []Button{c.Button("appeal.btn_topics", "appeal:topics")})
	if _, ok := f.otherCategory(); ok {
		rows = append(rows, []Button{c.Button("appeal.btn_other", "appeal:c:"+vikno.OtherCategory)})
	}
	rows = append(rows, f.navRow(c))
	c.Say(c.T("appeal.guess"), rows...)
	return nil
}

// sphereNamed finds the topic (sphere) whose name, in the resident's
// language, text is or begins with: «Дороги», "Roads".
func (f *appealFlow) sphereNamed(c *Conv, text string) (string, bool) {
	want := labelKey(text)
	if want == "" {
		return "", false
	}
	for _, s := range f.svc.City.Spheres {
		if name := labelKey(appealLocalName(c, s.Name, s.NameEN)); name == want || strings.HasPrefix(name, want+" ") {
			return s.ID, true
		}
	}
	return "", false
}

func (f *appealFlow) pickCategory(c *Conv, id string) error {
	cat, sphere, ok := f.svc.City.Category(id)
	if !ok {
		return f.askTopic(c)
	}
	c.Session.Set("cat", cat.ID)
	c.Session.Set("sphere", sphere.ID)
	if lat, lon := c.Session.Get(keyEarlyLat), c.Session.Get(keyEarlyLon); lat != "" && lon != "" {
		c.Session.Set(keyEarlyLat, "")
		c.Session.Set(keyEarlyLon, "")
		c.Session.Set("lat", lat)
		c.Session.Set("lon", lon)
		c.Session.Set("addr", "")
		c.Session.Step = appealPlace
		c.Say(c.T("appeal.location_used", "category", appealLocalName(c, cat.Name, cat.NameEN)))
		return f.placeTaken(c)
	}
	return f.askPlace(c)
}

// Session keys of a location sent before the topic was chosen.
const (
	keyEarlyLat = "lat0"
	keyEarlyLon = "lon0"
	// keyEarlyPhone is the resident's own phone shared before the topic.
	keyEarlyPhone = "phone0"
)

// earlyLocation keeps a location sent while the topic is being chosen, to
// be the appeal's place once it is, and asks for the topic again.
func (f *appealFlow) earlyLocation(c *Conv) error {
	p := cases.GeoPoint{Lat: c.Update.Location.Lat, Lon: c.Update.Location.Lon}
	if err := cases.CheckLocation(f.svc.City, p); err != nil {
		c.Say(c.T("appeal.outside_early"))
	} else {
		c.Session.Set(keyEarlyLat, strconv.FormatFloat(p.Lat, 'f', -1, 64))
		c.Session.Set(keyEarlyLon, strconv.FormatFloat(p.Lon, 'f', -1, 64))
		c.Say(c.T("appeal.location_early"))
	}
	return f.askTopicAgain(c)
}

// earlyContact keeps the resident's own phone shared while the topic is
// being chosen, for the phone step (which is then not asked), and asks for
// the topic again; someone else's contact is not kept.
func (f *appealFlow) earlyContact(c *Conv) error {
	ct := c.Update.Contact
	if !ct.Own {
		c.Say(c.T("appeal.phone_early_other"))
		return f.askTopicAgain(c)
	}
	phone := ct.Phone
	if p, ok := cases.Phone(phone); ok {
		phone = p
	}
	c.Session.Set(keyEarlyPhone, phone)
	c.Say(c.T("appeal.phone_early", "phone", phone))
	return f.askTopicAgain(c)
}

// askTopicAgain repeats the question of the topic step: the categories of
// the sphere chosen, or the topics.
func (f *appealFlow) askTopicAgain(c *Conv) error {
	if c.Session.Step == appealCategory && c.Session.Get("sphere") != "" {
		return f.askCategory(c, c.Session.Get("sphere"))
	}
	return f.askTopic(c)
}

func (f *appealFlow) category(c *Conv) (vikno.Category, bool) {
	cat, _, ok := f.svc.City.Category(c.Session.Get("cat"))
	return cat, ok
}

func (f *appealFlow) askPlace(c *Conv) error {
	cat, ok := f.category(c)
	if !ok {
		return f.askTopic(c)
	}
	c.Session.Step = appealPlace
	if c.Session.Get(keyEditing) == "" && f.offerPlaceSaid(c, appealLocalName(c, cat.Name, cat.NameEN)) {
		return nil
	}
	c.Ask(c.T("appeal.ask_place", "category", appealLocalName(c, cat.Name, cat.NameEN)),
		RequestLocation, c.S("appeal.btn_location"), f.navRow(c))
	return nil
}

func (f *appealFlow) onPlace(c *Conv) error {
	u := c.Update
	switch {
	case u.Location != nil:
		p := cases.GeoPoint{Lat: u.Location.Lat, Lon: u.Location.Lon}
		if err := cases.CheckLocation(f.svc.City, p); err != nil {
			c.Ask(c.T("appeal.outside"), RequestLocation, c.S("appeal.btn_location"), f.navRow(c))
			return nil
		}
		c.Session.Set("lat", strconv.FormatFloat(p.Lat, 'f', -1, 64))
		c.Session.Set("lon", strconv.FormatFloat(p.Lon, 'f', -1, 64))
		c.Session.Set("addr", "")
	case u.Text != "":
		if cat, ok := cases.CategoryNamed(f.svc.City, u.Text); ok { // another topic: a button of the step before, typed
			return f.pickCategory(c, cat.ID)
		}
		if id, ok := f.sphereNamed(c, u.Text); ok {
			return f.askCategory(c, id)
		}
		switch n := utf8.RuneCountInString(u.Text); {
		case n > cases.MaxAddressLen:
			c.Ask(c.T("appeal.address_long", "max", cases.MaxAddressLen), RequestLocation, c.S("appeal.btn_location"), f.navRow(c))
			return nil
		case !c.informative(u.Text):
			c.Ask(c.T("appeal.address_vague"), RequestLocation, c.S("appeal.btn_location"), f.navRow(c))
			return nil
		case questionNotPlace(u.Text):
			c.Ask(c.T("appeal.address_question"), RequestLocation, c.S("appeal.btn_location"), f.navRow(c))
			return nil
		case n < cases.MinAddressLen:
			c.Ask(c.T("appeal.address_short"), RequestLocation, c.S("appeal.btn_location"), f.navRow(c))
			return nil
		}
		if f.storyWithAddress(c, u.Text) { // «Біля будинку на вул. Шевченка 30 вже тиждень стоять баки»
			return f.placeTaken(c)
		}
		c.Session.Set("addr", u.Text)
		c.Session.Set("lat", "")
		c.Session.Set("lon", "")
	default:
		c.Ask(c.T("appeal.place_wait"), RequestLocation, c.S("appeal.btn_location"), f.navRow(c))
		return nil
	}
	return f.placeTaken(c)
}

// placeTaken goes on from the place: to the photo when the first message
// described the problem, else to the description.
func (f *appealFlow) placeTaken(c *Conv) error {
	if f.edited(c) {
		return f.summary(c)
	}
	if desc := c.Session.Get("desc"); desc != "" && c.Session.Get("desc_first") != "" { // described in the first message
		c.Say(c.T("appeal.description_kept", "description", shortenAppealText(desc, maxSummaryDescription)).
			Append(descriptionShown(c, desc)...))
		return f.askPhoto(c)
	}
	return f.askDescription(c)
}

// questionNotPlace reports whether text typed for an address is a question
// rather than a place: it has a question mark and no number (of a building,
// an entrance, a pole), like «а коли відремонтують?».
func questionNotPlace(text string) bool {
	return strings.ContainsRune(text, '?') && strings.IndexFunc(text, unicode.IsDigit) < 0
}

// takePhotoAnyStep attaches a photo sent at a step that asks for something
// else; a caption is then read as the answer to that step. It reports
// whether the update is fully handled.
func (f *appealFlow) takePhotoAnyStep(c *Conv) (bool, error) {
	p := c.Update.Photo
	if p == nil || c.Session.Step == appealDescribe || c.Session.Step == appealPhoto {
		return false, nil
	}
	if !f.addPhoto(c, p.Ref) {
		c.Say(c.T("appeal.photo_limit", "max", cases.MaxPhotos))
		return true, f.repeat(c)
	}
	c.Update.Photo = nil
	if c.Update.Text != "" {
		return false, nil
	}
	c.Say(c.T("appeal.photo_kept", "n", len(f.photos(c))))
	return true, f.repeat(c)
}

// HasDraft reports whether the resident has entered anything that leaving
// the flow would lose.
func (f *appealFlow) HasDraft(c *Conv) bool {
	s := c.Session
	return s.Flow == FlowAppeal && (s.Get("cat") != "" || s.Get("desc") != "" || s.Get("photos") != "")
}

// AskDiscard asks before a draft is thrown away («меню» in the middle).
func (f *appealFlow) AskDiscard(c *Conv) error {
	c.Say(c.T("appeal.discard_ask"),
		[]Button{c.Button("appeal.btn_discard", "appeal:cancel"), c.Button("appeal.btn_resume", "appeal:resume")})
	return nil
}

// Back is «назад» typed at any step; before the first step it is the menu.
func (f *appealFlow) Back(_ context.Context, c *Conv) error {
	if c.Session.Step == appealTopic || c.Session.Step == "" {
		c.Done(c.T("menu.prompt"))
		return nil
	}
	return f.back(c)
}

func (f *appealFlow) askDescription(c *Conv) error {
	c.Session.Step = appealDescribe
	c.Session.Set("desc_first", "")
	c.Say(c.T("appeal.ask_description"), f.navRow(c))
	return nil
}

func (f *appealFlow) onDescription(c *Conv) error {
	if f.answerAppealQuestion(c) && c.Update.Text == "" && c.Update.Photo == nil {
		c.Say(c.T("appeal.ask_description_after"), f.navRow(c))
		return nil
	}
	u := c.Update
	if u.Photo != nil {
		f.addPhoto(c, u.Photo.Ref)
		if u.Text == "" { // a photo without a caption: still need words
			c.Say(c.T("appeal.description_wait"), f.navRow(c))
			return nil
		}
	}
	switch n := utf8.RuneCountInString(u.Text); {
	case n == 0:
		c.Say(c.T("appeal.ask_description"), f.navRow(c))
		return nil
	case n > cases.MaxDescriptionLen:
		c.Say(c.T("appeal.description_long", "max", cases.MaxDescriptionLen), f.navRow(c))
		return nil
	case !c.informative(u.Text):
		c.Say(c.T("appeal.description_vague"), f.navRow(c))
		return nil
	case n < cases.MinDescriptionLen:
		c.Say(c.T("appeal.description_short"), f.navRow(c))
		return nil
	}
	c.Session.Set("desc", u.Text)
	if f.edited(c) {
		return f.summary(c)
	}
	return f.askPhoto(c)
}

func (f *appealFlow) photos(c *Conv) []string {
	if s := c.Session.Get("photos"); s != "" {
		return strings.Split(s, "\n")
	}
	return nil
}

// addPhoto keeps a photo reference; it reports false when the limit is met.
func (f *appealFlow) addPhoto(c *Conv, ref string) bool {
	ps := f.photos(c)
	if len(ps) >= cases.MaxPhotos || ref == "" || strings.Contains(ref, "\n") || len(ref) > cases.MaxPhotoRefLen {
		return false
	}
	c.Session.Set("photos", strings.Join(append(ps, ref), "\n"))
	return true
}

func (f *appealFlow) photoRows(c *Conv) [][]Button {
	return [][]Button{{c.Button("appeal.btn_next", "appeal:next")}, f.navRow(c)}
}

func (f *appealFlow) askPhoto(c *Conv) error {
	c.Session.Step = appealPhoto
	if n := len(f.photos(c)); n > 0 {
		c.Say(c.T("appeal.photo_added", "n", n), f.photoRows(c)...)
		return nil
	}
	c.Say(c.T("appeal.ask_photo"), f.photoRows(c)...)
	return nil
}

// onPhoto takes a photo; text sent at this step (alone or as a caption)
// is added to the description, never dropped.
func (f *appealFlow) onPhoto(c *Conv) error {
	if f.answerAppealQuestion(c) && c.Update.Text == "" && c.Update.Photo == nil {
		c.Say(c.T("appeal.photo_after"), f.photoRows(c)...)
		return nil
	}
	if c.Update.Photo == nil && onlyQuestions(c.Update.Text) {
		// «а фото обов’язково?»: a question, not more of the description
		c.Say(c.T("appeal.question_not_added"), f.photoRows(c)...)
		return nil
	}
	if c.Update.Photo == nil && c.isWord("skip", strings.ToLower(c.Update.Text)) {
		return f.next(c) // «без фото», «skip»: as «Далі», not more of the description
	}
	u := c.Update
	full := u.Photo != nil && !f.addPhoto(c, u.Photo.Ref)
	informative := u.Text != "" && c.informative(u.Text)
	if informative && !f.appendDescription(c, u.Text) {
		c.Say(c.T("appeal.description_full", "max", cases.MaxDescriptionLen))
	}
	switch {
	case full:
		c.Say(c.T("appeal.photo_limit", "max", cases.MaxPhotos), f.photoRows(c)...)
	case u.Photo == nil && u.Text != "" && !informative:
		c.Say(c.T("appeal.description_vague_photo"), f.photoRows(c)...)
	case u.Photo == nil:
		c.Say(c.T("appeal.photo_wait"), f.photoRows(c)...)
	default:
		c.Say(c.T("appeal.photo_added", "n", len(f.photos(c))), f.photoRows(c)...)
	}
	return nil
}

// appendDescription adds text to the description as a new paragraph and
// says so; it reports false when the result would be over the limit.
func (f *appealFlow) appendDescription(c *Conv, text string) bool {
	desc := c.Session.Get("desc")
	if desc != "" {
		desc += "\n"
	}
	desc += text
	if utf8.RuneCountInString(desc) > cases.MaxDescriptionLen {
		return false
	}
	c.Session.Set("desc", desc)
	c.Say(c.T("appeal.description_added", "text", shortenAppealText(text, maxSummaryDescription)))
	return true
}

func (f *appealFlow) askPhone(c *Conv, key string) error {
	c.Session.Step = appealPhone
	c.Ask(c.T(key), RequestContact, c.S("appeal.btn_phone"),
		[]Button{c.Button("appeal.btn_skip", "appeal:next")}, f.navRow(c))
	return nil
}

// onPhone takes the resident's own shared contact or a typed number, read
// by the same normaliser as in bookings.
func (f *appealFlow) onPhone(c *Conv) error {
	ct := c.Update.Contact
	if ct == nil && f.answerAppealQuestion(c) && (strings.TrimSpace(c.Update.Text) == "" || onlyQuestions(c.Update.Text)) {
		return f.askPhone(c, "appeal.ask_phone") // «а навіщо вам мій номер?»: answered, asked again
	}
	switch {
	case ct == nil && c.isWord("skip", strings.ToLower(c.Update.Text)):
		return f.next(c) // «ні, дякую», «no thanks»: as «Пропустити»
	case ct == nil && c.Update.Text != "":
		p, ok := typedPhone(c.Update.Text)
		if !ok {
			return f.askPhone(c, "appeal.phone_bad")
		}
		c.Session.Set("phone", p)
		return f.askPublic(c, "appeal.ask_public")
	case ct == nil:
		return f.askPhone(c, "appeal.phone_wait")
	case !ct.Own:
		return f.askPhone(c, "appeal.phone_not_own")
	}
	phone := ct.Phone
	if p, ok := cases.Phone(phone); ok {
		phone = p
	}
	c.Session.Set("phone", phone)
	return f.askPublic(c, "appeal.ask_public")
}

// askPublic asks whether the description may be shown on the public map.
func (f *appealFlow) askPublic(c *Conv, key string) error {
	c.Session.Step = appealPublic
	c.Say(c.T(key), []Button{c.Button("appeal.btn_public_yes", "appeal:pub:y")},
		[]Button{c.Button("appeal.btn_public_no", "appeal:pub:n")}, f.navRow(c))
	return nil
}

// onPublic takes a typed answer to askPublic: the catalogue's yes or no.
func (f *appealFlow) onPublic(c *Conv) error {
	switch text := strings.TrimSpace(c.Update.Text); {
	case strings.EqualFold(text, c.S("anotice.yes")):
		return f.setPublic(c, true)
	case strings.EqualFold(text, c.S("anotice.no")):
		return f.setPublic(c, false)
	}
	return f.askPublic(c, "appeal.public_wait")
}

func (f *appealFlow) setPublic(c *Conv, public bool) error {
	if c.Session.Step != appealPublic {
		return f.repeat(c)
	}
	c.Session.Set("public", "")
	if public {
		c.Session.Set("public", "yes")
	}
	return f.summary(c)
}

func (f *appealFlow) next(c *Conv) error {
	switch c.Session.Step {
	case appealPhoto:
		if early := c.Session.Get(keyEarlyPhone); early != "" { // shared before the topic
			c.Session.Set(keyEarlyPhone, "")
			c.Session.Set("phone", early)
			return f.askPublic(c, "appeal.ask_public")
		}
		return f.askPhone(c, "appeal.ask_phone")
	case appealPhone:
		c.Session.Set("phone", "")
		return f.askPublic(c, "appeal.ask_public")
	}
	return f.repeat(c)
}

func (f *appealFlow) back(c *Conv) error {
	switch c.Session.Step {
	case appealCategory:
		return f.askTopic(c)
	case appealPlace:
		return f.askCategory(c, c.Session.Get("sphere"))
	case appealDescribe:
		return f.askPlace(c)
	case appealPhoto:
		return f.askDescription(c)
	case appealPhone:
		return f.askPhoto(c)
	case appealPublic:
		return f.askPhone(c, "appeal.ask_phone")
	case appealConfirm:
		return f.askPublic(c, "appeal.ask_public")
	}
	return f.askTopic(c)
}

// repeat asks the current step's question again.
func (f *appealFlow) repeat(c *Conv) error {
	switch c.Session.Step {
	case appealPlace:
		return f.askPlace(c)
	case appealDescribe:
		return f.askDescription(c)
	case appealPublic:
		return f.askPublic(c, "appeal.ask_public")
	case appealPhoto:
		return f.askPhoto(c)
	case appealPhone:
		return f.askPhone(c, "appeal.ask_phone")
	case appealConfirm:
		return f.summary(c)
	case appealCategory:
		if c.Session.Get("sphere") != "" {
			return f.askCategory(c, c.Session.Get("sphere"))
		}
		if text := c.Session.Get(keyGuessed); text != "" {
			return f.guess(c, text) // the topics guessed from it, again
		}
		return f.askTopic(c)
	}
	return f.askTopic(c)
}

// keyGuessed is the text the topics were last guessed from.
const keyGuessed = "guessed"

// Repeat implements Stepper: it asks the current step's question again.
func (f *appealFlow) Repeat(_ context.Context, c *Conv) error { return f.repeat(c) }

// confirmRows offer the summary's confirm button, which stays valid after
// the step: its client token makes a second tap find the appeal the first
// one filed.
func (f *appealFlow) confirmRows(c *Conv, token string) [][]Button {
	ok := c.Button("appeal.btn_confirm", "appeal:ok:"+token)
	ok.Lasting = true
	edit := []Button{c.Button("appeal.btn_edit_place", "appeal:edit:place"), c.Button("appeal.btn_edit_desc", "appeal:edit:desc")}
	return [][]Button{{ok}, edit, f.navRow(c)}
}

// summary echoes what was understood and offers to confirm it. A new client
// token is made each time the summary is shown.
func (f *appealFlow) summary(c *Conv) error {
	cat, ok := f.category(c)
	if !ok {
		return f.askTopic(c)
	}
	token, err := newAppealToken()
	if err != nil {
		return err
	}
	c.Session.Step = appealConfirm
	c.Session.Set("token", token)
	photos := c.S("appeal.no_photos")
	if n := len(f.photos(c)); n > 0 {
		photos = strconv.Itoa(n) + " " + c.Noun("photos", n)
	}
	phone := c.Session.Get("phone")
	if phone == "" {
		phone = c.S("appeal.no_phone")
	}
	public := c.S("appeal.public_no")
	if f.public(c) {
		public = c.S("appeal.public_yes")
	}
	c.Say(c.T("appeal.summary", "category", appealLocalName(c, cat.Name, cat.NameEN), "place", f.place(c),
		"description", shortenAppealText(c.Session.Get("desc"), maxSummaryDescription), "photos", photos, "phone", phone,
		"public", public, "term", appealTermText(c, cases.TermOf(cat))).Append(descriptionShown(c, c.Session.Get("desc"))...),
		f.confirmRows(c, token)...)
	return nil
}

// public reports whether the resident agreed to publish the description.
func (f *appealFlow) public(c *Conv) bool { return c.Session.Get("public") == "yes" }

func (f *appealFlow) place(c *Conv) string {
	if a := c.Session.Get("addr"); a != "" {
		return a
	}
	lat, _ := strconv.ParseFloat(c.Session.Get("lat"), 64)
	lon, _ := strconv.ParseFloat(c.Session.Get("lon"), 64)
	return pointName(c, f.svc.City, lat, lon)
}

// pointName describes a point sent on the map: the nearest known address
// when there is one nearby, and the point itself, never bare numbers.
func pointName(c *Conv, city vikno.City, lat, lon float64) string {
	args := []any{"lat", strconv.FormatFloat(lat, 'f', 5, 64), "lon", strconv.FormatFloat(lon, 'f', 5, 64)}
	if p, ok := city.NearestAddress(lat, lon); ok {
		return c.S("place.near", append(args, "address", p.AddressIn(c.Locale))...)
	}
	return c.S("appeal.place_point", args...)
}

// confirm files the appeal of the summary whose token the button carries.
// A repeated or old tap finds the appeal filed with the token instead.
func (f *appealFlow) confirm(ctx context.Context, c *Conv, token string) error {
	current := c.Session.Flow == FlowAppeal && c.Session.Step == appealConfirm && token != "" &&
		token == c.Session.Get("token")
	if !current {
		return f.alreadyFiled(ctx, c, token)
	}
	filed, err := f.svc.File(ctx, f.draft(c, token))
	switch {
	case vikno.ErrorCode(err) == vikno.EINVALID:
		c.Done(c.T("appeal.invalid"))
		return nil
	case err != nil:
		return err
	case !filed.Created && filed.PIN == "":
		c.Done(c.T("appeal.already", "number", filed.Appeal.Number))
		return nil
	}
	// Filed now, or filed by this very step before the process died and
	// the resident was answered (the session still waits at the summary):
	// they are told the number and the PIN.
	a := filed.Appeal
	c.Done(c.T("appeal.filed", "number", a.Number, "pin", filed.PIN, "executor", executorName(c, f.svc.City, a.Executor),
		"due", appealDate(c, a.DueAt, f.svc.City.Loc())))
	return nil
}

func (f *appealFlow) alreadyFiled(ctx context.Context, c *Conv, token string) error {
	a, err := f.svc.FindByToken(ctx, c.Resident.ID, token)
	switch {
	case vikno.IsNotFound(err):
		c.SayMenu(c.T("error.stale_button"))
		return nil
	case err != nil:
		return err
	}
	c.Done(c.T("appeal.already", "number", a.Number))
	return nil
}

func (f *appealFlow) draft(c *Conv, token string) cases.AppealDraft {
	d := cases.AppealDraft{
		Channel: c.Resident.Channel, ResidentID: c.Resident.ID, ClientToken: token,
		Category: c.Session.Get("cat"), Description: c.Session.Get("desc"), Address: c.Session.Get("addr"),
		Photos: f.photos(c), Phone: c.Session.Get("phone"), DescriptionPublic: f.public(c),
	}
	if c.Session.Get("lat") != "" {
		lat, _ := strconv.ParseFloat(c.Session.Get("lat"), 64)
		lon, _ := strconv.ParseFloat(c.Session.Get("lon"), 64)
		d.Location = &cases.GeoPoint{Lat: lat, Lon: lon}
	}
	return d
}

// executorName names an executor in the resident's language.
func executorName(c *Conv, city vikno.City, id string) string {
	if e, ok := city.Executor(id); ok {
		return appealLocalName(c, e.Name, e.NameEN)
	}
	return id
}

// newAppealToken returns 16 random hex characters.
func newAppealToken() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// appealLocalName picks the English name in English when there is one.
func appealLocalName(c *Conv, uk, en string) string {
	if c.Locale == EN && en != "" {
		return en
	}
	return uk
}

func appealTermText(c *Conv, t cases.AppealTerm) string {
	if t.Hours > 0 {
		return c.S("appeal.term_hours", "n", t.Hours)
	}
	return c.S("appeal.term_days", "n", t.Days)
}

// appealDate formats a time in the city's zone the way the locale writes it.
func appealDate(c *Conv, t time.Time, loc *time.Location) string {
	return t.In(loc).Format(c.S("appeal.date"))
}

// shortenAppealText cuts s to at most n characters, marking the cut with an ellipsis.
func shortenAppealText(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// descriptionShown tells the resident, when an echo of the description
// shows only its beginning, that the whole of it is kept: nothing is cut
// silently.
func descriptionShown(c *Conv, desc string) []Text {
	n := utf8.RuneCountInString(desc)
	if n <= maxSummaryDescription {
		return nil
	}
	return []Text{Plain("\n"), c.T("appeal.description_shown", "shown", maxSummaryDescription, "n", n, "max", cases.MaxDescriptionLen)}
}
