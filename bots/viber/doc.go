// Package viber is the Viber channel: a small client for the Viber REST Bot
// API (set_webhook, send_message, get_account_info, get_user_details), the
// signed webhook that turns callbacks into dialog updates for the message
// pipeline, and the sender that renders dialog replies as Viber messages
// with keyboards and paces them.
//
// Viber differs from Telegram in ways that shape this package: a resident
// who only opened the chat (conversation_started) can be answered only in
// the HTTP response to that callback; button presses arrive as text
// messages carrying the button's ActionBody; there is no message editing;
// and messages the bot starts may be paid, so the operator chooses which
// notice kinds go to Viber (see NoticeFilter).
package viber
