#!/usr/bin/env bash
# End to end against a real Temporal server: the Temporal CLI's dev server (SQLite), the app
# without its worker, and a separate worker process, both pointed at it through the
# environment. Runs the README's curl tour and finds the run with a visibility query.
#
# Uses an installed `temporal` (TEMPORAL_CLI, PATH or ~/go/bin); only when none is there does it
# build the pinned CLI with `go install` (minutes, once).
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib.sh
TEMPORAL_PORT=${E2E_TEMPORAL_PORT:-17233}
APP_PORT=${E2E_APP_PORT:-18080}
PG_PORT=${E2E_PG_PORT:-15432}
KEY=e2e-key
WORK=$(mktemp -d /tmp/automap-e2e.XXXXXX)

TEMPORAL=$(find_temporal)
echo "Temporal CLI: $TEMPORAL ($("$TEMPORAL" --version))"

start_dev_server "$TEMPORAL" "$TEMPORAL_PORT" "$WORK/temporal.db" --headless

./automap build
source <(./automap env)

# the app: API only, with its embedded PostgreSQL on a known port for the worker to share
TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" AUTOMAP_WORKER_ENABLED=false AUTOMAP_BOOTSTRAP_API_KEY=$KEY \
  AUTOMAP_DATA_DIR="$WORK/data" AUTOMAP_EMBEDDED_POSTGRES_PORT=$PG_PORT MICRONAUT_SERVER_PORT=$APP_PORT \
  "$JAVA" $JAVA_OPTS -jar "$APP_JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
# the app answers: 200, or 503 while no worker polls the task queue yet (it starts next)
wait_for 120 bash -c "curl -s -o /dev/null -w '%{http_code}' localhost:$APP_PORT/health | grep -qE '200|503'"

# the worker: its own process, same Temporal and database
TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  DATASOURCES_DEFAULT_USERNAME=postgres DATASOURCES_DEFAULT_PASSWORD= \
  "$JAVA" $JAVA_OPTS -jar "$WORKER_JAR" > "$WORK/worker.log" 2>&1 &
WORKER_PID=$!
PIDS+=($WORKER_PID)
wait_for 120 grep -q "Worker polling" "$WORK/worker.log"

H="Authorization: Bearer $KEY"
API="localhost:$APP_PORT"
check "the app reports the real Temporal" \
  bash -c "curl -s $API/health | grep -q '\"mode\":\"external\"'"
check "save a map" bash -c "curl -sf -XPOST $API/v1/automations -H '$H' -H 'Content-Type: application/json' -d '{
  \"key\": \"welcome\", \"name\": \"Welcome\", \"start\": \"wait\",
  \"steps\": [
    {\"id\": \"wait\", \"type\": \"wait\", \"duration\": \"PT3S\", \"next\": \"tag\"},
    {\"id\": \"tag\", \"type\": \"add_tags\", \"tags\": [\"welcomed\"], \"next\": \"done\"},
    {\"id\": \"done\", \"type\": \"end\"}]}' | grep -q '\"version\":1'"
check "publish it" bash -c "curl -sf -XPOST $API/v1/automations/welcome/publish -H '$H' | grep -q '\"status\":\"active\"'"
CONTACT=$(curl -sf -XPOST "$API/v1/contacts" -H "$H" -H 'Content-Type: application/json' \
  -d '{"email": "ada@example.com", "firstName": "Ada"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
check "create a contact" test -n "$CONTACT"
check "enroll it" bash -c "curl -sf -XPOST $API/v1/automations/welcome/enrollments -H '$H' \
  -H 'Content-Type: application/json' -d '{\"contactId\": \"$CONTACT\"}' | grep -q 'default:welcome:$CONTACT'"
check "the run is found by AutomationKey in Temporal's visibility" wait_for 30 bash -c \
  "'$TEMPORAL' workflow list --address 127.0.0.1:$TEMPORAL_PORT --query \"AutomationKey='welcome'\" | grep -q 'default:welcome:$CONTACT'"
check "the run is waiting on its wait step" wait_for 30 bash -c \
  "'$TEMPORAL' workflow list --address 127.0.0.1:$TEMPORAL_PORT --query \"RunState='waiting' AND CurrentStep='wait'\" | grep -q 'default:welcome:$CONTACT'"
check "the status query answers through the API" bash -c \
  "curl -sf $API/v1/enrollments/default:welcome:$CONTACT -H '$H' | grep -q '\"state\"'"
check "the tag appears after the wait" wait_for 30 bash -c "curl -sf $API/v1/contacts/$CONTACT -H '$H' | grep -q welcomed"
check "the run completed" wait_for 30 bash -c \
  "'$TEMPORAL' workflow describe --address 127.0.0.1:$TEMPORAL_PORT -w default:welcome:$CONTACT | grep -q -i completed"
gone() { ! ps -o stat= -p "$1" | grep -qv Z; }  # exited (a zombie until reaped counts)
stopped() { gone "$APP_PID" && gone "$WORKER_PID"; }
kill "$WORKER_PID" "$APP_PID"
check "the app and the worker stop on SIGTERM" wait_for 30 stopped

if [ "$failed" -gt 0 ]; then
  echo "--- logs in $WORK"; tail -20 "$WORK/app.log" "$WORK/worker.log" || true
fi
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
