#!/usr/bin/env bash
# The fault suite (scripts/faults.py): the app, a worker, PostgreSQL and the Temporal CLI's dev
# server as separate processes, killed, stopped and frozen while runs go on. Needs python3.
# Uses an installed `temporal` (TEMPORAL_CLI, PATH or ~/go/bin); only when none is there does it
# build the pinned CLI with `go install` (minutes, once).
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_CLI_VERSION=v1.5.1

find_temporal() {
  if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then echo "$TEMPORAL_CLI"; return; fi
  if command -v temporal >/dev/null 2>&1; then command -v temporal; return; fi
  local gobin
  gobin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/temporal"
  if [ -x "$gobin" ]; then echo "$gobin"; return; fi
  echo "building the Temporal CLI $TEMPORAL_CLI_VERSION with go install (once)..." >&2
  go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
  echo "$gobin"
}

TEMPORAL_CLI=$(find_temporal)
export TEMPORAL_CLI
echo "Temporal CLI: $TEMPORAL_CLI ($("$TEMPORAL_CLI" --version))"
./automap build
exec python3 scripts/faults.py
