#!/usr/bin/env bash
# Checks the service's pages in headless Chromium (apt-get install chromium): Swagger UI (a screenshot to
# target/swagger-ui.png) and the student page at / (screenshots of each state to target/student-page-*.png).
# SKIP_BUILD=1 uses the jar of the last build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
../with-service.sh sh -c 'node swagger-ui.mjs "$BASE_URL" ../../target/swagger-ui.png &&
    node student-page.mjs "$BASE_URL" ../../target'
