#!/usr/bin/env bash
# Runs a command with the project's toolchain first on PATH: Node >= 22 (scripts/setup-node.sh),
# node_modules/.bin, and the Pulumi engine built by scripts/setup-engine.sh when it exists.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/toolchain.env"
node_bin="$(bash "$root/scripts/setup-node.sh")"
engine_bin="$("$root/scripts/setup-engine.sh" --print-bin)"
PATH="$root/node_modules/.bin:$PATH"
[ -x "$engine_bin/pulumi" ] && PATH="$engine_bin:$PATH"
[ -n "$node_bin" ] && PATH="$node_bin:$PATH"
export PATH
export PULUMI_POLYTOMIC_ENGINE_BIN="$engine_bin"
exec "$@"
