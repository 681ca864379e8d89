package admin

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/vikno-city/vikno"
	"github.com/vikno-city/vikno/knowledge"
	"github.com/vikno-city/vikno/staff"
)

// Limits of an uploaded knowledge base: the .zip itself, each article file
// and all files unpacked, and how many files it may hold.
const (
	maxZipUpload    = 16 << 20
	maxZipFile      = 1 << 20
	maxZipUnpacked  = 64 << 20
	maxZipFiles     = 20000
	kbImportPath    = "/admin/kb/import"
	maxImportErrors = 20
)

func (h *Handler) kbZipRoutes() {
	editor := []staff.Role{staff.RoleEditor}
	h.mux.Handle("GET /admin/kb/files", h.auth(editor, h.kbFiles))
	h.mux.Handle("GET /admin/kb/export.zip", h.auth(editor, h.kbExport))
	h.mux.Handle("POST "+kbImportPath, h.auth(editor, h.kbImport))
}

// bodyLimit is how large a request body may be: an uploaded knowledge base
// is larger than any form.
func bodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPost && r.URL.Path == kbImportPath {
		return maxZipUpload
	}
	return maxForm
}

func (h *Handler) kbFiles(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "kb_files", map[string]any{"MaxMB": maxZipUpload >> 20})
}

// kbExport sends every article, published or not, as a .zip of Markdown
// files in the format `vikno kb import` reads.
func (h *Handler) kbExport(w http.ResponseWriter, r *http.Request) {
	articles, err := h.cfg.Articles.ListArticles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	now := h.cfg.Now()
	for _, a := range articles {
		data, err := knowledge.FormatArticle(a)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		f, err := zw.CreateHeader(&zip.FileHeader{Name: a.ID + ".md", Method: zip.Deflate, Modified: now})
		if err == nil {
			_, err = f.Write(data)
		}
		if err != nil {
			h.fail(w, r, fmt.Errorf("kb export: %w", err))
			return
		}
	}
	if err := zw.Close(); err != nil {
		h.fail(w, r, fmt.Errorf("kb export: %w", err))
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="vikno-kb-`+now.Format("2006-01-02")+`.zip"`)
	w.Write(b.Bytes())
}

// kbImport loads an uploaded .zip of Markdown articles: all of them are
// saved, in one transaction through the knowledge service, or none, and
// every problem is listed with its file and line. The articles it changes
// must pass what the editor checks (knowledge.CityFault) as well (one it
// leaves as stored passes: knowledge.SkipUnchanged): an editor who fixes
// the articles named and uploads the archive again gets the whole
// knowledge base they prepared, never the part of it that happened to pass.
func (h *Handler) kbImport(w http.ResponseWriter, r *http.Request) {
	l := lang(r)
	stored, err := h.cfg.Articles.ListArticles(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	articles, problems := h.readUpload(r, stored)
	if len(problems) > 0 {
		h.render(w, r, http.StatusBadRequest, "kb_files", map[string]any{"MaxMB": maxZipUpload >> 20, "Problems": problems})
		return
	}
	ctx := staff.WithAudit(r.Context(), auditOf(r, "kb.import", "kb", fmt.Sprintf("%d articles", len(articles))))
	st, err := h.cfg.KB.Save(ctx, articles, accountOf(r).user.Login)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "kb_files", map[string]any{"MaxMB": maxZipUpload >> 20,
		"Notice": fmt.Sprintf(tr(l, "kb_imported"), len(articles), st.Created, st.Updated, st.Unchanged)})
}

// readUpload reads the uploaded .zip into a knowledge base that holds
// stored; problems are shown to the editor.
func (h *Handler) readUpload(r *http.Request, stored []knowledge.Article) ([]knowledge.Article, []string) {
	l := lang(r)
	f, hdr, err := r.FormFile("zip")
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, []string{fmt.Sprintf(tr(l, "kb_zip_too_big"), maxZipUpload>>20)}
		}
		return nil, []string{tr(l, "kb_zip_missing")}
	}
	defer f.Close()
	zr, err := zip.NewReader(f, hdr.Size)
	if err != nil {
		return nil, []string{tr(l, "kb_zip_bad") + ": " + err.Error()}
	}
	if problem := checkZip(l, zr); problem != "" {
		return nil, []string{problem}
	}
	articles, err := knowledge.LoadFSChecked(zr, knowledge.SkipUnchanged(h.cityCheck(l), stored))
	if err != nil {
		return nil, splitErrors(l, err)
	}
	if len(articles) == 0 {
		return nil, []string{tr(l, "kb_zip_empty")}
	}
	return articles, nil
}

// checkZip says in lang why it refuses an archive that unpacks too large
// (a zip bomb) or holds too many files, or ""; archive/zip refuses entries
// larger than their header says.
func checkZip(l string, zr *zip.Reader) string {
	if len(zr.File) > maxZipFiles {
		return trf(l, "kb_zip_files", len(zr.File), maxZipFiles)
	}
	var total uint64
	for _, f := range zr.File {
		if !strings.EqualFold(path.Ext(f.Name), ".md") {
			continue
		}
		if f.UncompressedSize64 > maxZipFile {
			return trf(l, "kb_zip_file_big", f.Name, maxZipFile>>10)
		}
		if total += f.UncompressedSize64; total > maxZipUnpacked {
			return trf(l, "kb_zip_unpacked", maxZipUnpacked>>20)
		}
	}
	return ""
}

// splitErrors lists the problems of a joined error in lang, each with its
// file and line.
func splitErrors(l string, err error) []string {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	var out []string
	for _, e := range errs[:min(len(errs), maxImportErrors)] {
		if msg, ok := fileProblem(l, e); ok {
			out = append(out, msg)
			continue
		}
		msg := vikno.ErrorMessage(e)
		if vikno.ErrorCode(e) == vikno.EINTERNAL {
			msg = e.Error()
		}
		out = append(out, msg)
	}
	return out
}
