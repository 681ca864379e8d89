package viber

import (
	"encoding/json"
	"fmt"

	"github.com/vikno-city/vikno"
)

// DefaultAPIURL is the public Viber REST Bot API.
const DefaultAPIURL = "https://chatapi.viber.com/pa"

// MinAPIVersion is the Viber client API version the messages need: keyboards
// with location-picker and share-phone buttons and silent reply buttons.
const MinAPIVersion = 7

// Limits of the Viber API.
const (
	MaxText    = 7000      // characters of a text message
	MaxCaption = 512       // characters of a picture's description
	MaxRequest = 30 * 1024 // bytes of one send_message request
	MaxColumns = 6         // keyboard grid width
)

// Status codes Viber answers with (status in every response).
const (
	StatusOK                  = 0
	StatusInvalidURL          = 1
	StatusInvalidAuthToken    = 2
	StatusBadData             = 3
	StatusMissingData         = 4
	StatusReceiverNotReg      = 5
	StatusReceiverNotSub      = 6
	StatusAccountBlocked      = 7
	StatusAccountNotFound     = 8
	StatusAccountSuspended    = 9
	StatusWebhookNotSet       = 10
	StatusReceiverNoDevice    = 11
	StatusTooManyRequests     = 12
	StatusAPIVersionNotSuited = 13
)

// APIError is a Viber answer with a non-zero status.
type APIError struct {
	Method  string
	Status  int
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("viber %s: status %d %s", e.Method, e.Status, e.Message)
}

// Code maps the status to an application error code: EUNAUTHORIZED for a
// resident who cannot be reached (not registered, not subscribed, no
// device), EINVALID for a request Viber refuses, ELIMITED for too many
// requests, EUNAVAILABLE otherwise.
func (e *APIError) Code() string {
	switch e.Status {
	case StatusReceiverNotReg, StatusReceiverNotSub, StatusReceiverNoDevice:
		return vikno.EUNAUTHORIZED
	case StatusBadData, StatusMissingData, StatusAPIVersionNotSuited:
		return vikno.EINVALID
	case StatusTooManyRequests:
		return vikno.ELIMITED
	}
	return vikno.EUNAVAILABLE
}

// Unreachable reports whether the error says the resident cannot get
// messages from the bot (they unsubscribed, never subscribed or left Viber).
func (e *APIError) Unreachable() bool { return e.Code() == vikno.EUNAUTHORIZED }

// User is a Viber user as callbacks and get_user_details describe them.
type User struct {
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"`
	Avatar     string `json:"avatar,omitempty"`
	Country    string `json:"country,omitempty"`
	Language   string `json:"language,omitempty"`
	APIVersion int    `json:"api_version,omitempty"`
}

// Profile is the name and avatar shown with the bot's messages (Viber calls it "sender").
type Profile struct {
	Name   string `json:"name"`
	Avatar string `json:"avatar,omitempty"`
}

// Location is a point in a message.
type Location struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// Contact is a shared phone number.
type Contact struct {
	Name        string `json:"name,omitempty"`
	PhoneNumber string `json:"phone_number"`
}

// Message is an incoming or outgoing message. Outgoing messages set
// Receiver (send_message) or leave it empty (the welcome message).
type Message struct {
	Receiver      string    `json:"receiver,omitempty"`
	MinAPIVersion int       `json:"min_api_version,omitempty"`
	Sender        *Profile  `json:"sender,omitempty"`
	TrackingData  string    `json:"tracking_data,omitempty"`
	Type          string    `json:"type"`
	Text          string    `json:"text,omitempty"`
	Media         string    `json:"media,omitempty"`
	Thumbnail     string    `json:"thumbnail,omitempty"`
	FileName      string    `json:"file_name,omitempty"`
	Location      *Location `json:"location,omitempty"`
	Contact       *Contact  `json:"contact,omitempty"`
	Keyboard      *Keyboard `json:"keyboard,omitempty"`
}

// Message types.
const (
	TypeText     = "text"
	TypePicture  = "picture"
	TypeLocation = "location"
	TypeContact  = "contact"
	TypeSticker  = "sticker"
	TypeVideo    = "video"
	TypeFile     = "file"
	TypeURL      = "url"
)

// Keyboard is a grid of buttons MaxColumns wide shown under a message.
type Keyboard struct {
	Type            string   `json:"Type"`
	DefaultHeight   bool     `json:"DefaultHeight"`
	InputFieldState string   `json:"InputFieldState,omitempty"`
	Buttons         []Button `json:"Buttons"`
}

// Button is one keyboard button.
type Button struct {
	Columns    int    `json:"Columns"`
	Rows       int    `json:"Rows"`
	ActionType string `json:"ActionType"`
	ActionBody string `json:"ActionBody"`
	Text       string `json:"Text"`
	TextSize   string `json:"TextSize,omitempty"`
	Silent     bool   `json:"Silent,omitempty"`
	BgColor    string `json:"BgColor,omitempty"`
}

// Button action types.
const (
	ActionReply          = "reply"
	ActionOpenURL        = "open-url"
	ActionSharePhone     = "share-phone"
	ActionLocationPicker = "location-picker"
)

// Event is one webhook callback.
type Event struct {
	Event        string      `json:"event"`
	Timestamp    int64       `json:"timestamp"`
	MessageToken json.Number `json:"message_token"`
	// message
	Sender  *User    `json:"sender,omitempty"`
	Message *Message `json:"message,omitempty"`
	// conversation_started, subscribed
	User       *User  `json:"user,omitempty"`
	Type       string `json:"type,omitempty"`
	Context    string `json:"context,omitempty"`
	Subscribed bool   `json:"subscribed,omitempty"`
	// unsubscribed, delivered, seen, failed
	UserID string `json:"user_id,omitempty"`
	Desc   string `json:"desc,omitempty"`
}

// Event kinds.
const (
	EventWebhook             = "webhook"
	EventConversationStarted = "conversation_started"
	EventMessage             = "message"
	EventSubscribed          = "subscribed"
	EventUnsubscribed        = "unsubscribed"
	EventDelivered           = "delivered"
	EventSeen                = "seen"
	EventFailed              = "failed"
)

// EventTypes are the optional events the bot asks Viber for in set_webhook.
var EventTypes = []string{EventSubscribed, EventUnsubscribed, EventConversationStarted,
	EventDelivered, EventSeen, EventFailed}

// AccountInfo is what get_account_info tells about the bot's account.
type AccountInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	URI     string `json:"uri"`
	Icon    string `json:"icon"`
	Webhook string `json:"webhook"`
}
