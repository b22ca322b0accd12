#!/usr/bin/env bash
# Screenshots of the dashboard for the README (deploy/screenshots/*.png): starts the service with the demo
# audience on a spare port and a throw-away database, adds a little activity through the API (NPS answers,
# replies for the inbox, an answer to one of them, the shipped campaign as a draft, a flow file with mistakes), signs
# in with headless chromium and captures the pages.
#   deploy/screenshots.sh            (SCREENSHOT_PORT, default 18431)
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/postgres.sh
source deploy/browser.sh

port=${SCREENSHOT_PORT:-18431}
mport=$((port + 1))
url="http://127.0.0.1:$port"
build=target/screenshots-build
db="comeback_screenshots_$$"
flows_dir=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  drop_database "$db"
  rm -rf "$flows_dir"
}
trap cleanup EXIT

ensure_browser_installed
ensure_postgres_running
create_database "$db" fresh
use_local_database "$db"

# The shipped flows plus one with mistakes, so the flow list shows problems at their lines.
cp flows/*.yaml "$flows_dir"/
cat > "$flows_dir/birthday.yaml" <<'YAML'
id: birthday
name: Birthday greeting
settings:
  kind: marketing
trigger:
  customer_created: {}
steps:
  - id: greet
    send:
      text:
        nb: "Gratulerer med dagen, {{ customer.firstname }}!"
    next: gift
  - id: wait
    wait: 3 days
YAML

log "Building the service into $build"
mvn -B -ntp -q package -DskipTests -Dquarkus.profile=dev -Dbuild.dir="$build"
log "Starting the service on $url with the demo audience"
COMEBACK_FLOWS_DIR="$flows_dir" QUARKUS_PROFILE=dev QUARKUS_HTTP_PORT="$port" COMEBACK_MANAGEMENT_PORT="$mport" COMEBACK_DETECTOR_CRON=off \
  java -jar "$build/quarkus-app/quarkus-run.jar" > "$build/service.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$mport/q/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://localhost:$mport/q/health/ready" >/dev/null

log "Adding activity: NPS answers to the feedback texts, replies for the inbox, an answer, a campaign draft"
python3 - "$url" "$build/conversation-id" <<'PY'
import json, random, sys, time, urllib.request
url = sys.argv[1]
def call(method, path, body=None, text=None):
    data = text.encode() if text is not None else None if body is None else json.dumps(body).encode()
    kind = "text/plain; charset=UTF-8" if text is not None else "application/json"
    req = urllib.request.Request(url + path, method=method, data=data,
                                 headers={"Authorization": "Bearer dev-key", "Content-Type": kind})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")
random.seed(8)
# Orders placed six days ago start the feedback flow (its delay is five days) for 40 demo customers.
from datetime import datetime, timedelta, timezone
placed = (datetime.now(timezone.utc) - timedelta(days=6)).strftime("%Y-%m-%dT%H:%M:%SZ")
for i in range(1, 41):
    call("POST", "/api/orders", {"orderId": f"shot-{i}", "customerId": "demo-%04d" % i, "total": str(199 + 17 * i),
                                 "currency": "NOK", "placedAt": placed})
deadline = time.time() + 60
asked = []
while time.time() < deadline:
    asked = [m for m in call("GET", "/api/messages?flow=feedback&limit=1000") if m["stepId"] == "ask_nps"]
    if len(asked) >= 30:
        break
    time.sleep(2)
for m in asked[:40]:
    score = random.choice([10, 10, 9, 9, 9, 8, 8, 7, 6, 3, 10, 9])
    call("POST", "/simulator/inbound", {"from": m["to"], "body": str(score)})
for sender, text in [("+4741000002", "Takk! Forresten, kan jeg bytte fargen på jakken jeg kjøpte?"),
                     ("+4790000001", "Hei! Har dere fått inn de nye joggeskoene i str 42?"),
                     ("+4790000002", "Pakken min har ikke kommet, ordre 10233. Kan noen sjekke?"),
                     ("+4790000003", "Can I change the delivery address on my order?")]:
    call("POST", "/simulator/inbound", {"from": sender, "body": text})
    time.sleep(1)
# A conversation with a question and the shop's answer: the parcel that has not come.
conversation = call("GET", "/api/conversations?phone=%2B4790000002")[0]["id"]
call("POST", f"/api/conversations/{conversation}/replies",
     {"by": "admin", "body": "Hei! Ordre 10233 ligger klar til henting på Posten i Storgata; hentekoden er sendt på "
                             "e-post. Beklager at varselet ikke kom fram!"})
open(sys.argv[2], "w").write(str(conversation))
# The shipped campaign as a draft, its audience (the best customers by money spent) scored from the orders.
call("POST", "/api/rfm/recompute")
call("PUT", "/api/campaigns/vip-offer", text=open("flows/campaigns/vip-offer.yaml", encoding="utf-8").read())
print(f"answered {min(len(asked), 40)} NPS questions, 4 inbox texts, one answered; campaign vip-offer as a draft")
PY
sleep 5

log "Capturing the pages"
mvn -B -ntp -q test -Dtest=DashboardScreenshotsCheck -Dsurefire.failIfNoSpecifiedTests=false -Dbuild.dir="$build" \
  -Dcomeback.url="$url" -Dcomeback.user=admin -Dcomeback.password=dev-password -Dscreenshots.dir="$PWD/deploy/screenshots" \
  -Dscreenshots.conversation="$(cat "$build/conversation-id")"
log "Screenshots in deploy/screenshots/"
ls -l deploy/screenshots
