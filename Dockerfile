# syntax=docker/dockerfile:1
# Tribune's container image. Build from the repository root:
#   docker build -t tribune .
#   docker run -p 8080:8080 tribune          (embedded PostgreSQL in the volume /home/tribune/.tribune)
# With SPRING_DATASOURCE_URL/USERNAME/PASSWORD it uses that database instead, and then TRIBUNE_AUTH_JWT_SECRET is
# required. The API and web client are on 8080; /actuator (probes, metrics) only on the management port 8081.
# ops/container/check.sh validates this file against a built jar without a Docker engine.

ARG NODE_VERSION=20

# Node (20.19+) for the web client, which the Maven build compiles; taken from the official image, not installed.
FROM node:${NODE_VERSION}-bookworm-slim AS node

FROM eclipse-temurin:25-jdk AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /workspace
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
COPY provider-adapters/ provider-adapters/
COPY web-client/ web-client/
COPY ops/container/extract-layers.sh ops/container/
# -DskipTests skips the Java tests; the web client's Vitest still runs as part of its build step.
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    ./mvnw -B -DskipTests package \
 && mv target/tribune-*.jar target/app.jar \
 && sh ops/container/extract-layers.sh target/app.jar /workspace/layers

# The JRE on Ubuntu (glibc), not Alpine (musl): the embedded PostgreSQL binaries inside the jar are built for glibc.
# It has no curl (Temurin 22+ images dropped it): the HEALTHCHECK speaks HTTP through bash's /dev/tcp instead.
FROM eclipse-temurin:25-jre AS runtime
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="Tribune" \
      org.opencontainers.image.description="Self-hosted live social-audio rooms" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:25-jre"
# A fixed uid (Kubernetes' runAsNonRoot checks it, and runAsUser in ops/k8s names the same number) with a home:
# the embedded database and its generated JWT key live in ~/.tribune when no external database is given.
RUN groupadd --system --gid 10001 tribune \
 && useradd --system --uid 10001 --gid 10001 --home-dir /home/tribune --create-home --shell /usr/sbin/nologin tribune \
 && mkdir -p /home/tribune/.tribune && chown tribune:tribune /home/tribune/.tribune
WORKDIR /opt/tribune
# One COPY per layer, least often changed first, so a code change rebuilds only the last layer.
COPY --from=build /workspace/layers/dependencies/ ./
COPY --from=build /workspace/layers/spring-boot-loader/ ./
COPY --from=build /workspace/layers/snapshot-dependencies/ ./
COPY --from=build /workspace/layers/application/ ./
ENV SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081
VOLUME ["/home/tribune/.tribune"]
EXPOSE 8080 8081
USER 10001:10001
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-8081} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r version status rest <&3 && [ \"$status\" = 200 ]"]
# The heap follows the container's memory limit (75 % of it, the rest for metaspace, threads, socket buffers and
# direct memory); an OutOfMemoryError ends the process so the orchestrator restarts it instead of leaving it limping.
# Extra JVM options go in JAVA_TOOL_OPTIONS. Exec form: java is PID 1 and gets SIGTERM, so sockets drain on stop.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:InitialRAMPercentage=25", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC", "org.springframework.boot.loader.launch.JarLauncher"]
