#!/usr/bin/env bash
# Makes Debian's chromium and chromedriver available for the dashboard's browser test.
# Sourced by test.sh after postgres.sh (uses its log and as_root); quick when both are installed.

ensure_browser_installed() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return 0
  fi
  log "chromium or chromedriver is missing: installing Debian's chromium and chromium-driver packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
}
