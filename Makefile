# Thin layer over the npm workspace scripts and the infra/local scripts.
# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NODE_RUN := node --import tsx --conditions=source
STACK_ENV := set -a; source .local/stack.env; set +a;

.PHONY: help deps up down status logs demo test lint typecheck build unit integration bench clean-stack

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

node_modules/.package-lock.json: package-lock.json package.json
	@command -v node >/dev/null || { echo "[make] ERROR: Node.js 20.19+ is not installed. fix: install Node.js 20 (Debian: apt-get install nodejs)"; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

deps: node_modules/.package-lock.json ## install npm dependencies (npm ci, only when the lock file changed)

up: deps ## start the local stack (Kafka, schema registry, PostgreSQL, Redis), create topics, register schemas
	@bash infra/local/up.sh

down: ## stop the local stack (data kept under ~/.local/state/cwp-local)
	@bash infra/local/down.sh

status: ## show each stack component and whether it answers
	@bash infra/local/status.sh

logs: ## show the tail of every component's log (make logs C=kafka to follow one)
	@if [ -n "$(C)" ]; then bash infra/local/logs.sh $(C) -f; else bash infra/local/logs.sh; fi

clean-stack: down ## stop the stack and delete Kafka's and Redis' data (the registry's schemas live in PostgreSQL)
	rm -rf "$${CWP_STATE_DIR:-$${XDG_STATE_HOME:-$$HOME/.local/state}/cwp-local}/data" "$${CWP_STATE_DIR:-$${XDG_STATE_HOME:-$$HOME/.local/state}/cwp-local}/run"

demo: up ## run the pipeline end to end on the local stack with generated events
	@$(STACK_ENV) $(NODE_RUN) infra/scripts/demo.ts $(DEMO_ARGS)

lint: deps ## ESLint (typescript-eslint, type-aware) over every package; build references match the imports
	npx eslint --max-warnings 0 .
	@$(NODE_RUN) infra/scripts/check-build-references.ts

typecheck: deps ## tsc over every package, strict
	npx tsc -p tsconfig.json --noEmit

build: deps ## compile every package to its dist/ (tsc -b, project references): what `npm start` runs in production
	npx tsc -b tsconfig.build.json

unit: deps ## unit tests (no broker needed)
	node test/run-tests.mjs unit

integration: up ## integration tests against the real local stack
	@$(STACK_ENV) node test/run-tests.mjs integration

test: lint typecheck build unit integration ## everything CI runs: lint, type-check, the production build, unit and integration tests

bench: up build ## benchmarks; prints a table and writes bench-results.json (the service processes the risk benches start run from dist/, as in production)
	@$(STACK_ENV) CWP_SERVICES_FROM=dist $(NODE_RUN) test/bench/run.ts
