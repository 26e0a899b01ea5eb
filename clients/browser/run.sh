#!/usr/bin/env bash
# Starts the service and checks its Swagger UI in headless Chromium (apt-get install chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q -DskipTests package
fi

cd "$here"
npm ci --no-audit --no-fund --loglevel=error

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$(ls "$root"/target/gradient-service-*.jar | head -n 1)" --server.port="$port" > "$root/target/swagger-ui-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://localhost:$port/catalog" && break
    sleep 1
done

node swagger-ui.mjs "http://localhost:$port" "$root/target/swagger-ui.png"
