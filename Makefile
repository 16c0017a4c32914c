# make install [PREFIX=/usr/local]: the release binary, rule data, templates, completions and man page.
PREFIX ?= /usr/local

.PHONY: install test
install:
	bash scripts/install.sh "$(PREFIX)"

test:
	swift test
