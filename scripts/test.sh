#!/usr/bin/env bash
# The README's test command: installs what it needs, then lints, type-checks and runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Dependencies: `npm ci` from the committed lock (complete for every platform, so it stays put), again only when
# package-lock.json changed since the last install.
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.dondoc-lock; then
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.dondoc-lock
fi

bash scripts/tools.sh all
npx biome ci .
npx tsc --noEmit -p .
npx jest "$@"
