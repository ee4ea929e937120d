#!/usr/bin/env bash
# Installs what building and testing Recollect needs and is missing on a Debian or Ubuntu
# machine: the WebKitGTK stack Tauri builds against, Xvfb and the WebKit WebDriver for the
# end-to-end tests, and tauri-driver. Does nothing when everything is there.
set -euo pipefail

packages=(
  build-essential pkg-config file libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  webkit2gtk-driver xvfb xauth xdotool imagemagick libxml2-utils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# bagit-python validates exported packages in the tests.
if [ "${1:-}" = "--test" ] && ! command -v bagit.py >/dev/null; then
  echo "Installing bagit-python"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-pip
  fi
  # Debian 12's own Python refuses installs outside a virtual environment (PEP 668): then it
  # goes to ~/.local, whose bin/ the Makefile puts on PATH.
  python3 -m pip install --quiet bagit 2>/dev/null ||
    python3 -m pip install --quiet --user --break-system-packages bagit
  export PATH="$HOME/.local/bin:$PATH"
  command -v bagit.py >/dev/null || { echo "bagit.py is not on PATH after installing bagit-python" >&2; exit 1; }
fi

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null; then
  echo "Installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# The tests check formatting and lints too.
if [ "${1:-}" = "--test" ] && command -v rustup >/dev/null; then
  for component in clippy rustfmt; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
fi
