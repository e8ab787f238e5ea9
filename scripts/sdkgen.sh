#!/usr/bin/env bash
# Writes the provider plugin's Python and Go SDKs from provider/plugin/schema.json:
#   bash scripts/sdkgen.sh <out-dir>    ->  <out-dir>/python, <out-dir>/go
# The generator is scripts/sdkgen/ (a Go program on Pulumi's code generators in the pkg/v3 module, since
# `pulumi package gen-sdk` needs language hosts the Go module proxy refuses). Its binary is cached outside
# the work tree, keyed by the hash of scripts/sdkgen/{go.mod,go.sum,main.go}, and built in a copy of those
# files there, so the build never rewrites the committed go.mod or go.sum.
#   --print-bin   print the generator's path and exit (it may not exist yet)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/scripts/sdkgen"
key="$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-16)"
cache="${PULUMI_POLYTOMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-polytomic}/sdkgen/$key"
bin="$cache/sdkgen"
if [ "${1:-}" = "--print-bin" ]; then echo "$bin"; exit 0; fi
[ $# = 1 ] || { echo "usage: bash scripts/sdkgen.sh <out-dir>" >&2; exit 2; }
out="$1"

log() { echo "sdkgen: $*" >&2; }

if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { log "go is required to build the SDK generator"; exit 1; }
  mkdir -p "$cache/src"
  cp "$src/go.mod" "$src/go.sum" "$src/main.go" "$cache/src/"
  started=$(date +%s)
  log "building the generator in $cache/src (cold: a few minutes; the flags are the engine's, so the"
  log "packages it shares with the pulumi CLI come from the Go build cache when setup-engine.sh built it)"
  export GOFLAGS="-mod=mod" GOWORK=off GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
  if ! (cd "$cache/src" && CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w" \
    -o "$bin.tmp" .) > "$cache/build.log" 2>&1; then
    log "build failed; last lines of $cache/build.log:"; tail -n 20 "$cache/build.log" >&2; exit 1
  fi
  mv "$bin.tmp" "$bin"
  log "generator built in $(( $(date +%s) - started ))s"
fi

mkdir -p "$out"
"$bin" "$root/provider/plugin/schema.json" "$out"
log "wrote $out/python and $out/go"
