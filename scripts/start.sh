#!/usr/bin/env bash
# The README's start command: the product on its embedded default.
# Installs what it needs, then runs the Temporal dev server persisted to .data/temporal.sqlite (Web UI on), a
# local mail catcher (Mailpit, built once into .tools/ by scripts/tools.sh), the worker, the web portal (units'
# pages from their email links, staff sign-in) and (unless DONDOC_DEMO=0) a ten-minute demo campaign with
# simulated units.
# Run again, it reuses .data/: running campaigns carry on. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${DONDOC_TEMPORAL_PORT:-7233}"
UI_PORT="${DONDOC_TEMPORAL_UI_PORT:-8233}"
DATA="${DONDOC_DATA_DIR:-.data}"
MAIL_SMTP_PORT="${DONDOC_MAIL_SMTP_PORT:-1025}"
MAIL_HTTP_PORT="${DONDOC_MAIL_HTTP_PORT:-8025}"
PORTAL_PORT="${DONDOC_PORTAL_PORT:-8080}"
METRICS_PORT="${DONDOC_METRICS_PORT:-9464}"
DEMO="${DONDOC_DEMO:-1}"
# How long closed workflows (the audit trail) are kept: 10 years by default, never the dev server's 1 day.
RETENTION="${DONDOC_RETENTION:-3660d}"

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if ((node_major < 20)); then
  echo "dondoc: Node.js 20 or later is required (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.dondoc-lock; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.dondoc-lock
fi
TEMPORAL="$(bash scripts/tools.sh temporal)"
MAILPIT="$(bash scripts/tools.sh mailpit)"

port_taken() {
  (echo >"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}
for pv in "$PORT:DONDOC_TEMPORAL_PORT" "$UI_PORT:DONDOC_TEMPORAL_UI_PORT" \
  "$MAIL_SMTP_PORT:DONDOC_MAIL_SMTP_PORT" "$MAIL_HTTP_PORT:DONDOC_MAIL_HTTP_PORT" \
  "$PORTAL_PORT:DONDOC_PORTAL_PORT" "$METRICS_PORT:DONDOC_METRICS_PORT"; do
  p="${pv%%:*}"
  if port_taken "$p"; then
    echo "dondoc: port $p is already in use (another Temporal server or mail server, or a previous dondoc still running?)." >&2
    echo "        Stop it, or choose another port: ${pv#*:}=<port> npm start" >&2
    exit 1
  fi
done

mkdir -p "$DATA"
# dondoc's search attributes (contract/search-attributes.ts), registered at start-up.
mapfile -t SA_FLAGS < <(npx tsx -e "console.log(require('./client/search-attributes').devServerSearchAttributeFlags().join('\\n'))")
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "dondoc: stopped."
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM
wait_port() { # port, seconds
  for _ in $(seq 1 $(($2 * 5))); do
    port_taken "$1" && return 0
    sleep 0.2
  done
  return 1
}

"$TEMPORAL" server start-dev \
  --db-filename "$DATA/temporal.sqlite" \
  --port "$PORT" --ui-port "$UI_PORT" \
  --log-level warn \
  "${SA_FLAGS[@]}" \
  >"$DATA/temporal.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 100); do
  port_taken "$PORT" && break
  sleep 0.2
done
if ! port_taken "$PORT"; then
  echo "dondoc: the Temporal dev server did not start; see $DATA/temporal.log" >&2
  exit 1
fi

# The namespace keeps closed campaigns' histories (the audit trail) for RETENTION; retried while it comes up.
retention_set=""
for _ in $(seq 1 50); do
  if "$TEMPORAL" operator namespace update --address "localhost:$PORT" --namespace default \
    --retention "$RETENTION" >>"$DATA/temporal.log" 2>&1; then
    retention_set=1
    break
  fi
  sleep 0.2
done
if [[ -z "$retention_set" ]]; then
  echo "dondoc: could not set the namespace retention to $RETENTION; see $DATA/temporal.log" >&2
  exit 1
fi

export DONDOC_DATA_DIR="$DATA" DONDOC_MAIL_SMTP_PORT="$MAIL_SMTP_PORT" DONDOC_MAIL_HTTP_PORT="$MAIL_HTTP_PORT"
# Mailpit: this machine only, its mail kept in $DATA/mailpit.db (a restart keeps it), no outbound calls (no
# version check, no reverse DNS, no remote CSS or fonts), no pruning; SMTP with or without authentication (any
# DONDOC_SMTP_USER/PASS the worker may be given is accepted).
"$MAILPIT" --database "$DATA/mailpit.db" \
  --listen "127.0.0.1:$MAIL_HTTP_PORT" --smtp "127.0.0.1:$MAIL_SMTP_PORT" \
  --disable-version-check --smtp-disable-rdns --block-remote-css-and-fonts \
  --smtp-auth-accept-any --smtp-auth-allow-insecure --max 0 --label dondoc \
  >>"$DATA/mail.log" 2>&1 &
pids+=($!)
if ! wait_port "$MAIL_HTTP_PORT" 30; then
  echo "dondoc: the mail catcher did not start; see $DATA/mail.log" >&2
  exit 1
fi

export TEMPORAL_ADDRESS="localhost:$PORT" TEMPORAL_NAMESPACE=default DONDOC_TEMPORAL_UI_PORT="$UI_PORT"
export DONDOC_SMTP_HOST=127.0.0.1 DONDOC_SMTP_PORT="$MAIL_SMTP_PORT" DONDOC_ARCHIVE_DIR="$DATA/archive"
export DONDOC_MAIL_FROM="${DONDOC_MAIL_FROM:-Thường trực BCĐ (dondoc) <dondoc@localhost>}"
# The portal: the links in every email point at it. Its signing secret is generated into $DATA on first use.
export DONDOC_METRICS_PORT="$METRICS_PORT"
export DONDOC_PORTAL_PORT="$PORTAL_PORT" DONDOC_PORTAL_URL="${DONDOC_PORTAL_URL:-http://localhost:$PORTAL_PORT}"
node --import tsx worker/main.ts >>"$DATA/worker.log" 2>&1 &
pids+=($!)
node --import tsx portal/main.ts >>"$DATA/portal.log" 2>&1 &
pids+=($!)
if ! wait_port "$PORTAL_PORT" 60; then
  echo "dondoc: the portal did not start; see $DATA/portal.log" >&2
  exit 1
fi
# The demo's staff accounts (created once, kept in $DATA/demo-staff.txt); DONDOC_DEMO=0 creates none.
STAFF_INFO="  Staff accounts:    npx dondoc user add <name> --role admin|auditor"
if [[ "$DEMO" != "0" ]]; then
  STAFF_INFO="$(node --import tsx demo/staff.ts)"
fi

cat <<INFO
dondoc is running on its embedded default.
  Temporal gRPC:     localhost:$PORT (data in $DATA/temporal.sqlite; closed workflows kept $RETENTION)
  Temporal Web UI:   http://localhost:$UI_PORT
  Mail catcher:      http://localhost:$MAIL_HTTP_PORT (Mailpit; every email dondoc sends lands here; SMTP localhost:$MAIL_SMTP_PORT)
  Worker log:        $DATA/worker.log (JSON lines)
  Worker metrics:    http://localhost:$METRICS_PORT/metrics (Prometheus: Temporal's and dondoc's own)
  Portal (staff):    $DONDOC_PORTAL_URL/staff (log in $DATA/portal.log; units open their own links from their emails)
$STAFF_INFO
  Check a campaign:  npx dondoc validate examples/bac-giang-2024.yaml
  Start one:         npx dondoc start examples/bac-giang-2024.yaml
Press Ctrl-C to stop.
INFO

if [[ "$DEMO" != "0" ]]; then
  node --import tsx demo/main.ts &
  pids+=($!)
fi

# Runs until Ctrl-C; if the server, the mail catcher or the worker stops on its own, say so and stop the rest.
while true; do
  wait -n || true
  for pid in "${pids[@]:0:4}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "dondoc: a component stopped unexpectedly; see $DATA/temporal.log, $DATA/mail.log, $DATA/worker.log and $DATA/portal.log" >&2
      exit 1
    fi
  done
done
