# The gradient service. Build: docker build -t gradient-service .
# Run:   docker run -p 8080:8080 gradient-service
# Where the default bases cannot be pulled, pass others that have the same layout, e.g. the stand-ins
# deploy/verify-image.sh builds from Debian's packages.
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
# The wrapper and the POM first, so that their downloads stay in a cached layer while the sources change.
COPY mvnw pom.xml openapi.yaml ./
COPY .mvn .mvn
RUN ./mvnw -B -q -Dmaven.test.skip=true dependency:go-offline
COPY src src
RUN ./mvnw -B -q -o -Dmaven.test.skip=true package \
    && java -Djarmode=tools -jar target/gradient-service-*.jar extract --layers --launcher --destination extracted

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

# The files stay root's and read-only; the process runs as a numeric user that owns nothing.
USER 10001:10001
# The API, and the probes and metrics on a port of their own
EXPOSE 8080 8081
# Heap as a share of the container's memory; an out-of-memory error ends the process, so that the
# orchestrator restarts it instead of leaving it half-alive. Override with -e JAVA_TOOL_OPTIONS=...
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
# One BLAS thread per request: concurrent requests already use the cores (BENCHMARKS.md).
ENV OPENBLAS_NUM_THREADS=1
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
