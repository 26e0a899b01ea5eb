# The gradient service. Build: docker build -t gradient-service .
# Run:   docker run -p 8080:8080 gradient-service
# Where the default bases cannot be pulled, pass others that have the same layout, e.g. the stand-ins
# deploy/verify-image.sh builds from Debian's packages.
# The build compiles for Java 17 (the README's ./mvnw spring-boot:run works on any JDK from 17); the image
# runs on Java 25, for its AOT cache.
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
# The wrapper and the POM first, so that their downloads stay in a cached layer while the sources change.
COPY mvnw pom.xml openapi.yaml ./
COPY .mvn .mvn
RUN ./mvnw -B -q -Dmaven.test.skip=true dependency:go-offline
COPY src src
# The jar extracted (its classes in plain jars, which the AOT cache can hold), in Spring Boot's layers.
RUN ./mvnw -B -q -o -Dmaven.test.skip=true package \
    && java -Djarmode=tools -jar target/gradient-service-*.jar extract --layers --destination extracted \
    && mv extracted/application/gradient-service-*.jar extracted/application/gradient-service.jar

FROM ${RUNTIME_IMAGE}
# OpenBLAS computes the matrix products (through JNI); without it the service falls back to EJML.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libopenblas0-pthread \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
WORKDIR /app
# Spring Boot's layers, least often changed first.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
COPY deploy/healthcheck.sh /app/healthcheck.sh
# Heap as a share of the container's memory; an out-of-memory error ends the process, so that the
# orchestrator restarts it instead of leaving it half-alive. G1 whatever the container's size, so that the
# AOT cache made at build time fits the JVM that runs. Override with -e JAVA_TOOL_OPTIONS=...
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"
# One BLAS thread per request: concurrent requests already use the cores (BENCHMARKS.md).
ENV OPENBLAS_NUM_THREADS=1
# A training run makes the JVM's AOT cache (JEP 483, 514, 515): the service sends itself every endpoint's
# requests until the JIT settles, 20 s at most (gradient.warm-up), then exits, and the JVM writes the
# classes it loaded and linked and their profiles. The service then starts in about half the time
# (BENCHMARKS.md).
RUN java --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput=/app/app.aot -jar /app/gradient-service.jar \
        --server.port=18480 --management.server.port=18481 --gradient.warm-up.duration=20s --gradient.warm-up.exit=true \
    && test -s /app/app.aot

# The files stay root's and read-only; the process runs as a numeric user that owns nothing.
USER 10001:10001
# The API, and the probes and metrics on a port of their own
EXPOSE 8080 8081
# Before it reports ready, the service sends itself every endpoint's requests until the JIT has settled
# (ready 25–42 s after the start on 2 cores), so that its first traffic runs on compiled code; it
# answers meanwhile (BENCHMARKS.md, "Start-up and warm-up"). -e GRADIENT_WARM_UP_DURATION=0s turns it off.
ENV GRADIENT_WARM_UP_DURATION=60s
HEALTHCHECK --interval=10s --timeout=5s --start-period=70s --retries=3 CMD ["/app/healthcheck.sh"]
# The products call OpenBLAS through JNI, which Java 25 asks to be allowed by name.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:AOTCache=/app/app.aot", "-jar", "/app/gradient-service.jar"]
