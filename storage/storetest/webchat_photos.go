package storetest

import (
	"bytes"
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/bots/webchat"
	"github.com/vikno-city/vikno/cases"
)

func testWebPhotos(t *testing.T, open Opener) {
	ctx := context.Background()
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\x01")
	t.Run("SavedOncePerKeyAndReadBack", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		ids := make([]int64, 4)
		errs := make([]error, 4)
		for i := range ids { // a retried upload, twice at once
			wg.Add(1)
			go func() {
				defer wg.Done()
				ids[i], errs[i] = s.SaveWebPhoto(ctx, "web:a:p1", webchat.Photo{UserID: "a", ContentType: "image/png", Data: png})
			}()
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil || ids[i] != ids[0] || ids[i] == 0 {
				t.Fatalf("saves = %v, %v; want one id", ids, errs)
			}
		}
		other, err := s.SaveWebPhoto(ctx, "web:b:p1", webchat.Photo{UserID: "b", ContentType: "image/jpeg", Data: []byte{0xff, 0xd8, 0}})
		if err != nil || other == ids[0] {
			t.Fatalf("another resident's photo = %d, %v", other, err)
		}
		p, err := s.WebPhoto(ctx, ids[0])
		if err != nil || p.UserID != "a" || p.ContentType != "image/png" || !bytes.Equal(p.Data, png) || p.At.IsZero() {
			t.Fatalf("photo = %+v, %v", p, err)
		}
		if _, err := s.WebPhoto(ctx, other+100); vikno.ErrorCode(err) != vikno.ENOTFOUND {
			t.Fatalf("unknown photo: %v, want ENOTFOUND", err)
		}
	})
	t.Run("PurgeKeepsNewPhotosAndThoseAnAppealRefersTo", func(t *testing.T) {
		s := open(t)
		old := time.Now().Add(-48 * time.Hour)
		save := func(key string, at time.Time) int64 {
			t.Helper()
			id, err := s.SaveWebPhoto(ctx, key, webchat.Photo{UserID: "a", ContentType: "image/png", Data: png, At: at})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		gone, filed, fresh := save("web:a:1", old), save("web:a:2", old), save("web:a:3", time.Now())
		r, err := s.EnsureResident(ctx, vikno.Web, "a", "uk")
		if err != nil {
			t.Fatal(err)
		}
		a, ev := sampleAppeal(r.ID, "tok", old.Add(time.Minute))
		a.Channel, a.Photos = vikno.Web, []string{"web:" + strconv.FormatInt(filed, 10)}
		mustCreate(t, s, a, ev)
		n, err := s.PurgeWebChat(ctx, time.Now().Add(-24*time.Hour))
		if err != nil || n != 1 {
			t.Fatalf("purged %d, %v; want the one old photo no appeal refers to", n, err)
		}
		if _, err := s.WebPhoto(ctx, gone); vikno.ErrorCode(err) != vikno.ENOTFOUND {
			t.Fatalf("old photo: %v, want ENOTFOUND", err)
		}
		for _, id := range []int64{filed, fresh} {
			if _, err := s.WebPhoto(ctx, id); err != nil {
				t.Fatalf("photo %d kept: %v", id, err)
			}
		}
	})
	t.Run("PurgeKeepsAPhotoAddedToAnAppealFiledBeforeIt", func(t *testing.T) {
		s := open(t)
		old := time.Now().Add(-48 * time.Hour)
		r, err := s.EnsureResident(ctx, vikno.Web, "a", "uk")
		if err != nil {
			t.Fatal(err)
		}
		a, ev := sampleAppeal(r.ID, "tok", old.Add(-time.Hour))
		a.Channel, a.Photos = vikno.Web, nil
		filed := mustCreate(t, s, a, ev)
		// «ні, не зроблено» with a photo, a day after the appeal was filed
		id, err := s.SaveWebPhoto(ctx, "web:a:later", webchat.Photo{UserID: "a", ContentType: "image/png", Data: png, At: old})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateAppeal(ctx, filed.Number, func(a *cases.Appeal) (cases.AppealEvent, error) {
			a.Photos, a.UpdatedAt = append(a.Photos, "web:"+strconv.FormatInt(id, 10)), old.Add(time.Minute)
			return cases.AppealEvent{}, nil
		}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.PurgeWebChat(ctx, time.Now().Add(-24*time.Hour)); err != nil || n != 0 {
			t.Fatalf("purged %d, %v; want none", n, err)
		}
		if _, err := s.WebPhoto(ctx, id); err != nil {
			t.Fatalf("the photo the appeal refers to: %v", err)
		}
	})
}
