#!/usr/bin/env bash
# Generates TypeScript types from openapi.yaml with openapi-typescript 7.13.0 on its default settings
# (generated/schema.d.ts, not committed), compiles roundtrip.ts, which calls the service through
# openapi-fetch 0.17.0 with them, with `tsc --strict` (and checks that it holds no type assertion,
# non-null assertion or `any`), and runs it with Node against the service. Prints one "ok: ..." line per
# check and exits non-zero on any failure. Run from anywhere: bash clients/openapi-fetch/run.sh.
# SKIP_BUILD=1 uses the jar of the last build.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd ../.. && ./mvnw -B -q -DskipTests package)
fi
# npm ls fails when node_modules is missing or does not match package-lock.json.
npm ls --depth=0 > /dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error
rm -rf generated dist
mkdir generated
npx --no-install openapi-typescript ../../openapi.yaml -o generated/schema.d.ts > generated/openapi-typescript.log 2>&1 || {
    cat generated/openapi-typescript.log >&2
    exit 1
}
echo "ok: openapi-fetch: openapi-typescript generated generated/schema.d.ts from openapi.yaml"
npx --no-install tsc -p . --strict
echo "ok: openapi-fetch: roundtrip.ts compiles with tsc --strict against the generated types"
node check-no-assertions.cjs roundtrip.ts
echo "ok: openapi-fetch: roundtrip.ts has no type assertion, non-null assertion or any"
SKIP_BUILD=1 ../with-service.sh sh -c 'node dist/roundtrip.js "$BASE_URL"'
