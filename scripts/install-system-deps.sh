#!/usr/bin/env bash
# Installs the Debian packages the product needs when they are missing:
#   chromium + chromium-driver  (browser tests, server-side chart export)
#   fonts-noto-cjk              (Chinese text in exports and screenshots)
#   fonts-droid-fallback        (Chinese in PDF exports: its text layer maps back to the same characters)
#   nodejs + npm                (npm ci: the plotly.js partial bundle and axe-core, from the npm registry)
# Nothing else is downloaded: no test tool fetches a browser of its own.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
dpkg -s fonts-droid-fallback >/dev/null 2>&1 || need+=(fonts-droid-fallback)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "error: need root (or sudo) to install ${need[*]}; install them with apt-get and re-run" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
