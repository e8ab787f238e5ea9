#!/usr/bin/env bash
# Installs what the project needs and is missing; cheap when everything is in place.
#   1. Node.js >= 22 (scripts/setup-node.sh)
#   2. node_modules from package-lock.json (npm ci, when the lock file changed)
#   3. the TypeScript build (dist/; skipped when no source changed since the last one)
#   4. with --engine: the Pulumi engine (scripts/setup-engine.sh) and the YAML language host
#      (scripts/setup-yaml-host.sh)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
node_bin="$(bash scripts/setup-node.sh)"
[ -n "$node_bin" ] && export PATH="$node_bin:$PATH"

stamp=node_modules/.polytomic-lock.sha256
want="$(sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing node_modules (node $(node --version))" >&2
  # `npm install`, not `npm ci`: the registry here lacks some platform-only optional packages (for example
  # Biome's Windows and macOS binaries), which npm ci reports as a lock file out of sync.
  npm install --no-audit --no-fund --loglevel=error
  # Hashed again: npm install may have normalised the lock file.
  sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1 > "$stamp"
fi

# The build is skipped when dist/ was built from exactly the sources there are now: a hash of the path
# and content of every TypeScript and JSON file of the repository (sources, the tsconfigs, package.json
# and the lock file, so a new dependency or compiler rebuilds too), outside the directories .gitignore
# names for installs, builds and run output. Even tsc's incremental check costs seconds (it loads every
# declaration); this costs milliseconds. Tests are left out: tsconfig.build.json excludes them and
# nothing imports one. A deleted or renamed file changes the path list. The stamp goes before tsc runs
# and comes back only when it succeeds: a failed tsc still emits, and that output must not pass for
# the sources it was built from.
build_stamp=dist/.sources.sha256
sources="$(
  find . \( -name node_modules -o -path ./dist -o -path ./.git -o -path ./.toolchain -o -path ./.cache \
    -o -path ./.pulumi-demo -o -path ./coverage -o -path ./bench/out \) -prune \
    -o -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.json' \) ! -name '*.test.ts' -print |
    LC_ALL=C sort |
    # A file removed between find and sha256sum (another process's scratch file) is left out, not fatal.
    { xargs -d '\n' sha256sum 2>/dev/null || true; } |
    sha256sum | cut -d' ' -f1
)"
if [ -f "$build_stamp" ] && [ "$(cat "$build_stamp")" = "$sources" ]; then
  echo "setup: TypeScript build is up to date" >&2
else
  echo "setup: building TypeScript" >&2
  rm -f "$build_stamp"
  node_modules/.bin/tsc -p tsconfig.build.json
  echo "$sources" > "$build_stamp"
fi

if [ "${1:-}" = "--engine" ]; then
  bash scripts/setup-engine.sh
  bash scripts/setup-yaml-host.sh
fi
