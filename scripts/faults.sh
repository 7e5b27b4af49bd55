#!/usr/bin/env bash
# The fault suite (scripts/faults.py): the app, a worker, PostgreSQL and the Temporal CLI's dev
# server as separate processes, killed, stopped and frozen while runs go on. Needs python3.
# Uses an installed `temporal` (TEMPORAL_CLI, PATH or ~/go/bin); only when none is there does it
# build the pinned CLI with `go install` (minutes, once).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib.sh

TEMPORAL_CLI=$(find_temporal)
export TEMPORAL_CLI
echo "Temporal CLI: $TEMPORAL_CLI ($("$TEMPORAL_CLI" --version))"
./automap build
exec python3 scripts/faults.py
