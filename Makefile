# The two commands a newcomer needs are `make run` and `make test`; every
# other target is a step of those or a maintenance task (see README.md).
SHELL := /bin/bash
UPSTREAM ?= ../shared/reference/message-registry-v2.1.swagger.yaml
GENERATOR := node_modules/.bin/openapi-generator

.PHONY: install build run test typecheck lint mocha mocha-postgres generate check-generated spec-diff bench clean

install: node_modules/.install-stamp

node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build: install
	npm run build

run: build
	mkdir -p data
	npm run migrate
	npm run demo -- --if-empty
	AUTH_MODE=$${AUTH_MODE:-dev} \
	CORS_ORIGINS="https://www.eboxenterprise.be,https://wwwacc.eboxenterprise.be$${CORS_ORIGINS:+,$$CORS_ORIGINS}" \
	npm start

test: install typecheck lint mocha mocha-postgres

typecheck: install
	npm run typecheck

lint: install
	npm run lint

mocha: install
	npm test

mocha-postgres: install
	bash scripts/postgres-tests.sh

generate: install
	bash scripts/generate.sh generated

check-generated: install
	bash scripts/check-generated.sh

spec-diff: install
	npx tsx scripts/spec-diff.ts "$(UPSTREAM)"

bench: install
	npm run bench

clean:
	rm -rf dist node_modules data
