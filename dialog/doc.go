// Package dialog is Vikno's conversation engine. A channel adapter turns a
// platform update into an Update and hands it to Engine.Handle, which loads the
// resident's session, runs one step of the current flow and returns the Replies
// to render. The engine never sees a Telegram or Viber type: platform
// differences are expressed as capabilities of a Reply (buttons, a request for
// the resident's location or phone, an image) that each adapter renders as
// well as its platform allows.
//
// Flows are registered by name ("faq", "appeal", "book", ...). A button's
// Action is "<flow>:<argument>" in short ASCII so that it fits Telegram's
// 64-byte callback data; the engine routes it to that flow. Free text is
// handled by the current flow, or by the default flow when there is none.
// Global words work at every step: "/start", "/help", "меню", "скасувати".
// A flow that leads through steps (a Stepper: appeal, booking, status)
// gets its buttons marked with the session's step token ("book:t:1000~1f");
// a button of an earlier step does not reach the flow, and the resident gets
// the current step again. Menu buttons and buttons sent outside a turn carry
// no token and stay valid. A Turn names the message whose button was pressed
// (Update.MessageRef), so that a channel that can edit (a ButtonClearer)
// takes the old buttons off.
//
// A flow may see every update first while the session is in it: the
// operator flow (RegisterOperators) keeps a resident's messages for the
// operator who took the conversation instead of letting the bot answer.
//
// Texts live in catalogue files embedded in the binary, texts/uk.yaml and
// texts/en.yaml: keys grouped by flow, named placeholders, plural forms as
// data, and the words the engine recognises in input. LoadCatalog lays an
// operator's override files over them; see Catalog.
package dialog
