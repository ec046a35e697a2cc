#!/usr/bin/env bash
# One command from a fresh Debian/Ubuntu machine to a rendered lecture or a green test suite.
#
#   bash quickstart.sh lecture   # install everything, render the swiss-roll lecture at 1080p60
#   bash quickstart.sh test      # install everything, run the whole test suite
#
# Safe to run again: whatever is already installed is skipped in a few seconds.
# Extra arguments are passed on (to `nnanim lecture swissroll` for "lecture", e.g. -q l or
# --quick; to pytest for "test").
set -euo pipefail
cd "$(dirname "$0")"

MODE="${1:-}"
shift || true
VENV=".venv"
TORCH_VERSION="2.13.0"
APT_PACKAGES=(
    build-essential pkg-config libcairo2-dev libpango1.0-dev  # to build pycairo / manimpango
    texlive-latex-base texlive-latex-recommended texlive-latex-extra dvisvgm  # MathTex
    fonts-noto-cjk  # Japanese captions
    xdg-utils       # xdg-open: the finished lecture opens in the desktop's video player
)
TEST_APT_PACKAGES=(
    chromium chromium-driver  # the slide tests play the HTML deck in a real headless browser
)

say() { printf '\033[1mnnanim:\033[0m %s\n' "$*"; }

case "$MODE" in
    lecture|test) ;;
    *) echo "usage: bash quickstart.sh lecture|test [extra args]" >&2; exit 2 ;;
esac

install_system_packages() {
    local missing=() sudo=""
    [ "$MODE" = "test" ] && APT_PACKAGES+=("${TEST_APT_PACKAGES[@]}")
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    python3 -c "import ensurepip, venv" 2>/dev/null || APT_PACKAGES+=(python3-venv python3-dev)
    for pkg in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        say "installing system packages: ${missing[*]}"
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}"
    fi
}

install_python_packages() {
    [ -x "$VENV/bin/python" ] || { say "creating $VENV"; python3 -m venv "$VENV"; }
    local stamp="$VENV/.nnanim-installed"
    local wanted
    wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
        return
    fi
    "$VENV/bin/python" -m pip install -q --upgrade pip
    if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
        # The CPU build first: anything else lets pip pull a multi-GB CUDA build.
        say "installing torch $TORCH_VERSION (CPU)"
        "$VENV/bin/python" -m pip install -q "torch==$TORCH_VERSION+cpu" 2>/dev/null \
            || "$VENV/bin/python" -m pip install -q "torch==$TORCH_VERSION+cpu" \
                --index-url https://download.pytorch.org/whl/cpu \
                --extra-index-url https://pypi.org/simple
    fi
    say "installing nnanim and its dependencies"
    "$VENV/bin/python" -m pip install -q -e ".[test]"
    echo "$wanted" > "$stamp"
}

# The lecture through nnanim: manim's own log goes to media/lecture-parts/, the terminal shows
# one progress bar and, last, "nnanim: wrote PATH"; that video (the newest lecture file, in
# whatever quality was asked for) is then opened.
render_lecture() {
    say "rendering the swiss-roll lecture; the first run also trains the networks"
    "$VENV/bin/nnanim" lecture swissroll "$@"
    open_video "$PWD/$(ls -t media/lectures/swissroll*.mp4 | head -n 1)"
}

# A video player only where there is a desktop to show it on (xdg-open, as manim -p uses).
open_video() {
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
        xdg-open "$1" >/dev/null 2>&1 || true
    fi
}

install_system_packages
install_python_packages

if [ "$MODE" = "lecture" ]; then
    render_lecture "$@"
else
    "$VENV/bin/python" -m pytest "$@"
fi
