package dialog

// The summary of an appeal offers to change the place or the description
// directly («📍 Змінити місце», «✏️ Змінити опис»): the step is asked
// again, and its answer leads back to the summary with everything else
// kept, instead of «Назад» through every step between.

// keyEditing marks an appeal whose place or description is being changed
// from the summary.
const keyEditing = "edit"

// edit asks again for what the summary's button names: "place" or "desc".
func (f *appealFlow) edit(c *Conv, what string) error {
	if c.Session.Step != appealConfirm {
		return f.repeat(c)
	}
	c.Session.Set(keyEditing, "1")
	if what == "place" {
		return f.askPlace(c)
	}
	return f.askDescription(c)
}

// edited reports whether the step just answered was changed from the
// summary, and ends the change.
func (f *appealFlow) edited(c *Conv) bool {
	if c.Session.Get(keyEditing) == "" {
		return false
	}
	c.Session.Set(keyEditing, "")
	return true
}
