#!/usr/bin/env bash
# Lints openapi.yaml with Spectral's OpenAPI rules and Redocly's recommended ones; any error or warning
# fails. Run from anywhere: bash clients/lint/run.sh
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
npx --no-install spectral lint ../../openapi.yaml --ruleset .spectral.yaml --fail-severity=warn
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint ../../openapi.yaml \
    --config redocly.yaml --format=stylish
