#!/usr/bin/env bash
# Provides the Pulumi YAML language host, pulumi-language-yaml, at exactly PULUMI_YAML_VERSION
# (scripts/toolchain.env), in the engine's bin directory (`scripts/setup-engine.sh --print-bin`), where
# the CLI finds it for a `runtime: yaml` program. It is built from its Go module the way its release is
# (CGO off, -trimpath, -s -w, the version stamped), against the module's own go.mod: that go.mod has no
# replace directives, so no wrapper module is needed. The build is cached outside the work tree, keyed
# by version, and every step is resumable: a finished step leaves a stamp and is skipped next time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/toolchain.env"
cache="${PULUMI_POLYTOMIC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-polytomic}/yaml-host/v$PULUMI_YAML_VERSION"
bin="$(bash "$root/scripts/setup-engine.sh" --print-bin)"
host="$cache/pulumi-language-yaml"

log() { echo "setup-yaml-host: $*" >&2; }
install_host() {
  # A hard link when it can (same cache root, so usually the same file system): the check below is then
  # one inode comparison. The engine needs it in the same directory as `pulumi`, or anywhere on PATH.
  mkdir -p "$bin"
  ln -f "$host" "$bin/pulumi-language-yaml" 2>/dev/null || cp "$host" "$bin/pulumi-language-yaml"
}

if [ -f "$cache/.done" ] && [ -x "$host" ]; then
  [ "$bin/pulumi-language-yaml" -ef "$host" ] || install_host
  exit 0
fi

command -v go >/dev/null || { log "go is required to build the Pulumi YAML language host"; exit 1; }
mkdir -p "$cache"
cd "$cache"
# The module's own go.mod and go.sum decide every dependency; nothing may rewrite them (they sit in the
# read-only module cache) and no go.work around the caller may take part.
export GOFLAGS="-mod=readonly" GOWORK=off GOTOOLCHAIN="${GOTOOLCHAIN:-auto}"
started=$(date +%s)
step() { log "[$(( $(date +%s) - started ))s] $*"; }
# Progress lines are filtered from a full log; on failure the log's tail says why.
progress() { # every-N label logfile
  tee -a "$3" | awk -v n="$1" -v label="$2" '{c++; if (c % n == 0) {printf "setup-yaml-host:   %d %s\n", c, label > "/dev/stderr"}}'
}
fail() { log "failed; last lines of $1:"; tail -n 20 "$1" >&2; exit 1; }

mod=github.com/pulumi/pulumi-yaml
if [ ! -f .step-module ]; then
  step "1/3 fetching $mod@v$PULUMI_YAML_VERSION"
  go mod download -json "$mod@v$PULUMI_YAML_VERSION" > module.json 2>module.log || fail module.log
  # The module's directory in the module cache: the build runs there, as its main module.
  sed -n 's/^\t"Dir": "\(.*\)",$/\1/p' module.json > module.dir
  [ -d "$(cat module.dir)" ] || { log "no module directory in module.json"; exit 1; }
  touch .step-module
fi
moddir="$(cat module.dir)"

if [ ! -f .step-download ]; then
  step "2/3 downloading the modules the YAML host needs (up to about 180, into $(go env GOMODCACHE))"
  : > download.log
  (cd "$moddir" && go list -deps ./cmd/pulumi-language-yaml) 2>&1 >/dev/null \
    | progress 25 "modules fetched" download.log || fail download.log
  touch .step-download
fi

step "3/3 compiling pulumi-language-yaml (cold: about 3.5 CPU-minutes, 6 to 8 minutes on 2 busy cores; warm: seconds)"
: > build.log
(cd "$moddir" && CGO_ENABLED=0 go build -v -trimpath \
  -ldflags "-s -w -X $mod/pkg/version.Version=v$PULUMI_YAML_VERSION" \
  -o "$host.tmp" ./cmd/pulumi-language-yaml) 2>&1 | progress 100 "packages compiled" build.log || fail build.log
mv "$host.tmp" "$host"
install_host
touch "$cache/.done"
step "pulumi-language-yaml v$PULUMI_YAML_VERSION ready in $bin"
