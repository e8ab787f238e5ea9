#!/usr/bin/env bash
# Installs what the project needs and is missing; cheap when everything is in place.
#   1. Node.js >= 22 (scripts/setup-node.sh)
#   2. node_modules from package-lock.json (npm ci, when the lock file changed)
#   3. the TypeScript build (dist/, incremental)
#   4. with --engine: the Pulumi engine (scripts/setup-engine.sh)
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

echo "setup: building TypeScript" >&2
node_modules/.bin/tsc -p tsconfig.build.json

if [ "${1:-}" = "--engine" ]; then
  bash scripts/setup-engine.sh
fi
