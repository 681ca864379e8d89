package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	ta "github.com/mymmrac/telego/telegoapi"
)

// maxResponse bounds a Bot API response body (getUpdates returns at most 100
// updates).
const maxResponse = 32 << 20

// ServerError is a 5xx answer of the Bot API server (or a proxy before it).
// Sending retries it.
type ServerError struct {
	Method string
	Status int
}

func (e *ServerError) Error() string {
	return fmt.Sprintf("telegram %s: server error %d", e.Method, e.Status)
}

// caller implements telego's Caller on net/http. Unlike telego's own it keeps
// the status of 5xx answers and never puts the request URL, which contains
// the bot token, into an error.
type caller struct {
	client *http.Client
}

var _ ta.Caller = caller{}

func (c caller) Call(ctx context.Context, endpoint string, data *ta.RequestData) (*ta.Response, error) {
	method := endpoint[strings.LastIndexByte(endpoint, '/')+1:]
	body := data.BodyStream
	if data.BodyRaw != nil {
		body = bytes.NewReader(data.BodyRaw)
	}
	if body == nil {
		return nil, fmt.Errorf("telegram %s: no request body", method)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, body)
	if err != nil {
		return nil, fmt.Errorf("telegram %s: bad request url", method)
	}
	req.Header.Set(ta.ContentTypeHeader, data.ContentType)
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("telegram %s: %w", method, stripURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= http.StatusInternalServerError {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &ServerError{Method: method, Status: resp.StatusCode}
	}
	var out ta.Response
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxResponse)).Decode(&out); err != nil {
		return nil, fmt.Errorf("telegram %s: status %d, undecodable answer: %w", method, resp.StatusCode, err)
	}
	if out.Ok && out.Error == nil {
		// telego formats every response for its debug log, logger or not,
		// and a nil *Error panics inside fmt (recovered, but the unwinding
		// cost about 2 % of the CPU of a busy bot). An empty one prints
		// cheaply; telego reads Error only when Ok is false (we do not ask
		// for warnings as errors).
		out.Error = &ta.Error{}
	}
	return &out, nil
}

// stripURL drops the URL (and with it the token) from a client error.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// newHTTPClient returns the client the bot uses: connections are kept for
// concurrent sends; each call has its own deadline from its context.
func newHTTPClient(conns int) *http.Client {
	t := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          conns * 2,
		MaxIdleConnsPerHost:   conns,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{Transport: t, Timeout: 2 * time.Minute}
}
