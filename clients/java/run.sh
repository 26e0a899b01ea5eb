#!/usr/bin/env bash
# Generates the Java clients from openapi.yaml with openapi-generator 7.25.0's `java` generator on its
# default settings, once with its default library (okhttp-gson) and once with `--library restclient`,
# into target/generated-clients/java-okhttp-gson and target/generated-clients/java-restclient; builds each
# with the pom it generates; and runs OkhttpGsonRoundTrip.java and RestclientRoundTrip.java (single-file
# launches) with them against the service. Prints one "ok: ..." line per check and exits non-zero on any
# failure. Run from anywhere: bash clients/java/run.sh. SKIP_BUILD=1 uses the jar of the last build.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -B -q -DskipTests package
fi
generator=target/tools/openapi-generator-cli-7.25.0.jar
if [ ! -f "$generator" ]; then
    ./mvnw -B -q dependency:copy -Dartifact=org.openapitools:openapi-generator-cli:7.25.0 -DoutputDirectory=target/tools
fi

# generate_and_build LIBRARY [GENERATOR OPTIONS...]: the client's classes and dependencies end up in
# target/generated-clients/java-LIBRARY/target/{classes,classpath.txt}.
generate_and_build() {
    local library="$1" out="target/generated-clients/java-$1"
    shift
    rm -rf "$out"
    java -jar "$generator" generate -i openapi.yaml -g java "$@" -o "$out" \
        > "target/generated-clients-java-$library.log"
    ./mvnw -B -q -f "$out/pom.xml" -DskipTests -Dmaven.javadoc.skip=true \
        package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
    echo "ok: java $library: generated from openapi.yaml and built with its generated pom"
}
generate_and_build okhttp-gson
generate_and_build restclient --library restclient
classpath() {
    local out="target/generated-clients/java-$1/target"
    echo "$root/$out/classes:$(cat "$out/classpath.txt")"
}
OKHTTP_GSON_CLASSPATH="$(classpath okhttp-gson)"
RESTCLIENT_CLASSPATH="$(classpath restclient)"
export OKHTTP_GSON_CLASSPATH RESTCLIENT_CLASSPATH

# Both round trips run against the same service, each even when the other fails.
SKIP_BUILD=1 clients/with-service.sh sh -c '
    java -cp "$OKHTTP_GSON_CLASSPATH" clients/java/OkhttpGsonRoundTrip.java "$BASE_URL"; okhttp=$?
    java -cp "$RESTCLIENT_CLASSPATH" clients/java/RestclientRoundTrip.java "$BASE_URL"; restclient=$?
    [ $okhttp = 0 ] && [ $restclient = 0 ]'
