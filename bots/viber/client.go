package viber

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/vikno-city/vikno"
)

// AuthHeader carries the bot's token on every API call.
const AuthHeader = "X-Viber-Auth-Token"

// Client calls the Viber REST Bot API. Errors are *APIError for answers
// with a non-zero status, EINVALID for a request too large to send, and
// wrapped transport errors (never containing the token) otherwise.
type Client struct {
	// BaseURL is the API root (default DefaultAPIURL).
	BaseURL string
	Token   string
	// HTTP makes the calls (default: a client with timeouts).
	HTTP *http.Client
}

// NewHTTPClient returns an HTTP client with the timeouts the API calls need.
func NewHTTPClient() *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 20 * time.Second,
			MaxIdleConns:          64,
			MaxIdleConnsPerHost:   64,
			IdleConnTimeout:       90 * time.Second,
		},
	}
}

// status is the part every answer has.
type status struct {
	Status        int    `json:"status"`
	StatusMessage string `json:"status_message"`
}

// call posts req as JSON to method and decodes the answer into resp.
func (c *Client) call(ctx context.Context, method string, req, resp any) error {
	body, err := encode(req)
	if err != nil {
		return err
	}
	if len(body) > MaxRequest {
		return vikno.Errorf(vikno.EINVALID, "viber %s: request of %d bytes is over the limit", method, len(body))
	}
	base := c.BaseURL
	if base == "" {
		base = DefaultAPIURL
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(base, "/")+"/"+method, bytes.NewReader(body))
	if err != nil {
		return vikno.Errorf(vikno.EINVALID, "viber.api_url: not a usable URL")
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set(AuthHeader, c.Token)
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	hresp, err := hc.Do(hreq)
	if err != nil {
		return fmt.Errorf("viber %s: %w", method, err)
	}
	defer hresp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(hresp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("viber %s: %w", method, err)
	}
	if hresp.StatusCode != http.StatusOK {
		return vikno.Errorf(vikno.EUNAVAILABLE, "viber %s: HTTP %d", method, hresp.StatusCode)
	}
	var st status
	if err := json.Unmarshal(data, &st); err != nil {
		return vikno.Errorf(vikno.EUNAVAILABLE, "viber %s: undecodable answer", method)
	}
	if st.Status != StatusOK {
		return &APIError{Method: method, Status: st.Status, Message: st.StatusMessage}
	}
	if resp != nil {
		if err := json.Unmarshal(data, resp); err != nil {
			return vikno.Errorf(vikno.EUNAVAILABLE, "viber %s: undecodable answer", method)
		}
	}
	return nil
}

// encode marshals v without HTML escaping (the text is shown as is).
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("viber: encode: %w", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// SetWebhook registers url for callbacks of the given event types.
func (c *Client) SetWebhook(ctx context.Context, url string, events []string) error {
	req := map[string]any{"url": url, "event_types": events, "send_name": true, "send_photo": false}
	return c.call(ctx, "set_webhook", req, nil)
}

// SendMessage sends m and returns its message token.
func (c *Client) SendMessage(ctx context.Context, m Message) (string, error) {
	var resp struct {
		MessageToken json.Number `json:"message_token"`
	}
	if err := c.call(ctx, "send_message", m, &resp); err != nil {
		return "", err
	}
	return resp.MessageToken.String(), nil
}

// AccountInfo returns the bot account's details.
func (c *Client) AccountInfo(ctx context.Context) (AccountInfo, error) {
	var info AccountInfo
	err := c.call(ctx, "get_account_info", struct{}{}, &info)
	return info, err
}

// UserDetails returns what Viber tells about a user (at most twice per 12 h
// per user, by Viber's rules).
func (c *Client) UserDetails(ctx context.Context, id string) (User, error) {
	var resp struct {
		User User `json:"user"`
	}
	err := c.call(ctx, "get_user_details", map[string]string{"id": id}, &resp)
	return resp.User, err
}
