#!/usr/bin/env bash
# Starts the service with the given command and waits for its first answer to the course's POST /gradient,
# then stops it: timed from outside (farm-bench), this is the time from start to first answer.
#   bench/first-answer.sh PORT java -jar target/gradient-service-*.jar
# The command gets --server.port=PORT and --management.server.port=PORT+1 appended.
set -euo pipefail
port=$1
shift
body='{"layers":[{"type":"linear","outputs":2,"bias":false,"parameters":[0,1,-1,2,0,1]},{"type":"sigmoid"},
{"type":"linear","outputs":2,"bias":false,"parameters":[-1,0,2,-1]},{"type":"softmax"}],
"loss":{"type":"cross_entropy"},"x":[1,0,-1],"y":[0,1]}'
"$@" --server.port="$port" --management.server.port=$((port + 1)) >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" \
        "http://localhost:$port/gradient" || true)
    [ "$status" = 200 ] && exit 0
    kill -0 $server 2>/dev/null || { echo "the service exited" >&2; exit 1; }
    sleep 0.01
done
echo "no answer in 30 s" >&2
exit 1
