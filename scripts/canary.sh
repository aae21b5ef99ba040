#!/usr/bin/env bash
# make canary: shows that nothing rests on the internals of the libraries the runtime is built
# on. Copies the project (tracked and new files, no node_modules or build output) to a temporary
# folder, installs there the newest release within the pinned major of express, openapi-backend,
# ajv, pino and helmet, and runs `make test`. The project itself is not touched.
set -euo pipefail

PACKAGES=(express openapi-backend ajv pino helmet)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/tutorial-api-canary.XXXXXX")
keep=${CANARY_KEEP:-0}
cleanup() { if [[ "$keep" != 1 ]]; then rm -rf "$work"; else echo "canary: kept $work"; fi; }
trap cleanup EXIT

echo "canary: copying the project to $work"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
  [[ -e "$file" ]] && cp --parents -- "$file" "$work/"
done)
cd "$work"
# make test diffs openapi.yaml against the previous commit: a copy of the history keeps that step.
git -C "$root" rev-parse --git-dir >/dev/null 2>&1 && git clone -q --no-checkout "$root" "$work/.canary-git" && mv "$work/.canary-git/.git" "$work/.git" && rm -rf "$work/.canary-git"

wanted=()
pinned=()
for package in "${PACKAGES[@]}"; do
  version=$(node -p "const p = require('./package.json'); (p.dependencies ?? {})['$package'] ?? (p.devDependencies ?? {})['$package']")
  pinned+=("$version")
  wanted+=("$package@^$version")
done
echo "canary: installing ${wanted[*]}"
npm install --no-audit --no-fund --save-exact "${wanted[@]}"
mkdir -p node_modules && touch node_modules/.install-stamp

echo "canary: pinned -> installed"
for i in "${!PACKAGES[@]}"; do
  package=${PACKAGES[$i]}
  installed=$(node -p "JSON.parse(require('node:fs').readFileSync('node_modules/$package/package.json', 'utf8')).version")
  echo "  $package ${pinned[$i]} -> $installed"
done

make test
echo "canary: make test passed with the newest minor versions"
