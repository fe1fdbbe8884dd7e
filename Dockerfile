# Relance application image. Build: docker build -t relance .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -ntp -DskipTests -Dlint.skip=true package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system relance && useradd --system --gid relance --home-dir /app relance \
    && mkdir -p /app/data && chown -R relance:relance /app
WORKDIR /app
COPY --from=build /src/target/relance-*.jar /app/relance.jar
USER relance
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/relance.jar"]
