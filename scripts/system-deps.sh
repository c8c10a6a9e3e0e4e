#!/usr/bin/env bash
# Install the system packages the project needs, when they are missing:
#   gettext        msgfmt, to compile the translations (make run, make test)
#   chromium       the browser the Playwright tests drive (make test)
#   poppler-utils  pdftotext/pdfinfo, to read generated PDFs back in tests (make test)
# Usage: scripts/system-deps.sh run|test
set -euo pipefail
need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
if [ "${1:-run}" = "test" ]; then
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "Systeempakketten installeren: ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "Installeer eerst (als root): apt-get install -y ${need[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Geen apt-get op deze machine: installeer zelf ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
