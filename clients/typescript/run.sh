#!/usr/bin/env bash
# Compiles the typescript-fetch client the build generates from openapi.yaml (with tsc) and runs
# roundtrip.ts with Node against the service. Exits non-zero on any failure. SKIP_BUILD=1 uses the jar
# and the client of the last build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd ../.. && ./mvnw -B -q -DskipTests package)
fi
npm ci --no-audit --no-fund --loglevel=error
npx tsc -p .
SKIP_BUILD=1 ../with-service.sh sh -c 'node dist/clients/typescript/roundtrip.js "$BASE_URL"'
