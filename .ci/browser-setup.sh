#!/usr/bin/env bash
# Install what tests/test_browser.py drives: Debian's Chromium (Playwright's own browser
# downloads are not used) and Playwright for Python. Safe to run again; needs root.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi
python3 -m pip install -q --root-user-action=ignore playwright==1.65.2
chromium --version 2>/dev/null | head -1
python3 -c "import playwright.sync_api; print('playwright for python ok')"
