#!/usr/bin/env bash
# The operator's view in a real browser: runs a waiting, a paused, a completed and a failed run
# on the Temporal CLI's dev server, opens each in Temporal UI with headless Chromium, checks that
# the history reads as the map (step names) and that the states show, and keeps the screenshots
# in target/operator-view/.
#
# Installs what it lacks: Debian's chromium (apt-get), playwright-core (npm, scripts/ui), the
# Temporal CLI (go install, once).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

OUT=target/operator-view
rm -rf "$OUT" && mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/automap-ui.XXXXXX)
KEY=ui-key
TEMPORAL_PORT=$(free_port); UI_PORT=$(free_port); APP_PORT=$(free_port); PG_PORT=$(free_port); HOOK_PORT=$(free_port)

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package)..."
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d scripts/ui/node_modules/playwright-core ]; then
  (cd scripts/ui && npm ci --silent --no-audit --no-fund)
fi

TEMPORAL=$(find_temporal)
# the UI decodes compressed payloads (a run's input, with its map) with the app's remote codec
start_dev_server "$TEMPORAL" "$TEMPORAL_PORT" "$WORK/temporal.db" --ui-port "$UI_PORT" \
  --ui-codec-endpoint "http://127.0.0.1:$APP_PORT/codec"

# a webhook receiver that refuses every call: the failed run's step fails for good
python3 - "$HOOK_PORT" > "$WORK/hook.log" 2>&1 <<'PY' &
import http.server, sys
class Refuse(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('Content-Length') or 0))
        self.send_response(400); self.send_header('Content-Length', '0'); self.end_headers()
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), Refuse).serve_forever()
PY
PIDS+=($!)

./automap build
source <(./automap env)
TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" AUTOMAP_BOOTSTRAP_API_KEY=$KEY AUTOMAP_DATA_DIR="$WORK/data" \
  AUTOMAP_EMBEDDED_POSTGRES_PORT=$PG_PORT MICRONAUT_SERVER_PORT=$APP_PORT \
  AUTOMAP_WEBHOOK_ALLOWED_HOSTS=127.0.0.1 \
  AUTOMAP_TEMPORAL_UI_URL="http://localhost:$UI_PORT" \
  "$JAVA" $JAVA_OPTS -jar "$APP_JAR" > "$WORK/app.log" 2>&1 &
PIDS+=($!)
wait_for 120 curl -sf "localhost:$APP_PORT/health"

API="localhost:$APP_PORT"
H="Authorization: Bearer $KEY"
post() { curl -sf -XPOST "$API$1" -H "$H" -H 'Content-Type: application/json' -d "${2:-{\}}"; }
publish() { post /v1/automations "$1" >/dev/null && post "/v1/automations/$2/publish" >/dev/null; }
contact() { post /v1/contacts "{\"email\": \"$1@example.com\", \"firstName\": \"$1\"}" | sed 's/.*"id":"\([^"]*\)".*/\1/'; }
enroll() { post "/v1/automations/$1/enrollments" "{\"contactId\": \"$2\"}" >/dev/null; echo "default:$1:$2"; }

publish '{"key": "onboarding", "name": "Onboarding", "start": "wait-a-day", "steps": [
  {"id": "wait-a-day", "type": "wait", "duration": "P1D", "next": "tag-onboarded"},
  {"id": "tag-onboarded", "type": "add_tags", "tags": ["onboarded"], "next": "done"},
  {"id": "done", "type": "end"}]}' onboarding
publish '{"key": "welcome", "name": "Welcome", "start": "tag-welcome", "steps": [
  {"id": "tag-welcome", "type": "add_tags", "tags": ["welcomed"], "next": "score-lead"},
  {"id": "score-lead", "type": "adjust_score", "by": 10, "next": "done"},
  {"id": "done", "type": "end"}]}' welcome
publish "{\"key\": \"crm-sync\", \"name\": \"CRM sync\", \"start\": \"call-crm\", \"steps\": [
  {\"id\": \"call-crm\", \"type\": \"webhook\", \"method\": \"POST\", \"url\": \"http://127.0.0.1:$HOOK_PORT/contacts\", \"next\": \"done\"},
  {\"id\": \"done\", \"type\": \"end\"}]}" crm-sync
# a map long enough that its runs' input (which carries the map) is stored compressed
NURTURE_STEPS=""
for i in $(seq 1 15); do
  NURTURE_STEPS+="{\"id\": \"nurture-tag-$i\", \"type\": \"add_tags\", \"tags\": [\"nurtured-$i\"], \"next\": \"nurture-tag-$((i + 1))\"},"
done
publish "{\"key\": \"nurture\", \"name\": \"Nurture\", \"start\": \"wait-a-week\", \"steps\": [
  {\"id\": \"wait-a-week\", \"type\": \"wait\", \"duration\": \"P7D\", \"next\": \"nurture-tag-1\"},
  $NURTURE_STEPS {\"id\": \"nurture-tag-16\", \"type\": \"end\"}]}" nurture

WAITING=$(enroll onboarding "$(contact ada)")
PAUSED=$(enroll onboarding "$(contact grace)")
COMPLETED=$(enroll welcome "$(contact alan)")
FAILED=$(enroll crm-sync "$(contact edsger)")
NURTURED=$(enroll nurture "$(contact barbara)")
post "/v1/enrollments/$PAUSED/pause" '{"reason": "address being checked", "actor": "ops-ana"}' >/dev/null

t() { "$TEMPORAL" --address "127.0.0.1:$TEMPORAL_PORT" "$@"; }
state_is() { t workflow list --query "WorkflowId='$1' AND RunState='$2'" | grep -q "$1"; }
check "the waiting run shows RunState waiting" wait_for 30 state_is "$WAITING" waiting
check "the paused run shows RunState paused" wait_for 30 state_is "$PAUSED" paused
check "the completed run shows RunState completed" wait_for 30 state_is "$COMPLETED" completed
check "the failed run shows RunState failed" wait_for 60 state_is "$FAILED" failed
check "the run of a long map shows RunState waiting" wait_for 30 state_is "$NURTURED" waiting

run_id() { t workflow describe -w "$1" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["workflowExecutionInfo"]["execution"]["runId"])'; }
UI="http://localhost:$UI_PORT/namespaces/default/workflows"
page() { echo "$1=$UI/$2/$(run_id "$2")/history"; }
node scripts/ui/shots.js "$OUT" \
  "list=$UI?query=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("AutomationKey IN (\"onboarding\",\"welcome\",\"crm-sync\")"))')" \
  "$(page waiting "$WAITING")" "$(page paused "$PAUSED")" "$(page completed "$COMPLETED")" "$(page failed "$FAILED")" \
  "$(page nurture "$NURTURED")"

shows() { grep -q -- "$2" "$OUT/$1.txt"; }
check "the list shows all four runs" bash -c "grep -q '$WAITING' $OUT/list.txt && grep -q '$FAILED' $OUT/list.txt"
# the map itself is in the input: look for the summaries' form, "<step>: <what it does>"
check "the waiting run's timer names its step" shows waiting "wait-a-day: wait until"
check "the waiting run says what it waits for" shows waiting "Waiting on"
check "the paused run says it is paused, why and by whom" bash -c \
  "grep -q 'Paused' $OUT/paused.txt && grep -q 'address being checked' $OUT/paused.txt && grep -q ops-ana $OUT/paused.txt"
check "the completed run's activities name their steps" bash -c \
  "grep -q 'tag-welcome: add_tags' $OUT/completed.txt && grep -q 'score-lead: adjust_score' $OUT/completed.txt"
check "the completed run says how it ended" shows completed "Ended: completed"
check "the failed run names the failing step" shows failed "call-crm: webhook"
check "the failed run says how it ended" shows failed "Ended: failed"
# its input is compressed in history: the UI shows it decoded by the app's codec, map and all
# (the page shows the input's first lines; no other place names the map's second step)
check "the long map's run shows its input decoded" bash -c \
  "grep -q '\"automationKey\": \"nurture\"' $OUT/nurture.txt && grep -q 'nurture-tag-2' $OUT/nurture.txt"
check "no contact's email in any page" bash -c "! grep -q '@example.com' $OUT/*.txt"
for run in "$WAITING" "$PAUSED" "$COMPLETED" "$FAILED" "$NURTURED"; do
  t workflow show -w "$run" -o json --codec-endpoint "http://127.0.0.1:$APP_PORT/codec" \
    > "$OUT/history-$(echo "$run" | cut -d: -f2).json"
done
# every payload of the histories (inputs, results, signals, markers, details) decoded from base64
python3 - "$OUT"/history-*.json > "$OUT/payloads.txt" <<'PY'
import base64, json, sys
def walk(node):
    if isinstance(node, dict):
        if "data" in node and "metadata" in node and isinstance(node["data"], str):
            print(base64.b64decode(node["data"]).decode("utf-8", "replace"))
            for name, value in node["metadata"].items():
                print(name + ": " + base64.b64decode(value).decode("utf-8", "replace"))
        for value in node.values():
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)
for path in sys.argv[1:]:
    with open(path) as f:
        walk(json.load(f))
PY
check "the histories' payloads are read" grep -q '"contactId"' "$OUT/payloads.txt"
check "the runs' inputs are read decoded, maps and all" grep -q '"nurture-tag-12"' "$OUT/payloads.txt"
check "no payload left compressed" bash -c "! grep -q 'encoding: binary/zlib' $OUT/payloads.txt"
t workflow show -w "$NURTURED" -o json > "$OUT/stored-nurture.json"
# without the codec: the history as stored, its input tagged binary/zlib (base64 in JSON)
check "the long map's run input is stored compressed" grep -q "$(printf binary/zlib | base64)" "$OUT/stored-nurture.json"
check "no contact's email or first name in any history" bash -c \
  "! grep -E -q -i 'example\.com|\b(ada|grace|alan|edsger|barbara)\b' $OUT/payloads.txt"

echo "screenshots: $OUT/*.png"
finish "operator view"
