# Build: dependencies first (a cached layer while only sources change), then the jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY triage/pom.xml triage/
COPY connectors/pom.xml connectors/
COPY bot/pom.xml bot/
RUN mvn -B -q -DskipTests package
COPY triage/src triage/src
COPY connectors/src connectors/src
COPY bot/src bot/src
RUN mvn -B -q -DskipTests package

# Run: a JRE, a non-root user, the jar and the default config. Mount a volume on /app/data for the H2 file,
# or set CAREBOT_DB_URL to PostgreSQL.
FROM eclipse-temurin:17-jre
RUN groupadd --system carebot && useradd --system --gid carebot --home-dir /app --shell /usr/sbin/nologin carebot
WORKDIR /app
COPY --from=build /src/bot/target/carebot.jar /app/carebot.jar
COPY config /app/config
RUN mkdir -p /app/data && chown -R carebot:carebot /app/data
USER carebot
ENV CAREBOT_PORT=8080 \
    CAREBOT_CONFIG=/app/config/carebot.yml \
    CAREBOT_DB_URL=jdbc:h2:file:/app/data/carebot
VOLUME /app/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/carebot.jar"]
CMD ["serve"]
