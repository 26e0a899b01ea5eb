#!/bin/bash
# The container's health check: the readiness probe answers 200 with status UP. It needs bash alone
# (its /dev/tcp), so the image carries no curl or wget. The port is the management server's
# (MANAGEMENT_SERVER_PORT), 8081 by default.
exec 3<>"/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081}" || exit 1
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
response=$(timeout 4 cat <&3) || exit 1
[[ $response == "HTTP/1.1 200"* && $response == *'"status":"UP"'* ]]
