#!/usr/bin/env bash
# Bootstraps the Temporal servers dondoc needs, once, into .tools/ (git-ignored).
#   .tools/bin/temporal                    the Temporal CLI (dev server); a `temporal` on PATH wins
#   .tools/test-server/temporal-test-server launcher of the Java time-skipping test server
#   .tools/bin/mailpit                     Mailpit, the mail catcher of `npm start` (built from source with go and
#                                          npm, its web UI included; see tools/mailpit/README.md); a `mailpit` on
#                                          PATH wins
#   chromium                               Debian's Chromium, for the portal's browser tests (`all` and `chromium`
#                                          only; installed with apt-get when missing; DONDOC_CHROMIUM names another)
# Idempotent: a second run finds them and builds nothing. Prints their paths.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
CLI_VERSION="v1.5.1"
MAILPIT_VERSION="v1.33.1"
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

# Mailpit, built from its Go module with its web UI (which `go install` alone leaves out: the UI is built by npm in
# Mailpit's release process). tools/mailpit/ holds the package.json and lock used for the UI; the stamp records
# the version and the lock, so changing either rebuilds.
mailpit_bin() {
  if [[ -n "${DONDOC_MAILPIT:-}" ]]; then
    echo "$DONDOC_MAILPIT"
    return
  fi
  local onpath
  onpath="$(command -v mailpit 2>/dev/null || true)"
  if [[ -n "$onpath" && "$onpath" != "$TOOLS/bin/mailpit" ]]; then
    echo "$onpath"
    return
  fi
  local bin="$TOOLS/bin/mailpit" stamp="$TOOLS/bin/.mailpit.stamp" want
  want="$MAILPIT_VERSION $(sha256sum "$ROOT/tools/mailpit/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -x "$bin" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    lock_tool mailpit
  fi
  if [[ ! -x "$bin" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    need go "build Mailpit $MAILPIT_VERSION (the mail catcher of npm start)"
    need npm "build Mailpit's web UI"
    echo "dondoc tools: building Mailpit $MAILPIT_VERSION with go and npm (once)..." >&2
    local src staging="$TOOLS/.mailpit-build.$$"
    src="$(GOFLAGS="-mod=mod" go mod download -json "github.com/axllent/mailpit@$MAILPIT_VERSION" |
      sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [[ -d "$src" ]] || {
      echo "dondoc tools: could not download github.com/axllent/mailpit@$MAILPIT_VERSION." >&2
      exit 1
    }
    rm -rf "$TOOLS"/.mailpit-build.* # left by an interrupted build (we hold the lock)
    cp -r "$src" "$staging"
    chmod -R u+w "$staging"
    cp "$ROOT/tools/mailpit/package.json" "$ROOT/tools/mailpit/package-lock.json" "$staging/"
    (
      cd "$staging"
      # `npm install`, not `npm ci`: the lock leaves out sass-embedded's per-platform optional packages (not all
      # are served by this registry), which `npm ci` refuses; install honours the lock and adds the local one.
      npm install --no-audit --no-fund --loglevel=error >&2
      npm run build >&2
      GOFLAGS="-mod=mod" go build -ldflags "-s -w -X github.com/axllent/mailpit/config.Version=$MAILPIT_VERSION" \
        -o "$staging/mailpit.bin" . >&2
    )
    # Renamed into place, so an interrupted build never leaves a binary later runs would take as built.
    mv -f "$staging/mailpit.bin" "$bin"
    rm -rf "$staging"
    echo "$want" >"$stamp"
  fi
  echo "$bin"
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
  mailpit) mailpit_bin ;;
  chromium) chromium_bin ;;
  all)
    cli="$(temporal_cli)"
    ts="$(test_server)"
    mp="$(mailpit_bin)"
    cr="$(chromium_bin)"
    echo "temporal=$cli"
    echo "test-server=$ts"
    echo "mailpit=$mp"
    echo "chromium=$cr"
    ;;
  *) echo "usage: scripts/tools.sh [all|temporal|test-server|mailpit|chromium]" >&2; exit 2 ;;
esac
