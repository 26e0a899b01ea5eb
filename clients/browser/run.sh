#!/usr/bin/env bash
# Checks the service's Swagger UI in headless Chromium (apt-get install chromium) and saves a
# screenshot to target/swagger-ui.png. SKIP_BUILD=1 uses the jar of the last build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
../with-service.sh sh -c 'node swagger-ui.mjs "$BASE_URL" ../../target/swagger-ui.png'
