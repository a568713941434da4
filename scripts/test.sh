#!/usr/bin/env bash
# The README's test command (`make test`): the whole suite, with everything it needs.
# - creates/refreshes .venv with the pinned requirements (scripts/bootstrap.sh)
# - installs Debian's chromium for the browser tests when missing (scripts/ensure_chromium.sh)
# - starts a throw-away PostgreSQL on 127.0.0.1 for the store tests (scripts/start_postgres.sh) unless
#   PAIRWISE_TEST_DATABASE_URL is already set; without a server those tests are skipped with the
#   reason, except in CI (CI=true), where they fail
# Extra arguments go to pytest, e.g. `make test ARGS="-k store"`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh dev
bash scripts/ensure_chromium.sh
if [ -z "${PAIRWISE_TEST_DATABASE_URL:-}" ]; then
  PG_DIR=$(mktemp -d /tmp/pairwise-pg.XXXXXX)
  trap 'bash scripts/start_postgres.sh --stop "$PG_DIR"' EXIT
  if url=$(PG_DIR="$PG_DIR" bash scripts/start_postgres.sh); then
    export PAIRWISE_TEST_DATABASE_URL="$url"
  else
    echo "No PostgreSQL server could be started; the PostgreSQL store tests will be skipped (they fail in CI)." >&2
  fi
fi
export HF_HUB_OFFLINE=1
# Reproducible ids for email-derived participant ids in tests (never the organizer's own salt).
export PAIRWISE_ID_SALT="${PAIRWISE_ID_SALT:-pairwise-test-suite}"
status=0
.venv/bin/python -m pytest "$@" || status=$?
exit $status
