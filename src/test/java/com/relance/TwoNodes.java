package com.relance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes of a cluster, as docker-compose.yml would run them: one embedded PostgreSQL, two whole
 * applications on the {@code prod} profile with their job executors on, sending to the suite's SMTP
 * port. For ClusterTest and GroupingClusterTest.
 */
final class TwoNodes implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    final ConfigurableApplicationContext nodeA;
    final ConfigurableApplicationContext nodeB;

    private TwoNodes(EmbeddedPostgres postgres, ConfigurableApplicationContext nodeA, ConfigurableApplicationContext nodeB) {
        this.postgres = postgres;
        this.nodeA = nodeA;
        this.nodeB = nodeB;
    }

    /** Node A first: on an empty database it creates the schemas (Flyway, the engine). Then B. */
    static TwoNodes start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        ConfigurableApplicationContext nodeA = null;
        try {
            nodeA = node("nodeA", url);
            return new TwoNodes(postgres, nodeA, node("nodeB", url));
        } catch (RuntimeException e) {
            if (nodeA != null) {
                nodeA.close();
            }
            postgres.close();
            throw e;
        }
    }

    /**
     * Idle executors poll every 5 s, backing off up to a minute: this wakes both now (as a job created
     * on a node does), so a test waits for the nodes' work, not their idle wait.
     */
    void wakeUp() {
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            ((ProcessEngineConfigurationImpl) node.getBean(ProcessEngine.class).getProcessEngineConfiguration())
                    .getJobExecutor().jobWasAdded();
        }
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(nodeA.getBean(DataSource.class));
    }

    /** Successful job runs per node (the engine writes each node's host name into its job log). */
    Map<String, Integer> jobsPerNode() {
        return counts("select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_");
    }

    /** A grouped count ({@code select key, count(*) … group by …}) as a sorted map. */
    Map<String, Integer> counts(String sql) {
        return jdbc().query(sql, rs -> {
            Map<String, Integer> counts = new TreeMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
            return counts;
        });
    }

    @Override
    public void close() throws IOException {
        try {
            nodeB.close();
            nodeA.close();
        } finally {
            EngineClock.reset();
            postgres.close();
        }
    }

    /**
     * A node as a container runs it: the prod profile, settings from the environment (here as
     * arguments). Its own engine name (no hyphens; the shared test context keeps "default") and its
     * own host name, which the engine writes into each historic job log row.
     */
    private static ConfigurableApplicationContext node(String name, String jdbcUrl) {
        return new SpringApplicationBuilder(RelanceApplication.class, ProductionProfileTest.EngineTime.class)
                .profiles("prod")
                .run("--RELANCE_DB_URL=" + jdbcUrl,
                        "--RELANCE_DB_USER=postgres",
                        "--RELANCE_DB_PASSWORD=postgres",
                        "--RELANCE_SMTP_HOST=127.0.0.1",
                        "--RELANCE_SMTP_PORT=" + RelanceTest.SMTP_PORT,
                        "--RELANCE_PORTAL_SECRET=cluster-test-secret-0123456789-0123456789",
                        "--RELANCE_CALENDAR_SECRET=calendar-test-secret-0123456789-0123456789",
                        "--RELANCE_ADMIN_USER=ops",
                        "--RELANCE_ADMIN_PASSWORD=ops-initial-password",
                        "--server.port=0",
                        "--camunda.bpm.process-engine-name=" + name,
                        "--camunda.bpm.generic-properties.properties.hostname=" + name);
    }
}
