#!/usr/bin/env bash
# The durable default survives a restart: starts the app jar as a user would (no TEMPORAL_ADDRESS,
# so it runs the Temporal CLI's dev server as its child, with its own data directory and free
# ports), enrolls a contact on a map that waits 30 seconds and then calls a webhook (a local
# receiver counting calls) and tags the contact, stops the app with SIGTERM while the run waits,
# starts it again on the same data directory, and checks that the webhook is called exactly once,
# after the wait, and that no dev server is left behind.
#
# Needs only a JDK 25 and the Temporal CLI, or Go: the app builds the pinned CLI with go install
# when none is installed (minutes, once). AUTOMAP_TEMPORAL_CLI (or TEMPORAL_CLI) names a binary.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

KEY=restart-key
WAIT_SECONDS=30
WORK=$(mktemp -d /tmp/automap-restart.XXXXXX)
DATA="$WORK/data"
STARTED=$SECONDS

extra_cleanup() {
  # a dev server whose app was killed before it could stop it: stop it by the pid its app wrote
  if [ -f "$DATA/temporal/dev-server.pid" ]; then kill "$(cat "$DATA/temporal/dev-server.pid")" 2>/dev/null || true; fi
}

APP_PORT=$(free_port)
TEMPORAL_PORT=$(free_port)
UI_PORT=$(free_port)
RECEIVER_PORT=$(free_port)

./automap build
source <(./automap env)

"$JAVA" scripts/CountingReceiver.java "$RECEIVER_PORT" "$WORK/calls" > "$WORK/receiver.log" 2>&1 &
PIDS+=($!)
wait_for 60 grep -q receiving "$WORK/receiver.log"

APP_PID=
start_app() {  # start_app LOG
  env -u TEMPORAL_ADDRESS -u AUTOMAP_EMBEDDED_TEMPORAL \
    AUTOMAP_TEMPORAL_CLI="${AUTOMAP_TEMPORAL_CLI:-${TEMPORAL_CLI:-}}" \
    AUTOMAP_DATA_DIR="$DATA" AUTOMAP_BOOTSTRAP_API_KEY=$KEY MICRONAUT_SERVER_PORT="$APP_PORT" \
    AUTOMAP_WEBHOOK_ALLOWED_HOSTS=127.0.0.1 \
    AUTOMAP_EMBEDDED_TEMPORAL_PORT="$TEMPORAL_PORT" AUTOMAP_EMBEDDED_TEMPORAL_UI_PORT="$UI_PORT" \
    "$JAVA" $JAVA_OPTS -jar "$APP_JAR" > "$1" 2>&1 &
  APP_PID=$!
  PIDS+=($APP_PID)
  # the first start on a machine without the Temporal CLI builds it (minutes)
  wait_for 900 curl -sf "localhost:$APP_PORT/health"
}
gone() { ! ps -o stat= -p "$1" | grep -qv Z; }  # exited (a zombie until reaped counts)
app_stopped() { gone "$APP_PID"; }
calls() { wc -l < "$WORK/calls" | tr -d ' '; }

H="Authorization: Bearer $KEY"
API="localhost:$APP_PORT"

start_app "$WORK/app-1.log"
DEV_PID=$(cat "$DATA/temporal/dev-server.pid")
check "the app runs Temporal's dev server (health says dev-server)" \
  bash -c "curl -s $API/health | grep -q '\"mode\":\"dev-server\"'"
check "the start-up log prints the Temporal UI's URL" \
  grep -q "Temporal UI: http://127.0.0.1:$UI_PORT" "$WORK/app-1.log"
check "the Temporal UI answers there" curl -sf -o /dev/null "http://127.0.0.1:$UI_PORT/"
check "save a map: wait ${WAIT_SECONDS}s, webhook, tag" bash -c "curl -sf -XPOST $API/v1/automations -H '$H' -H 'Content-Type: application/json' -d '{
  \"key\": \"later\", \"name\": \"Later\", \"start\": \"wait\",
  \"steps\": [
    {\"id\": \"wait\", \"type\": \"wait\", \"duration\": \"PT${WAIT_SECONDS}S\", \"next\": \"call\"},
    {\"id\": \"call\", \"type\": \"webhook\", \"method\": \"POST\", \"url\": \"http://127.0.0.1:$RECEIVER_PORT/hook\",
     \"body\": {\"contact\": \"{{contact.id}}\"}, \"next\": \"tag\"},
    {\"id\": \"tag\", \"type\": \"add_tags\", \"tags\": [\"called-back\"], \"next\": \"done\"},
    {\"id\": \"done\", \"type\": \"end\"}]}' | grep -q '\"version\":1'"
check "publish it" bash -c "curl -sf -XPOST $API/v1/automations/later/publish -H '$H' | grep -q '\"status\":\"active\"'"
CONTACT=$(curl -sf -XPOST "$API/v1/contacts" -H "$H" -H 'Content-Type: application/json' \
  -d '{"email": "ada@example.com", "firstName": "Ada"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
RUN="default:later:$CONTACT"
ENROLLED_AT=$(date +%s)
check "enroll a contact" bash -c "curl -sf -XPOST $API/v1/automations/later/enrollments -H '$H' \
  -H 'Content-Type: application/json' -d '{\"contactId\": \"$CONTACT\"}' | grep -q '$RUN'"
check "the run waits on its wait step" wait_for 20 bash -c \
  "curl -sf $API/v1/enrollments/$RUN -H '$H' | grep -q '\"waiting\"'"

kill -TERM "$APP_PID"
check "the app stops on SIGTERM while the run waits" wait_for 60 app_stopped
STOPPED_AT=$(date +%s)
check "its dev server stopped with it (no orphan)" wait_for 30 gone "$DEV_PID"
check "and removed its pid file" test ! -e "$DATA/temporal/dev-server.pid"
check "the webhook was not called before the wait ended" test "$(calls)" -eq 0
echo "   (the app was down $((STOPPED_AT - ENROLLED_AT))s after enrolling; the wait is ${WAIT_SECONDS}s)"

start_app "$WORK/app-2.log"
check "the restarted app runs a dev server again, on the same file" \
  bash -c "curl -s $API/health | grep -q '\"mode\":\"dev-server\"' && grep -q 'runs kept in $DATA/temporal/temporal.db' '$WORK/app-2.log'"
check "the run is still known after the restart" \
  bash -c "curl -sf $API/v1/enrollments/$RUN -H '$H' | grep -q '$RUN'"
check "the action happens after the restart: the contact is tagged" wait_for 90 bash -c \
  "curl -sf $API/v1/contacts/$CONTACT -H '$H' | grep -q called-back"
check "the run completed" wait_for 30 bash -c \
  "curl -sf $API/v1/enrollments/$RUN -H '$H' | grep -q '\"completed\"'"
sleep 3  # room for a doubled call to show
check "the webhook was called exactly once" test "$(calls)" -eq 1
CALLED_AT=$(awk 'NR==1 {print $1}' "$WORK/calls")
check "after the ${WAIT_SECONDS}s wait (called $((${CALLED_AT:-0} - ENROLLED_AT))s after enrolling)" \
  test "${CALLED_AT:-0}" -ge $((ENROLLED_AT + WAIT_SECONDS))
check "with the action's Idempotency-Key" bash -c "awk 'NR==1 {print \$4}' '$WORK/calls' | grep -q '$RUN'"

DEV_PID=$(cat "$DATA/temporal/dev-server.pid")
kill -TERM "$APP_PID"
check "the app stops on SIGTERM again" wait_for 60 app_stopped
check "and its dev server with it" wait_for 30 gone "$DEV_PID"

if [ "$failed" -gt 0 ]; then
  echo "--- logs in $WORK"; tail -30 "$WORK"/app-*.log "$DATA/temporal/dev-server.log" || true
fi
echo "restart: $passed passed, $failed failed in $((SECONDS - STARTED))s"
[ "$failed" -eq 0 ]
