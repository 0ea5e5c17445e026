#!/usr/bin/env bash
# Installs the third-party checkers the tests run against, from Debian's packages
# and npm (nothing is downloaded at test time). Idempotent: cheap when all is there.
#   libical + GObject bindings  the parser behind Evolution (tests/oracles/libical_expand.py)
#   Java                        runs the Nu HTML Checker (vnu-jar, from npm)
#   Chromium                    the browser the end-to-end tests drive (Playwright, never a downloaded browser)
#   nginx                       serves the built site in tests/test_nginx.py with deploy/nginx/dostyq.conf
#   ical.js, vnu-jar, axe-core  tests/oracles/package.json, pinned by package-lock.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

packages=()
dpkg -s gir1.2-ical-3.0 python3-gi >/dev/null 2>&1 || packages+=(gir1.2-ical-3.0 python3-gi)
command -v java >/dev/null || packages+=(openjdk-17-jre-headless)
command -v chromium >/dev/null || packages+=(chromium)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || packages+=(nginx)
if ((${#packages[@]})); then
  echo "installing Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime; the system's is used.
if [[ ! -f oracles/node_modules/ical.js/package.json || ! -f oracles/node_modules/vnu-jar/package.json
      || ! -f oracles/node_modules/axe-core/package.json ]]; then
  (cd oracles && npm ci --no-fund --no-audit --ignore-scripts --loglevel=error)
fi

# The web form (/admin/) is the site's own code, installed by `make setup`; the
# tests drive it, so make sure it is there.
if [[ ! -f ../admin/node_modules/decap-cms/dist/decap-cms.js || ! -f ../admin/node_modules/decap-server/dist/index.js ]]; then
  (cd ../admin && npm ci --no-fund --no-audit --ignore-scripts --loglevel=error)
fi
