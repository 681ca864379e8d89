package main

import (
	"context"
	"sync"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/web/admin"
)

// photoFetch fetches a photo by the reference its channel gave it.
type photoFetch func(ctx context.Context, ref string) (contentType string, data []byte, err error)

// channelPhotos lets the admin web show appeals' photos: each channel that
// can fetch the photos residents sent through it registers as it starts
// (Telegram resolves file ids through the Bot API). The zero value is ready.
type channelPhotos struct {
	mu    sync.RWMutex
	fetch map[vikno.Channel]photoFetch
}

var _ admin.PhotoSource = (*channelPhotos)(nil)

func (p *channelPhotos) set(ch vikno.Channel, fn photoFetch) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fetch == nil {
		p.fetch = map[vikno.Channel]photoFetch{}
	}
	p.fetch[ch] = fn
}

func (p *channelPhotos) get(ch vikno.Channel) (photoFetch, bool) {
	p.mu.RLock()
	defer p.mu.RUnlock()
	fn, ok := p.fetch[ch]
	return fn, ok
}

// Fetches implements admin.PhotoSource.
func (p *channelPhotos) Fetches(ch vikno.Channel) bool {
	_, ok := p.get(ch)
	return ok
}

// Photo implements admin.PhotoSource.
func (p *channelPhotos) Photo(ctx context.Context, ch vikno.Channel, ref string) (string, []byte, error) {
	fn, ok := p.get(ch)
	if !ok {
		return "", nil, vikno.Errorf(vikno.ENOTFOUND, "photos of %s cannot be fetched", ch)
	}
	return fn(ctx, ref)
}
