#!/usr/bin/env bash
# automap's operator page (/ui) in a real browser: the app on the Temporal CLI's dev server with a
# map whose runs wait on its steps; headless Chromium signs in, reads the automations and the
# map's diagram with its counts, opens the runs on a step, pauses one from the page and follows
# its link into Temporal UI. Screenshots and page texts stay in target/ui-shots/.
#
# Installs what it lacks: Debian's chromium (apt-get), playwright-core (npm, scripts/ui), the
# Temporal CLI (go install, once).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

OUT=target/ui-shots
rm -rf "$OUT" && mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/automap-page.XXXXXX)
KEY=page-key
TEMPORAL_PORT=$(free_port); UI_PORT=$(free_port); APP_PORT=$(free_port); PG_PORT=$(free_port)

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian package)..."
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d scripts/ui/node_modules/playwright-core ]; then
  (cd scripts/ui && npm ci --silent --no-audit --no-fund)
fi

TEMPORAL=$(find_temporal)
start_dev_server "$TEMPORAL" "$TEMPORAL_PORT" "$WORK/temporal.db" --ui-port "$UI_PORT"

./automap build
source <(./automap env)
TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT" AUTOMAP_BOOTSTRAP_API_KEY=$KEY AUTOMAP_DATA_DIR="$WORK/data" \
  AUTOMAP_EMBEDDED_POSTGRES_PORT=$PG_PORT MICRONAUT_SERVER_PORT=$APP_PORT \
  AUTOMAP_TEMPORAL_UI_URL="http://localhost:$UI_PORT" \
  "$JAVA" $JAVA_OPTS -jar "$APP_JAR" > "$WORK/app.log" 2>&1 &
PIDS+=($!)
wait_for 120 curl -sf "localhost:$APP_PORT/health"

API="localhost:$APP_PORT"
H="Authorization: Bearer $KEY"
post() { curl -sf -XPOST "$API$1" -H "$H" -H 'Content-Type: application/json' -d "${2:-{\}}"; }
get() { curl -sf "$API$1" -H "$H"; }
publish() { post /v1/automations "$1" >/dev/null && post "/v1/automations/$2/publish" >/dev/null; }
contact() { post /v1/contacts "{\"email\": \"$1@example.com\", \"firstName\": \"$1\", \"tags\": [${2:-}]}" \
  | sed 's/.*"id":"\([^"]*\)".*/\1/'; }
enroll() { post "/v1/automations/$1/enrollments" "{\"contactId\": \"$2\"}" >/dev/null; echo "default:$1:$2"; }

USER_ID=$(post /v1/users '{"name": "Rita Sales"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
publish "{\"key\": \"onboarding\", \"name\": \"Onboarding\", \"start\": \"tag-new\", \"steps\": [
  {\"id\": \"tag-new\", \"type\": \"add_tags\", \"tags\": [\"new\"], \"next\": \"vip?\"},
  {\"id\": \"vip?\", \"type\": \"branch\", \"branches\": [
     {\"name\": \"vip\", \"when\": {\"cel\": \"'vip' in contact.tags\"}, \"next\": \"call-vip\"}], \"else\": \"wait-a-day\"},
  {\"id\": \"call-vip\", \"type\": \"create_task\", \"title\": \"Call {{contact.firstName}}\", \"assignee\": \"$USER_ID\", \"next\": \"called?\"},
  {\"id\": \"called?\", \"type\": \"wait_for\", \"event\": {\"event\": \"task.completed\"}, \"timeout\": \"P3D\",
   \"next\": \"done\", \"onTimeout\": \"wait-a-day\"},
  {\"id\": \"wait-a-day\", \"type\": \"wait\", \"duration\": \"P1D\", \"next\": \"tag-onboarded\"},
  {\"id\": \"tag-onboarded\", \"type\": \"add_tags\", \"tags\": [\"onboarded\"], \"next\": \"done\"},
  {\"id\": \"done\", \"type\": \"end\"}]}" onboarding
publish '{"key": "welcome", "name": "Welcome", "start": "tag-welcome", "steps": [
  {"id": "tag-welcome", "type": "add_tags", "tags": ["welcomed"], "next": "done"},
  {"id": "done", "type": "end"}]}' welcome

RUNS=()
for who in ada grace alan; do RUNS+=("$(enroll onboarding "$(contact "$who")")"); done
VIP=$(enroll onboarding "$(contact edsger '"vip"')")
enroll welcome "$(contact barbara)" >/dev/null

t() { "$TEMPORAL" --address "127.0.0.1:$TEMPORAL_PORT" "$@"; }
waiting_on() { t workflow list --query "WorkflowId='$1' AND RunState='waiting' AND CurrentStep='$2'" | grep -q "$1"; }
for run in "${RUNS[@]}"; do
  check "run $run waits on wait-a-day" wait_for 60 waiting_on "$run" wait-a-day
done
check "the vip run waits for its task" wait_for 60 waiting_on "$VIP" 'called?'

ended_on_done() { get /ui/automations/welcome/figures?version=1 | grep -q '"done":{[^}]*"entered":1'; }
check "barbara's welcome run ended on done" wait_for 60 ended_on_done
node scripts/ui/operator-page.js "$OUT" "http://localhost:$APP_PORT" "$KEY" onboarding wait-a-day welcome
fact() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$OUT/facts.json" "$1"; }
shows() { grep -q -- "$2" "$OUT/$1.txt"; }

check "without a key the page asks to sign in" bash -c "[ '$(fact signInUrl)' = 'http://localhost:$APP_PORT/ui/signin' ]"
check "the list names both automations and their state" bash -c \
  "grep -q Onboarding $OUT/automations.txt && grep -q Welcome $OUT/automations.txt && grep -q active $OUT/automations.txt"
check "the list counts onboarding's four runs, all running" grep -qP 'active\tv1\t4\t4\t0' "$OUT/automations.txt"
check "the diagram draws every step" bash -c "[ $(fact diagramNodes) -eq 7 ]"
check "the diagram counts three runs on wait-a-day" bash -c "grep -q '3 here' <<< \"$(fact diagramText)\""
check "the diagram counts the vip run on called?" bash -c "grep -A3 'called?' <<< \"$(fact diagramText)\" | grep -q '1 here'"
check "the diagram's paths carry counts (else 3, vip 1)" bash -c \
  "grep -q 'else · 3' <<< \"$(fact diagramEdgeLabels)\" && grep -q 'vip · 1' <<< \"$(fact diagramEdgeLabels)\""
check "the action steps show entered and done" bash -c "grep -q '4 in · 4 done' <<< \"$(fact diagramText)\""
check "the runs on wait-a-day link into Temporal UI" bash -c \
  "python3 -c 'import json,sys; f=json.load(open(\"$OUT/facts.json\")); links=f[\"runLinks\"]; sys.exit(0 if len(links)==3 and all(l.startswith(\"http://localhost:$UI_PORT/namespaces/default/workflows/default%3Aonboarding%3A\") for l in links) else 1)'"
check "the page showed the run it paused as paused" bash -c "[ '$(fact pausedState)' = paused ] && [ $(fact resumeButton) -eq 1 ]"
PAUSED=$(fact paused)
check "the API says the run is paused" bash -c "curl -sf '$API/v1/enrollments/$PAUSED' -H '$H' | grep -q '\"state\":\"paused\"'"
check "Temporal shows the run paused" wait_for 30 bash -c \
  "'$TEMPORAL' --address 127.0.0.1:$TEMPORAL_PORT workflow list --query \"WorkflowId='$PAUSED' AND RunState='paused'\" | grep -q '$PAUSED'"
check "the diagram counts the paused run" bash -c "grep -q '(1 paused)' <<< \"$(fact diagramTextAfterPause)\""
check "the run's link opens it in Temporal UI" shows temporal-run "$(fact runLinks | python3 -c 'import sys,urllib.parse,ast; print(urllib.parse.unquote(ast.literal_eval(sys.stdin.read())[0].rsplit("/",1)[1]))')"
check "onboarding's end box counts no run ended there yet" bash -c \
  "grep -A3 '^done' <<< \"$(fact diagramText)\" | grep -q '0 ended here'"
check "welcome's end box counts barbara's run that ended there" bash -c \
  "grep -A3 '^done' <<< \"$(fact endedDiagramText)\" | grep -q '1 ended here'"
check "no script error on the page" bash -c "[ '$(fact errors)' = '[]' ]"

echo "screenshots: $OUT/*.png"
finish "operator page"
