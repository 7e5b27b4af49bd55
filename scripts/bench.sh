#!/usr/bin/env bash
# The benchmarks: starts the Temporal CLI's dev server (SQLite in a temporary directory, free port),
# then runs dev.automap.app.bench.Benchmarks in one JVM with an embedded PostgreSQL, the app and its
# worker. Each measure is printed beside its baseline, measured in the same run, and BENCHMARKS.md
# is written at the top level. AUTOMAP_BENCH_SIZE=small runs every measure small (a few minutes),
# medium keeps the 20,000-contact measures; AUTOMAP_BENCH_ONLY=name,... runs some measures only.
# Benchmarks report; they never fail on their ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

WORK=$(mktemp -d /tmp/automap-bench.XXXXXX)
TEMPORAL=$(find_temporal)
TEMPORAL_PORT=$(free_port)
start_dev_server "$TEMPORAL" "$TEMPORAL_PORT" "$WORK/temporal.db" --headless
echo "bench: Temporal dev server on 127.0.0.1:$TEMPORAL_PORT ($WORK), size ${AUTOMAP_BENCH_SIZE:-full}"

source <(./automap env)
export AUTOMAP_BENCH_TEMPORAL="127.0.0.1:$TEMPORAL_PORT"
export AUTOMAP_BENCH_TEMPORAL_DB="$WORK/temporal.db"
export AUTOMAP_BENCH_TEMPORAL_VERSION="$("$TEMPORAL" --version 2>/dev/null | head -1)"
export AUTOMAP_BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
export AUTOMAP_BENCH_OUT="$PWD/BENCHMARKS.md"
export AUTOMAP_BENCH_SIZE="${AUTOMAP_BENCH_SIZE:-full}"
./mvnw -B -pl app -am test -Pslow -Dgroups=bench -Dtest=Benchmarks \
  -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false 2>&1 | tee "$WORK/bench.log" \
  | grep -v '^\[INFO\]\|^[0-9:. ]*\[.*\] \(INFO\|DEBUG\)' || true
if [ -n "${AUTOMAP_BENCH_ONLY:-}" ]; then  # some measures, printed only
  echo "bench: $AUTOMAP_BENCH_ONLY printed; BENCHMARKS.md unchanged ($WORK/bench.log has the whole output)"
  exit 0
fi
test -f BENCHMARKS.md && grep -q "$AUTOMAP_BENCH_COMMIT" BENCHMARKS.md
echo "bench: BENCHMARKS.md written ($WORK/bench.log has the whole output)"
