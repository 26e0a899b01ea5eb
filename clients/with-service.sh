#!/usr/bin/env bash
# Runs a command against the service: builds the jar (unless SKIP_BUILD=1), starts it on a free port,
# waits until it answers, runs the command with BASE_URL set, and stops the service.
#   clients/with-service.sh node dist/roundtrip.js
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$root" && ./mvnw -B -q -DskipTests package)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$(ls "$root"/target/gradient-service-*.jar | head -n 1)" --server.port="$port" --management.server.port=0 \
    > "$root/target/client-server-$port.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://localhost:$port/catalog" && break
    sleep 1
done
BASE_URL="http://localhost:$port" "$@"
