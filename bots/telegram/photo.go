package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/mymmrac/telego"
	ta "github.com/mymmrac/telego/telegoapi"

	"github.com/vikno-city/vikno"
)

// MaxPhotoBytes is the largest photo Photo downloads: the Bot API serves
// files of up to 20 MB.
const MaxPhotoBytes = 20 << 20

// Photo downloads a photo a resident sent, by its file id, through the Bot
// API (getFile, then the file URL), for staff to see in the admin web. A
// file id Telegram does not know is ENOTFOUND; other failures are
// EUNAVAILABLE. Errors never carry the download URL, which holds the token.
func (b *Bot) Photo(ctx context.Context, fileID string) (contentType string, data []byte, err error) {
	f, err := b.api.GetFile(ctx, &telego.GetFileParams{FileID: fileID})
	var apiErr *ta.Error
	switch {
	case errors.As(err, &apiErr) && apiErr.ErrorCode == http.StatusBadRequest:
		return "", nil, vikno.Errorf(vikno.ENOTFOUND, "telegram file not found")
	case err != nil:
		return "", nil, vikno.Errorf(vikno.EUNAVAILABLE, "telegram getFile: %v", stripURL(err))
	case f.FilePath == "":
		return "", nil, vikno.Errorf(vikno.ENOTFOUND, "telegram file has no path")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.api.FileDownloadURL(f.FilePath), nil)
	if err != nil {
		return "", nil, fmt.Errorf("telegram file request")
	}
	resp, err := b.cfg.HTTPClient.Do(req)
	if err != nil {
		return "", nil, vikno.Errorf(vikno.EUNAVAILABLE, "telegram file: %v", stripURL(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", nil, vikno.Errorf(vikno.EUNAVAILABLE, "telegram file: status %d", resp.StatusCode)
	}
	data, err = io.ReadAll(io.LimitReader(resp.Body, MaxPhotoBytes+1))
	switch {
	case err != nil:
		return "", nil, vikno.Errorf(vikno.EUNAVAILABLE, "telegram file: %v", stripURL(err))
	case len(data) > MaxPhotoBytes:
		return "", nil, vikno.Errorf(vikno.EINVALID, "telegram file is larger than %d bytes", MaxPhotoBytes)
	}
	return http.DetectContentType(data), data, nil
}
