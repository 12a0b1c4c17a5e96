#!/bin/sh
# System packages nianbao needs beyond Python: LibreOffice (DOC/WPS/RTF reading, PDF writing),
# CJK fonts (PDF output with embedded Chinese glyphs), poppler-utils (pdffonts, pdftoppm, pdftotext) and Chromium
# (the web application's browser tests drive Debian's build through Playwright; no browser is downloaded).
# Idempotent: installs only what is missing. Debian/Ubuntu only; elsewhere it says what to install.
set -eu

PACKAGES="libreoffice-writer-nogui fonts-noto-cjk poppler-utils chromium"

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

if [ -z "$missing" ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "请手动安装系统软件包：$missing (please install these system packages)" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
