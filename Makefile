# The two commands a new user needs: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM_STAMP := node_modules/.install-stamp

.PHONY: help install generate check-generated lint format imports typecheck unit test build docs prepare-db run bench soak

help:
	@echo "make run    install, build, migrate, seed and serve on http://\$${HOST:-127.0.0.1}:\$${PORT:-8000} (docs at /docs)"
	@echo "make test   install, lint the contract and the code, check imports and generated types, type-check and run every test"
	@echo "make generate | lint | format | imports | docs | sdk | sdk-interop | contract-diff BASE=<ref> | mock | bench | bench-scale | bench-charts | bench-slow-uploaders | soak | canary"

# Installs exactly what package-lock.json pins, again only when it changes.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NPM_STAMP)

install: $(NPM_STAMP)

generate: install
	npm run -s generate

check-generated: install
	npm run -s generate:check

# Redocly on openapi.yaml, then ESLint (eslint.config.js) and Prettier (.prettierrc.json) on the code.
lint: install
	npm run -s lint

# Fixes what ESLint can (import order) and formats the code with Prettier.
format: install
	npm run -s format

# No import cycle in src/ or scripts/, and the layering of the README's Layout (.dependency-cruiser.cjs).
imports: install
	npm run -s imports

typecheck: install
	npm run -s typecheck

unit: install browser-deps haproxy-deps
	npm run -s test

# Debian's Chromium for the browser tests: installed with apt when root, else the tests say why they skip.
.PHONY: browser-deps
browser-deps:
	@bash scripts/ensure-debian-package.sh chromium "$${CHROMIUM_PATH:-/usr/bin/chromium}" \
		"the browser tests are skipped" "or fail, when REQUIRE_BROWSER=1"

# Debian's HAProxy for the rolling-restart test (test/hardening/rolling-restart.test.ts): installed
# with apt when root, else the test says why it skips (and fails under REQUIRE_HAPROXY=1).
.PHONY: haproxy-deps
haproxy-deps:
	@bash scripts/ensure-debian-package.sh haproxy "$${HAPROXY_PATH:-/usr/sbin/haproxy}" \
		"the rolling-restart test is skipped" "or fails, when REQUIRE_HAPROXY=1"

test: lint imports check-generated typecheck unit contract-review

# Contract review gate: openapi.yaml at BASE (a git ref) against the working copy, compared by
# `redocly diff` with redocly.yaml's diff rules, as a Markdown report for a pull request; exits 1
# on a breaking change unless info.version's major was raised, or when info.version was not
# raised as far as the changes require.
BASE ?= HEAD~1
.PHONY: contract-diff contract-review
contract-diff: install
	@npx tsx scripts/contract-diff/main.ts --base $(BASE)

# The same gate as a step of `make test` (so CI runs it against the previous commit, when there is one).
contract-review: install
	@npx tsx scripts/contract-diff/main.ts --base HEAD~1 --if-present

# A mock of the API from the contract's examples on MOCK_PORT (default 8001), validated like the
# real server, for building clients and widgets before the backend is done. Prefer: code=,
# example=<name>, dynamic=true (seeded by MOCK_SEED); MOCK_STATEFUL=1 keeps created customers.
.PHONY: mock
mock: install
	npm run -s mock

build: install
	npm run -s build

# The SDK consumers install (clients/typescript, @tutorial-api/client), packed into dist/sdk/.
.PHONY: sdk
sdk: install
	npx tsx scripts/sdk/build-sdk.ts

# Other generators on the contract (not part of `make test`): @hey-api/openapi-ts and
# openapi-typescript-codegen, installed from clients/interop's own lock, generate clients from
# openapi.yaml into clients/interop/out/, and tsc checks them with the calls in clients/interop/usage/.
INTEROP := clients/interop
INTEROP_STAMP := $(INTEROP)/node_modules/.install-stamp
$(INTEROP_STAMP): $(INTEROP)/package.json $(INTEROP)/package-lock.json
	cd $(INTEROP) && npm ci --prefer-offline --no-audit --no-fund
	@touch $(INTEROP_STAMP)

.PHONY: sdk-interop
sdk-interop: $(INTEROP_STAMP)
	rm -rf $(INTEROP)/out
	cd $(INTEROP) && npx openapi-ts --input ../../openapi.yaml --output out/hey-api
	cd $(INTEROP) && npx openapi --input ../../openapi.yaml --output out/codegen --client fetch
	cd $(INTEROP) && npx tsc -p tsconfig.json
	@echo "sdk-interop: the @hey-api/openapi-ts and openapi-typescript-codegen clients compile"

# A self-contained Redoc page (configured in redocly.yaml); fails if anything in it loads from the internet.
docs: install
	npx tsx scripts/docs/build-docs.ts --output dist/docs/index.html

prepare-db: build
	node dist/src/cli/migrate.js
	node dist/src/cli/seed-customers.js
	node dist/src/cli/random-number-launcher.js

# The V8 heap settings production uses (package.json config.nodeFlags; `npm start` and the bench read them too).
NODE_FLAGS = $(shell node -p "require('./package.json').config.nodeFlags")

run: build docs prepare-db
	node dist/src/cli/dev-token.js
	node $(NODE_FLAGS) dist/server.cjs

# Copies the project to a temporary folder, installs the newest releases within the pinned majors of
# express, openapi-backend, ajv, pino and helmet there, and runs `make test` (not part of `make test`).
.PHONY: canary
canary:
	bash scripts/canary.sh

# vega + vega-lite, which draw the benchmarks' SVG charts: a package of their own (bench/charts, with
# its own lock), installed only for the benchmarks, so that `make test`'s npm ci does not carry them.
BENCH_CHARTS_STAMP := bench/charts/node_modules/.install-stamp
$(BENCH_CHARTS_STAMP): bench/charts/package.json bench/charts/package-lock.json
	npm ci --prefix bench/charts --no-audit --no-fund
	@touch $(BENCH_CHARTS_STAMP)

.PHONY: bench-charts-deps bench-charts bench-scale
bench-charts-deps: $(BENCH_CHARTS_STAMP)

# Load benchmark of the production bundle against a bare node:http floor (not part of `make test`);
# BENCH_ENGINE=postgres runs it on PostgreSQL (bench/results/latest-postgres.json and .svg).
bench: build bench-charts-deps
	npx tsx bench/main.ts

# Server CPU per request of four reads at 10k, 100k and 1M customers (1, 10 and 30 years of
# daily numbers), on SQLite and PostgreSQL (bench/results/scale.json, .txt and .svg).
bench-scale: build bench-charts-deps
	npx tsx bench/scale.ts

# Draws the charts again from the results in bench/results, without measuring anything.
bench-charts: install bench-charts-deps
	npx tsx bench/redraw-charts.ts

# 200 authenticated and 200 anonymous clients that each send 99 KB of a 100 KB body and stall:
# prints the server's RSS before and at its peak, and what became of the connections (issue 17).
.PHONY: bench-slow-uploaders
bench-slow-uploaders: build
	npx tsx bench/slow-uploaders.ts

# Five minutes (SOAK_DURATION s) of mixed traffic against the production bundle; fails on a 5xx, a
# socket error, an unexpected status or RSS growth after warm-up (not part of `make test`).
soak: build
	npx tsx bench/soak.ts
