package com.relance;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One message per customer on a cluster (F8): two nodes on one PostgreSQL, their job executors on,
 * share a morning's pre-due reminders of several customers with many invoices each. The invoices
 * of a customer reach the stage on either node, concurrently; each customer receives exactly one
 * email listing every one of its invoices. Set up like {@link ClusterTest}.
 */
class GroupingClusterTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int CUSTOMERS = 5;
    private static final int INVOICES_EACH = 12;
    private static final long WAIT_MILLIS = 120_000;

    @RegisterExtension
    static final GreenMailExtension mail = new GreenMailExtension(RelanceTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startCluster() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        nodeA = start("nodeA", url);
        nodeB = start("nodeB", url);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            if (nodeB != null) {
                nodeB.close();
            }
            if (nodeA != null) {
                nodeA.close();
            }
        } finally {
            EngineClock.reset();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void twoNodes_invoicesOfOneCustomerReachTheStageConcurrently_oneEmailEach_listingEveryInvoice() throws Exception {
        EngineClock.moveTo(LocalDate.of(2026, 3, 25).atTime(LocalTime.of(9, 5)).atZone(PARIS).toInstant());
        LocalDate issued = LocalDate.of(2026, 3, 1);
        LocalDate due = LocalDate.of(2026, 3, 31);
        String prefix = "GC-" + ProcessHandle.current().pid() + "-";
        Map<String, List<String>> invoicesOf = new LinkedHashMap<>();
        List<InvoiceIntake> intakes = new ArrayList<>();
        // Interleaved, so that a customer's invoices are spread over the nodes' acquisitions.
        for (int i = 0; i < INVOICES_EACH; i++) {
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = prefix + "C" + c;
                String number = prefix + c + "-" + i;
                invoicesOf.computeIfAbsent(customer, k -> new ArrayList<>()).add(number);
                intakes.add(new InvoiceIntake(number, customer, "Grossiste " + c, email(customer), "+33 1 23 45 67 89",
                        "fr", "FR", "sme", "sam", issued, due, Currency.getInstance("EUR"), new BigDecimal("100.00"),
                        new BigDecimal("100.00"), null, "12 rue des Lilas", null, "69003", "Lyon", null));
            }
        }
        nodeA.getBean(InvoiceRegistration.class).registerAll(intakes);
        int n = CUSTOMERS * INVOICES_EACH;

        // Thursday 09:05: every pre-due timer is due; both nodes run them and the send jobs, which enrol.
        EngineClock.moveTo(LocalDate.of(2026, 3, 26).atTime(LocalTime.of(9, 5)).atZone(PARIS).toInstant());
        wakeUp();
        RuntimeService runtime = nodeA.getBean(RuntimeService.class);
        JdbcTemplate jdbc = new JdbcTemplate(nodeA.getBean(DataSource.class));
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline
                && runtime.createExecutionQuery().processDefinitionKey("invoice-dunning").activityId("Timer_Level1Due")
                .count() < n) {
            Thread.sleep(500);
        }
        assertThat(runtime.createExecutionQuery().processDefinitionKey("invoice-dunning").activityId("Timer_Level1Due")
                .count()).isEqualTo(n);
        assertThat(mail.getReceivedMessages()).as("nothing before the gathering delay").isEmpty();
        assertThat(jdbc.queryForList("select member_count from message_group", Integer.class))
                .hasSize(CUSTOMERS).containsOnly(INVOICES_EACH);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("customer-message").count())
                .as("one sender a customer").isEqualTo(CUSTOMERS);

        // 09:20: the gathering delay is over, the senders go (on either node).
        EngineClock.moveTo(LocalDate.of(2026, 3, 26).atTime(LocalTime.of(9, 20)).atZone(PARIS).toInstant());
        wakeUp();
        deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline
                && (mail.getReceivedMessages().length < CUSTOMERS
                    || runtime.createProcessInstanceQuery().processDefinitionKey("customer-message").count() > 0)) {
            Thread.sleep(500);
        }
        Thread.sleep(1_000); // a duplicate would come from a job still running: give it time to show

        MimeMessage[] received = mail.getReceivedMessages();
        assertThat(received).as("one email a customer").hasSize(CUSTOMERS);
        for (Map.Entry<String, List<String>> customer : invoicesOf.entrySet()) {
            List<MimeMessage> theirs = Arrays.stream(received).filter(m -> to(m).equals(email(customer.getKey()))).toList();
            assertThat(theirs).as(customer.getKey()).hasSize(1);
            String text = text(theirs.get(0));
            assertThat(text).contains(customer.getValue().toArray(String[]::new));
        }
        assertThat(jdbc.queryForObject("select count(*) from communication where stage = 'PRE_DUE' and status = 'SENT' "
                + "and group_id is not null and idempotency_key not like 'group/%'", Integer.class)).isEqualTo(n);
        assertThat(jdbc.queryForObject("select count(*) from communication where idempotency_key like 'group/%'",
                Integer.class)).isEqualTo(CUSTOMERS);
        assertThat(jdbc.queryForList("select distinct status from message_group", String.class)).containsOnly("SENT");
        assertThat(runtime.createIncidentQuery().count()).as("incidents").isZero();
        Map<String, Integer> jobsPerNode = jdbc.query(
                "select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_", rs -> {
                    Map<String, Integer> m = new java.util.TreeMap<>();
                    while (rs.next()) {
                        m.put(rs.getString(1), rs.getInt(2));
                    }
                    return m;
                });
        System.out.printf("GroupingClusterTest: %d customers x %d invoices, jobs per node %s%n", CUSTOMERS, INVOICES_EACH,
                jobsPerNode);
        assertThat(jobsPerNode).containsOnlyKeys("nodeA", "nodeB");
    }

    private static void wakeUp() {
        for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
            ((ProcessEngineConfigurationImpl) node.getBean(ProcessEngine.class).getProcessEngineConfiguration())
                    .getJobExecutor().jobWasAdded();
        }
    }

    private static String email(String customer) {
        return "ap-" + customer.toLowerCase() + "@customer.test";
    }

    private static String to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain-text part, decoded. */
    private static String text(MimeMessage message) {
        try {
            return plain(message);
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(jakarta.mail.Part part) throws IOException, jakarta.mail.MessagingException {
        if (part.isMimeType("text/plain") && !jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return (String) part.getContent();
        }
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = plain(multipart.getBodyPart(i));
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static ConfigurableApplicationContext start(String node, String jdbcUrl) {
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
                        "--camunda.bpm.process-engine-name=" + node,
                        "--camunda.bpm.generic-properties.properties.hostname=" + node);
    }
}
