# Shared by the scripts that drive real processes: ports, the Temporal CLI, waiting, checks.
# Source it; it sets PIDS (killed on exit), and counts checks in passed/failed.
TEMPORAL_CLI_VERSION=v1.5.1
PIDS=()
passed=0
failed=0

_cleanup() {  # a script may define extra_cleanup for what PIDS does not cover
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if declare -F extra_cleanup >/dev/null; then extra_cleanup; fi
}
trap _cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

check() {  # check NAME COMMAND...
  local name=$1; shift
  if "$@"; then echo "ok: $name"; passed=$((passed + 1)); else echo "FAILED: $name"; failed=$((failed + 1)); fi
}

finish() {  # finish SUITE: prints the totals and fails when a check failed
  if [ "$failed" -gt 0 ] && [ -n "${WORK:-}" ]; then
    echo "--- logs in $WORK"; tail -n 30 "$WORK"/*.log || true
  fi
  echo "$1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

wait_for() {  # wait_for SECONDS COMMAND...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.5
  done
}

find_temporal() {  # an installed Temporal CLI, else the pinned one built with go install (once)
  if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then echo "$TEMPORAL_CLI"; return; fi
  if command -v temporal >/dev/null 2>&1; then command -v temporal; return; fi
  local gobin
  gobin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/temporal"
  if [ -x "$gobin" ]; then echo "$gobin"; return; fi
  echo "building the Temporal CLI $TEMPORAL_CLI_VERSION with go install (once)..." >&2
  go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" >&2
  echo "$gobin"
}

start_dev_server() {  # start_dev_server CLI PORT DB_FILE [more start-dev flags]: with the search attributes
  local cli=$1 port=$2 db=$3; shift 3
  "$cli" server start-dev --port "$port" --db-filename "$db" --log-level error "$@" \
    --search-attribute AccountId=Keyword --search-attribute AutomationKey=Keyword \
    --search-attribute AutomationVersion=Int --search-attribute ContactId=Keyword \
    --search-attribute CurrentStep=Keyword --search-attribute RunState=Keyword \
    > "$(dirname "$db")/temporal.log" 2>&1 &
  PIDS+=($!)
  wait_for 60 "$cli" operator namespace describe --address "127.0.0.1:$port" default
}
