#!/usr/bin/env bash
# Installs the manifest validator's npm packages (pinned in package-lock.json) for DeployManifestsTest.
# Sourced by deploy/test.sh after postgres.sh (uses its log and as_root); quick when they are installed.

ensure_manifest_validator_installed() {
  local dir; dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "node or npm is missing: installing Debian's nodejs and npm packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "Installing the Kubernetes manifest validator (npm ci in deploy/kubernetes/validate)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
