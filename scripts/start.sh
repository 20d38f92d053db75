#!/usr/bin/env bash
# The README's start command: the product on its embedded default.
# Installs what it needs, then runs the Temporal dev server persisted to .data/temporal.sqlite (Web UI on).
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT="${DONDOC_TEMPORAL_PORT:-7233}"
UI_PORT="${DONDOC_TEMPORAL_UI_PORT:-8233}"
DATA="${DONDOC_DATA_DIR:-.data}"

if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.dondoc-lock; then
  npm install --no-audit --no-fund
  cp package-lock.json node_modules/.dondoc-lock
fi
TEMPORAL="$(bash scripts/tools.sh temporal)"

port_taken() {
  (echo >"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}
for p in "$PORT" "$UI_PORT"; do
  if port_taken "$p"; then
    echo "dondoc: port $p is already in use (another Temporal server, or a previous dondoc still running?)." >&2
    echo "        Stop it, or choose other ports: DONDOC_TEMPORAL_PORT=7243 DONDOC_TEMPORAL_UI_PORT=8243 npm start" >&2
    exit 1
  fi
done

mkdir -p "$DATA"
# dondoc's search attributes (workflows/search-attributes.ts), registered at start-up.
mapfile -t SA_FLAGS < <(npx tsx -e "console.log(require('./client/search-attributes').devServerSearchAttributeFlags().join('\\n'))")
pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "dondoc: stopped."
}
trap cleanup INT TERM EXIT

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

cat <<INFO
dondoc is running on its embedded default.
  Temporal gRPC:     localhost:$PORT (data in $DATA/temporal.sqlite)
  Temporal Web UI:   http://localhost:$UI_PORT
  Check a campaign:  npx dondoc validate examples/bac-giang-2024.yaml
Press Ctrl-C to stop.
INFO
wait
