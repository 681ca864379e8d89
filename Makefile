VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.Version=$(VERSION)

.PHONY: build test lint bench run

build:
	go build -ldflags "$(LDFLAGS)" -o bin/vikno ./cmd/vikno

test:
	go test -race -count=1 -timeout 60m ./...

lint:
	go vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

bench:
	go test -run '^$$' -bench . -benchmem ./...

run:
	go run ./cmd/vikno chat
