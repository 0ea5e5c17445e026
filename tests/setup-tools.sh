#!/usr/bin/env bash
# Installs the third-party checkers the tests run against (nothing is downloaded
# at test time). Idempotent: cheap when everything is there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
