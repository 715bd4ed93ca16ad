#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine (or any machine with Python 3.11+) for Showroom:
# system packages (a Korean font, venv support, and for the browser tests Chromium, Java and
# npm), then a virtual environment in .venv with Showroom installed in editable mode and the
# test tools, and the npm test tools (axe-core, the Nu HTML validator). Safe to run again.
# Nothing downloads a browser: the tests drive Debian's /usr/bin/chromium.
# `tools/setup.sh --site` sets up only what building the site needs (the GitHub workflow):
# the font and libraries, and .venv with Showroom, without the test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
site_only=false
case "${1:-}" in
  --site) site_only=true ;;
  "") ;;
  *) echo "usage: tools/setup.sh [--site]" >&2; exit 2 ;;
esac

need_apt=()
python3 -c 'import ensurepip, venv' 2>/dev/null || need_apt+=(python3-venv)
# A Korean font: the catalogue PDF embeds it; the site's font stack falls back to it.
if ! fc-list 2>/dev/null | grep -qiE 'Noto Sans CJK KR|NanumGothic'; then
  need_apt+=(fonts-noto-cjk fontconfig)
fi
# A fallback for symbols the Korean font lacks (subscripts, arrows …) in the catalogue.
if ! fc-list 2>/dev/null | grep -qi "DejaVu Sans"; then
  need_apt+=(fonts-dejavu-core)
fi
# WeasyPrint (the catalogue PDF) needs Pango; HarfBuzz's subsetter makes font embedding fast.
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || need_apt+=(libharfbuzz-subset0)
# The browser tests: Debian's Chromium, Java for the Nu validator, npm for the test tools.
if [ "$site_only" = false ]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)  # word boxes of the PDFs
  command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
  command -v npm >/dev/null 2>&1 || need_apt+=(npm)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing Debian packages: ${need_apt[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need_apt[@]}"
  else
    echo "Please install: ${need_apt[*]} (a Korean font such as Noto Sans CJK KR)" >&2
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# The distribution was called "showroom" before it took its PyPI name, showroom-ssg: an old
# editable install of that name would stay beside the new one.
if .venv/bin/python -m pip show -q showroom >/dev/null 2>&1; then
  .venv/bin/python -m pip uninstall -q -y showroom
fi
if [ "$site_only" = true ]; then
  .venv/bin/python -m pip install -q -e .  # editable: the default theme is read from themes/
  echo "Set-up done (site only): .venv/bin/showroom is ready."
  exit 0
fi
.venv/bin/python -m pip install -q -e '.[test]'
npm ci --no-audit --no-fund --loglevel=error
echo "Set-up done: .venv/bin/showroom is ready."
