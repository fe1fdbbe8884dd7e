package com.relance;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
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
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    private static TwoNodes cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TwoNodes.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
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
        cluster.nodeA.getBean(InvoiceRegistration.class).registerAll(intakes);
        int n = CUSTOMERS * INVOICES_EACH;

        // Thursday 09:05: every pre-due timer is due; both nodes run them and the send jobs, which enrol.
        EngineClock.moveTo(LocalDate.of(2026, 3, 26).atTime(LocalTime.of(9, 5)).atZone(PARIS).toInstant());
        cluster.wakeUp();
        RuntimeService runtime = cluster.nodeA.getBean(RuntimeService.class);
        JdbcTemplate jdbc = cluster.jdbc();
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
        cluster.wakeUp();
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
            String text = DunningTestSupport.body(theirs.get(0));
            assertThat(text).contains(customer.getValue().toArray(String[]::new));
        }
        assertThat(jdbc.queryForObject("select count(*) from communication where stage = 'PRE_DUE' and status = 'SENT' "
                + "and group_id is not null and idempotency_key not like 'group/%'", Integer.class)).isEqualTo(n);
        assertThat(jdbc.queryForObject("select count(*) from communication where idempotency_key like 'group/%'",
                Integer.class)).isEqualTo(CUSTOMERS);
        assertThat(jdbc.queryForList("select distinct status from message_group", String.class)).containsOnly("SENT");
        assertThat(runtime.createIncidentQuery().count()).as("incidents").isZero();
        Map<String, Integer> jobsPerNode = cluster.jobsPerNode();
        System.out.printf("GroupingClusterTest: %d customers x %d invoices, jobs per node %s%n", CUSTOMERS, INVOICES_EACH,
                jobsPerNode);
        assertThat(jobsPerNode).containsOnlyKeys("nodeA", "nodeB");
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
}
