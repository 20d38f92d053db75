#!/usr/bin/env bash
# Bootstraps the Temporal servers dondoc needs, once, into .tools/ (git-ignored).
#   .tools/bin/temporal                    the Temporal CLI (dev server); a `temporal` on PATH wins
#   .tools/test-server/temporal-test-server launcher of the Java time-skipping test server
#   chromium                               Debian's Chromium, for the portal's browser tests (`all` and `chromium`
#                                          only; installed with apt-get when missing; DONDOC_CHROMIUM names another)
# Idempotent: a second run finds both and builds nothing. Prints the two paths.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
CLI_VERSION="v1.5.1"
mkdir -p "$TOOLS/bin"

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "dondoc tools: '$1' is required to $2 but was not found on PATH." >&2
    exit 1
  }
}

# Serialises bootstraps of one tool across processes (jest runs test files in parallel workers, each of
# which may ask for the same tool on a fresh machine). Held until the calling shell exits; a no-op where
# flock(1) is missing.
lock_tool() {
  command -v flock >/dev/null 2>&1 || return 0
  local fd
  exec {fd}>"$TOOLS/.$1.lock"
  if ! flock -n "$fd"; then
    echo "dondoc tools: waiting for another process bootstrapping $1..." >&2
    flock "$fd"
  fi
}

temporal_cli() {
  if [[ -n "${DONDOC_TEMPORAL_CLI:-}" ]]; then
    echo "$DONDOC_TEMPORAL_CLI"
    return
  fi
  local onpath
  onpath="$(command -v temporal 2>/dev/null || true)"
  if [[ -n "$onpath" && "$onpath" != "$TOOLS/bin/temporal" ]]; then
    echo "$onpath"
    return
  fi
  if [[ ! -x "$TOOLS/bin/temporal" ]]; then
    lock_tool temporal
  fi
  if [[ ! -x "$TOOLS/bin/temporal" ]]; then
    need go "build the Temporal CLI (go install github.com/temporalio/cli/cmd/temporal@$CLI_VERSION)"
    echo "dondoc tools: building the Temporal CLI $CLI_VERSION with go install (once)..." >&2
    # Install into a staging dir and rename, so an interrupted copy never leaves a truncated but
    # executable .tools/bin/temporal that later runs would take as built.
    local staging="$TOOLS/bin/.staging.$$"
    rm -rf "$staging"
    GOBIN="$staging" GOFLAGS="-mod=mod" go install "github.com/temporalio/cli/cmd/temporal@$CLI_VERSION" >&2
    mv -f "$staging/temporal" "$TOOLS/bin/temporal"
    rm -rf "$staging"
  fi
  echo "$TOOLS/bin/temporal"
}

test_server() {
  local dir="$TOOLS/test-server"
  local launcher="$dir/temporal-test-server"
  local stamp="$dir/.pom.sha"
  local want
  want="$(sha256sum "$ROOT/tools/test-server/pom.xml" | cut -d' ' -f1)"
  if [[ ! -x "$launcher" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    lock_tool test-server
  fi
  if [[ ! -x "$launcher" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    need mvn "fetch io.temporal:temporal-test-server from Maven Central"
    need java "run the Temporal time-skipping test server"
    echo "dondoc tools: fetching the Temporal time-skipping test server with Maven (once)..." >&2
    rm -rf "$dir"
    mkdir -p "$dir/lib"
    mvn -q -B -f "$ROOT/tools/test-server/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$dir/lib" -DincludeScope=runtime >&2
    cat >"$launcher" <<'LAUNCHER'
#!/usr/bin/env bash
# Temporal time-skipping test server. Usage: temporal-test-server <port> [--enable-time-skipping]
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec java ${DONDOC_TEST_SERVER_JAVA_OPTS:--Xmx512m} -cp "$DIR/lib/*" io.temporal.testserver.TestServer "$@"
LAUNCHER
    chmod +x "$launcher"
    echo "$want" >"$stamp"
  fi
  echo "$launcher"
}

# Debian's Chromium for the browser tests (npm packages' own browser downloads cannot be fetched here).
chromium_bin() {
  if [[ -n "${DONDOC_CHROMIUM:-}" ]]; then
    echo "$DONDOC_CHROMIUM"
    return
  fi
  local found
  found="$(command -v chromium 2>/dev/null || true)"
  if [[ -z "$found" ]]; then
    lock_tool chromium
    found="$(command -v chromium 2>/dev/null || true)"
  fi
  if [[ -z "$found" ]]; then
    need apt-get "install Debian's chromium for the browser tests"
    echo "dondoc tools: installing Debian's chromium with apt-get (once)..." >&2
    local sudo=""
    if [[ "$(id -u)" != "0" ]]; then
      need sudo "install chromium with apt-get (or set DONDOC_CHROMIUM to a Chromium binary)"
      sudo="sudo"
    fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
    found="$(command -v chromium)"
  fi
  echo "$found"
}

case "${1:-all}" in
  temporal) temporal_cli ;;
  test-server) test_server ;;
  chromium) chromium_bin ;;
  all)
    cli="$(temporal_cli)"
    ts="$(test_server)"
    cr="$(chromium_bin)"
    echo "temporal=$cli"
    echo "test-server=$ts"
    echo "chromium=$cr"
    ;;
  *) echo "usage: scripts/tools.sh [all|temporal|test-server|chromium]" >&2; exit 2 ;;
esac
