#!/usr/bin/env bash
# Builds the container image from the Dockerfile, starts it, and checks that it serves:
#   - the README's example through curl gives the documented answer;
#   - the readiness probe is UP, after the service has warmed up;
#   - the process does not run as root;
#   - the image's health check command succeeds (and fails when the service is not there);
#   - the image's config has the expected user, port, health check, entry point and JVM options;
#   - the matrix products run in the image's OpenBLAS.
# It prints each check and exits non-zero on the first failure.
#
#   deploy/verify-image.sh            buildah, no Docker engine (as on the CI machines): builds stand-in
#                                     base images from Debian's packages with debootstrap and the machine's
#                                     Temurin 25 (TEMURIN_25, by default /usr/lib/jvm/temurin-25-jdk-amd64),
#                                     cached in $STANDIN_CACHE (by default ~/.cache/gradient-service), and
#                                     passes them as the BUILD_IMAGE and RUNTIME_IMAGE build arguments
#   deploy/verify-image.sh --docker   docker build / docker run with the Dockerfile's real bases
#
# Needs root for debootstrap and buildah's chroot isolation; PORT (default 18080) and PORT + 1 (the
# management server's: probes and metrics) must be free.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mode=buildah
[ "${1:-}" = "--docker" ] && mode=docker
image=localhost/gradient-service:verify
port="${PORT:-18080}"
mport=$((port + 1))
cache="${STANDIN_CACHE:-$HOME/.cache/gradient-service}"
jdk_standin=localhost/gradient-standin-jdk25
jre_standin=localhost/gradient-standin-jre25
temurin="${TEMURIN_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"

pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; exit 1; }
step() { echo "----  $*"; }

# A Debian bookworm root filesystem with the given packages and the machine's Temurin 25 in
# /opt/java/openjdk, where Temurin's images keep Java, as a local image. This network intercepts TLS, so
# the machine's extra certificate authorities go into the system's store and into Java's, or a build step
# fetching from Maven Central fails.
standin() {
    local name=$1 packages=$2
    if [ -n "$(buildah images --quiet --noheading "$name" 2>/dev/null)" ]; then
        echo "      $name: cached image"
        return
    fi
    [ -x "$temurin/bin/java" ] || fail "no Temurin 25 in $temurin (TEMURIN_25)"
    mkdir -p "$cache"
    local tarball="$cache/$(basename "$name").tar"
    if [ ! -f "$tarball" ]; then
        local rootfs
        rootfs="$(mktemp -d)"
        debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" http://deb.debian.org/debian \
            >"$cache/debootstrap.log" 2>&1
        cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/" 2>/dev/null || true
        chroot "$rootfs" update-ca-certificates --fresh >>"$cache/debootstrap.log" 2>&1
        mkdir -p "$rootfs/opt/java"
        cp -a "$temurin" "$rootfs/opt/java/openjdk"
        # the machine's Temurin may link its trust store to the system's: the image gets a copy of it
        rm -f "$rootfs/opt/java/openjdk/lib/security/cacerts"
        cp -L "$temurin/lib/security/cacerts" "$rootfs/opt/java/openjdk/lib/security/cacerts"
        for crt in /usr/local/share/ca-certificates/*.crt; do
            [ -f "$crt" ] || continue
            "$temurin/bin/keytool" -importcert -noprompt -storepass changeit \
                -keystore "$rootfs/opt/java/openjdk/lib/security/cacerts" \
                -alias "extra-$(basename "$crt" .crt)" -file "$crt" >/dev/null 2>&1 || true
        done
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        tar -C "$rootfs" -cf "$tarball" .
        rm -rf "$rootfs"
    fi
    local ctr mnt
    ctr="$(buildah from scratch)"
    mnt="$(buildah mount "$ctr")"
    tar -C "$mnt" -xf "$tarball"
    buildah umount "$ctr" >/dev/null
    buildah config --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --env JAVA_HOME=/opt/java/openjdk "$ctr"
    buildah commit --quiet "$ctr" "$name" >/dev/null
    buildah rm "$ctr" >/dev/null
    echo "      $name: built from Debian's packages and $temurin"
}

config() { # a field of the image's config, as compact JSON
    local inspected
    if [ "$mode" = docker ]; then
        inspected="$(docker image inspect "$image")"
    else
        inspected="$(buildah inspect --type image "$image")"
    fi
    python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
config = d[0]["Config"] if isinstance(d, list) else d["Docker"]["config"]
print(json.dumps(config.get(sys.argv[1]), separators=(",", ":")))' "$1" <<<"$inspected"
}

cleanup() {
    if [ "$mode" = docker ]; then
        docker rm -f gradient-verify >/dev/null 2>&1 || true
    else
        [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
        pkill -f "gradient-service.jar --server.port=$port" 2>/dev/null || true
        [ -n "${ctr:-}" ] && buildah rm "$ctr" >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

step "building the image ($mode)"
if [ "$mode" = docker ]; then
    docker build -t "$image" .
else
    standin "$jdk_standin" ca-certificates,curl
    standin "$jre_standin" ca-certificates
    buildah bud --isolation chroot --format docker --layers \
        --build-arg BUILD_IMAGE="$jdk_standin" --build-arg RUNTIME_IMAGE="$jre_standin" -t "$image" . >/dev/null
fi
pass "the image builds: $image"

step "checking the image's config"
user="$(config User)"
[ "$user" = '"10001:10001"' ] && pass "user $user" || fail "user is $user, expected 10001:10001"
ports="$(config ExposedPorts)"
[[ $ports == *'"8080/tcp"'* && $ports == *'"8081/tcp"'* ]] && pass "exposes $ports" || fail "exposed ports are $ports"
health="$(config Healthcheck)"
[[ $health == *'"CMD","/app/healthcheck.sh"'* ]] && pass "health check $health" || fail "health check is $health"
entrypoint="$(config Entrypoint)"
[ "$entrypoint" = '["java","--enable-native-access=ALL-UNNAMED","-XX:AOTCache=/app/app.aot","-jar","/app/gradient-service.jar"]' ] \
    && pass "entry point $entrypoint" || fail "entry point is $entrypoint"
env="$(config Env)"
[[ $env == *MaxRAMPercentage* && $env == *ExitOnOutOfMemoryError* ]] \
    && pass "container-aware JVM options in JAVA_TOOL_OPTIONS" || fail "JVM options missing from $env"
[[ $env == *GRADIENT_WARM_UP_DURATION=* ]] && pass "the service warms up before it reports ready" \
    || fail "no GRADIENT_WARM_UP_DURATION in $env"

step "starting the image's entry point on port $port (management $mport)"
if [ "$mode" = docker ]; then
    docker run -d --name gradient-verify -p "$port:8080" -p "$mport:8081" "$image" >/dev/null
else
    ctr="$(buildah from "$image")"
    mapfile -t command < <(config Entrypoint | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)))')
    # buildah run takes the image's user, working directory and environment, and the host's network.
    mkdir -p "$root/target"
    buildah run --isolation chroot --env SERVER_PORT="$port" --env MANAGEMENT_SERVER_PORT="$mport" "$ctr" -- \
        "${command[@]}" --server.port="$port" >"$root/target/verify-image-server.log" 2>&1 &
    server=$!
fi
started=$(date +%s.%N)
first=""
for _ in $(seq 1 1200); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d '{"layers":[{"type":"relu"}],"x":[1,-2]}' "http://localhost:$port/forward" || true)
    if [ "$status" = 200 ]; then
        first=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$started" "$(date +%s.%N)")
        break
    fi
    sleep 0.05
done
[ -n "$first" ] && pass "the first answer came $first s after the container's start" || fail "no answer in 60 s"
# readiness turns UP once the warm-up has ended (GRADIENT_WARM_UP_DURATION: when the JIT settles, 60 s at most)
for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://localhost:$mport/actuator/health/readiness" && break
    sleep 1
done

ready=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$started" "$(date +%s.%N)")
readiness="$(curl -s "http://localhost:$mport/actuator/health/readiness")"
[ "$readiness" = '{"status":"UP"}' ] && pass "readiness $readiness about $ready s after the start" \
    || fail "readiness answered '$readiness'"
if [ "$mode" = docker ]; then
    log="$(docker logs gradient-verify 2>&1)"
else
    log="$(cat "$root/target/verify-image-server.log")"
fi
warmed="$(grep -o 'Warmed up with .*' <<<"$log" | head -n 1 || true)"
[ -n "$warmed" ] && pass "before it was ready: ${warmed%%;*}" || fail "no warm-up in the service's log"

engine="$(curl -s "http://localhost:$mport/actuator/info")"
[[ $engine == *'"matrixProducts":"native BLAS through JNI"'* ]] && pass "the products run in OpenBLAS: $engine" \
    || fail "the products do not run in the native BLAS: $engine"

python3 - "$root/README.md" "$port" <<'PY' && pass "the README's example answers as documented" || fail "the README's example"
import json, re, sys, urllib.request
readme = open(sys.argv[1], encoding="utf-8").read()
command = re.search(r"```sh\n(curl -s localhost:8080/gradient .*?)```", readme, re.S).group(1)
body = re.search(r"-d '(.*)'", command, re.S).group(1)
documented = re.search(r"answers \(line breaks added\):\n\n```json\n(.*?)```", readme, re.S).group(1)
request = urllib.request.Request("http://localhost:%s/gradient" % sys.argv[2], data=body.encode(),
                                 headers={"Content-Type": "application/json"})
actual = json.load(urllib.request.urlopen(request))
expected = json.loads(documented)
if actual != expected:
    print("      answered:   ", json.dumps(actual))
    print("      documented: ", json.dumps(expected))
    sys.exit(1)
PY

if [ "$mode" = docker ]; then
    uid="$(docker exec gradient-verify sh -c 'grep ^Uid: /proc/1/status')"
else
    # the JVM itself, not buildah's processes around it
    pid="$(pgrep -f "^[^ ]*java --enable-native-access=ALL-UNNAMED -XX:AOTCache=/app/app.aot -jar /app/gradient-service.jar --server.port=$port" | head -n 1)" \
        || fail "no JVM process found"
    uid="$(grep ^Uid: "/proc/$pid/status")"
fi
read -r _ real effective _ <<<"$uid"
[ "$real" != 0 ] && [ "$effective" != 0 ] && pass "the process runs as uid $effective, not root" \
    || fail "the process runs as root ($uid)"

if [ "$mode" = docker ]; then
    docker exec gradient-verify /app/healthcheck.sh && pass "the health check command succeeds" \
        || fail "the health check command failed"
    docker exec -e MANAGEMENT_SERVER_PORT=1 gradient-verify /app/healthcheck.sh 2>/dev/null \
        && fail "the health check passes with no service" || pass "the health check fails with no service"
else
    buildah run --isolation chroot --env MANAGEMENT_SERVER_PORT="$mport" "$ctr" -- /app/healthcheck.sh \
        && pass "the health check command succeeds" || fail "the health check command failed"
    buildah run --isolation chroot --env MANAGEMENT_SERVER_PORT=1 "$ctr" -- /app/healthcheck.sh 2>/dev/null \
        && fail "the health check passes with no service" || pass "the health check fails with no service"
fi

if [ "$mode" = docker ]; then
    size="$(docker image inspect --format '{{.Size}}' "$image")"
else
    size="$(buildah images --noheading --format '{{.Size}}' "$image")"
fi
echo "      image size: $size"
echo "all checks passed"
