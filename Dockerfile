# syntax=docker/dockerfile:1
#
# One image per deployable module of the 蒙科聚 transaction backend:
#
#   docker build --build-arg MODULE=catalog-service -t mengkeju/catalog-service .
#
# (docker-compose.yml passes MODULE for each service.) The build stage does not depend on MODULE, so BuildKit
# builds the Maven reactor once and every module's image reuses that stage from its cache.

############################ build: the whole reactor, once ############################
FROM maven:3.9.11-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY . .
# ~/.m2 is a BuildKit cache mount: dependencies are downloaded on the first build only and never end up in a layer.
# sharing=locked: the six images are built in parallel and must not write the same local repository at once.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    mvn -B -ntp -DskipTests package

############################ runtime: one module's jar on a JRE ############################
FROM eclipse-temurin:21-jre-noble AS runtime

# curl is what the compose health checks call (GET /actuator/health, failing on a non-2xx answer). The Temurin
# Ubuntu images ship it today; install it only if a future base image drops it. A JDK-based check would start a
# second JVM inside the memory limit every few seconds, so curl it is.
# The service user (uid 10001) may write only /app/data (mount a volume there for state a service keeps) and /tmp.
RUN set -eux; \
    if ! command -v curl >/dev/null 2>&1; then \
        apt-get update; \
        apt-get install -y --no-install-recommends curl; \
        rm -rf /var/lib/apt/lists/*; \
    fi; \
    groupadd --system --gid 10001 mengkeju; \
    useradd --system --uid 10001 --gid mengkeju --home-dir /app --no-create-home --shell /usr/sbin/nologin mengkeju; \
    mkdir -p /app/data; \
    chown mengkeju:mengkeju /app/data

WORKDIR /app

# Heap at 75% of the container's memory limit, leaving the rest for metaspace, code cache, threads and buffers; exit
# on OutOfMemoryError so the restart policy brings up a clean JVM instead of a half-broken one.
# Override or extend with JAVA_OPTS in the compose file.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

# Declared here, after everything shared, so only the steps below differ between the modules' images.
ARG MODULE
RUN test -n "${MODULE}" || { echo "build with --build-arg MODULE=<module>, e.g. MODULE=gateway" >&2; exit 1; }
LABEL org.opencontainers.image.title="mengkeju-${MODULE}" \
      org.opencontainers.image.description="蒙科聚 transaction backend: ${MODULE}"

# Owned by root and read-only for the service user: the process cannot replace its own code.
COPY --from=build /workspace/${MODULE}/target/${MODULE}.jar /app/app.jar

USER 10001:10001

# exec: java becomes PID 1 and receives SIGTERM directly, so Spring's graceful shutdown runs on `docker stop`.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar \"$@\"", "app"]
