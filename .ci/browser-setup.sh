#!/usr/bin/env bash
# Install what tests/web/test_browser.py needs: Debian's Chromium (Playwright's own browser downloads
# are not used; Playwright for Python comes from requirements-dev.txt) and axe-core from npm
# (pinned in tests/a11y/package-lock.json, installed into tests/a11y/node_modules, where the test
# looks for it). Safe to run again; needs root for apt.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
chromium --version 2>/dev/null | head -1
npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
echo "axe-core $(node -p "require('./tests/a11y/node_modules/axe-core/package.json').version")"
