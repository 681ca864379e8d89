package admin

import (
	"strings"
	"testing"
)

func render(d []diffLine) string {
	var b strings.Builder
	for _, l := range d {
		b.WriteString(l.Op + l.Text + "\n")
	}
	return b.String()
}

func TestDiffLinesShowsOnlyWhatChanged(t *testing.T) {
	tests := []struct{ name, a, b, want string }{
		{"OneLineChanged", "один\nдва\nтри", "один\nДВА\nтри", " один\n-два\n+ДВА\n три\n"},
		{"AllNew", "", "а\nб", "+а\n+б\n"},
		{"AllGone", "а\nб", "", "-а\n-б\n"},
		{"Same", "а\nб", "а\nб\n", " а\n б\n"},
		{"LineAddedAtEnd", "а", "а\nб", " а\n+б\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(diffLines(tt.a, tt.b)); got != tt.want {
				t.Fatalf("diff =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
