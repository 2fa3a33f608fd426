#!/usr/bin/env bash
# Install Debian's Chromium for tests/test_browser.py (Playwright's own browser downloads are not
# used; Playwright for Python comes from requirements-dev.txt). Safe to run again; needs root.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
chromium --version 2>/dev/null | head -1
