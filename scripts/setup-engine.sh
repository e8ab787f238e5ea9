#!/usr/bin/env bash
# Provides the Pulumi engine at exactly PULUMI_VERSION (scripts/toolchain.env), offline:
#   bin/pulumi                          the CLI
#   bin/pulumi-language-nodejs          the Node.js language host
#   bin/pulumi-resource-pulumi-nodejs   the dynamic-provider shim shipped by @pulumi/pulumi
# An ambient `pulumi` of the right version is reused; otherwise both binaries are built from their Go
# modules through a generated wrapper module. Results are cached outside the work tree, keyed by
# version, and every step is resumable: a finished step leaves a stamp and is skipped next time.
#   --print-bin   print the bin directory and exit (it may not exist yet)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/toolchain.env"
cache="${PULUMI_POLYTOMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-polytomic}/engine/v$PULUMI_VERSION"
bin="$cache/bin"
if [ "${1:-}" = "--print-bin" ]; then echo "$bin"; exit 0; fi

log() { echo "setup-engine: $*" >&2; }
shim_src="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
[ -f "$shim_src" ] || { log "missing $shim_src: run npm ci first"; exit 1; }
mkdir -p "$bin"

install_shim() {
  # Copied, not linked: the engine resolves bundled plugins next to the real pulumi executable.
  cp "$shim_src" "$bin/pulumi-resource-pulumi-nodejs"
  chmod +x "$bin/pulumi-resource-pulumi-nodejs"
}

install_node_host() {
  # The compiled scripts/engine/languageHost.ts, behind a launcher that runs it on the node first on PATH.
  local host_js="$root/dist/scripts/engine/languageHost.js"
  [ -f "$host_js" ] || { log "missing $host_js: build the project first (npm run build)"; exit 1; }
  cp "$host_js" "$bin/pulumi-language-nodejs.js"
  printf '%s\n' '#!/bin/sh' 'exec node "$(dirname "$0")/pulumi-language-nodejs.js" "$@"' > "$bin/pulumi-language-nodejs"
  chmod +x "$bin/pulumi-language-nodejs"
}

if [ -x "$bin/pulumi" ] && [ -x "$bin/pulumi-language-nodejs" ] && [ -f "$cache/.done" ]; then
  install_shim
  [ -f "$bin/pulumi-language-nodejs.js" ] && install_node_host
  exit 0
fi

# 1. An ambient pulumi of exactly the pinned version (and its language host) is good enough.
if command -v pulumi >/dev/null && [ "$(pulumi version 2>/dev/null)" = "v$PULUMI_VERSION" ] \
  && command -v pulumi-language-nodejs >/dev/null; then
  log "using ambient pulumi v$PULUMI_VERSION at $(command -v pulumi)"
  ln -sf "$(command -v pulumi)" "$bin/pulumi"
  ln -sf "$(command -v pulumi-language-nodejs)" "$bin/pulumi-language-nodejs"
  install_shim
  touch "$cache/.done"
  exit 0
fi

# 2. Build from Go modules.
command -v go >/dev/null || { log "go is required to build the Pulumi engine"; exit 1; }
src="$cache/src"
mkdir -p "$src"
export GOFLAGS="-mod=mod" GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
cd "$src"
started=$(date +%s)
step() { log "[$(( $(date +%s) - started ))s] $*"; }

# Progress lines are filtered from a full log; on failure the log's tail says why.
progress() { # every-N label logfile
  tee -a "$3" | awk -v n="$1" -v label="$2" '{c++; if (c % n == 0) {printf "setup-engine:   %d %s\n", c, label > "/dev/stderr"}}'
}
fail() { log "failed; last lines of $1:"; tail -n 20 "$1" >&2; exit 1; }

cli_pkg=github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
host_mod=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
if [ ! -f .step-modules ]; then
  step "1/4 resolving modules for pulumi v$PULUMI_VERSION (wrapper module in $src)"
  # The replace below is the only non-relative replace in pkg/go.mod at this tag; `go install pkg@v`
  # refuses modules with replace directives, which is why a wrapper module is needed at all.
  cat > go.mod <<GOMOD
module pulumi-polytomic.local/engine

go 1.26.6

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
  rm -f go.sum
  : > resolve.log
  { go get -tool "$cli_pkg@v$PULUMI_VERSION" && go get "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION"; } 2>&1 \
    | progress 50 "module lines resolved" resolve.log || fail resolve.log
  versions="$(go list -m github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3)"
  echo "$versions" >&2
  if [ "$(echo "$versions" | grep -c " v$PULUMI_VERSION\$")" != 2 ]; then
    log "pkg/v3 and sdk/v3 did not both resolve to v$PULUMI_VERSION"; exit 1
  fi
  touch .step-modules
fi

if [ ! -f .step-download ]; then
  step "2/4 downloading the module sources the CLI needs (about 300 modules into $(go env GOMODCACHE))"
  # Only the packages the build needs: `go mod download` would also fetch modules of the build list the
  # CLI never compiles, some of which the proxy refuses.
  : > download.log
  go list -deps "$cli_pkg" 2>&1 >/dev/null | progress 25 "modules fetched" download.log || fail download.log
  touch .step-download
fi

ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
build() { # name package step
  step "$3 compiling $1 (cold: about 6 minutes on 2 cores; warm: seconds)"
  : > "build-$1.log"
  CGO_ENABLED=0 go build -v -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/$1.tmp" "$2" 2>&1 \
    | progress 100 "packages compiled" "build-$1.log" || fail "build-$1.log"
  mv "$bin/$1.tmp" "$bin/$1"
}
[ -x "$bin/pulumi" ] || build pulumi "$cli_pkg" "3/4"
if [ ! -x "$bin/pulumi-language-nodejs" ]; then
  # The language host module has no tags; its only versions are pseudo-versions of a commit.
  if [ -z "$PULUMI_PKG_COMMIT" ]; then
    step "4/4 no commit is known for the Node.js language host module at v$PULUMI_VERSION;"
    step "    installing the project's Node.js language host (scripts/engine/) instead"
    install_node_host
  elif go get -tool "$host_mod@$PULUMI_PKG_COMMIT" 2>"$cache/host-module.err"; then
    build pulumi-language-nodejs "$host_mod" "4/4"
  else
    step "4/4 the Go module proxy refused $host_mod@$PULUMI_PKG_COMMIT ($(tail -1 "$cache/host-module.err"));"
    step "    installing the project's Node.js language host (scripts/engine/) instead"
    install_node_host
  fi
fi
install_shim
got="$("$bin/pulumi" version)"
[ "$got" = "v$PULUMI_VERSION" ] || { log "built pulumi reports '$got', expected v$PULUMI_VERSION"; exit 1; }
touch "$cache/.done"
step "engine v$PULUMI_VERSION ready in $bin"
