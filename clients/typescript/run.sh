#!/usr/bin/env bash
# Generates the typescript-fetch client from openapi.yaml, compiles it with tsc, starts the service and
# runs roundtrip.ts against it with Node. Exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

# The jar and the generated client come from one build; CI, having just run ./mvnw verify, skips it.
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q -DskipTests package
fi

cd "$here"
npm ci --no-audit --no-fund --loglevel=error
npx tsc -p .

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log="$root/target/typescript-roundtrip-server.log"
java -jar "$(ls "$root"/target/gradient-service-*.jar | head -n 1)" --server.port="$port" > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://localhost:$port/catalog" && break
    sleep 1
done

node dist/clients/typescript/roundtrip.js "http://localhost:$port"
