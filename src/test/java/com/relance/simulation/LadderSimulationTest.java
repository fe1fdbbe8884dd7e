package com.relance.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import com.relance.policy.BusinessCalendar;
import com.relance.policy.DunningPolicy;
import com.relance.policy.PolicyVariables;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The what-if on two invoices, with the real decision table and with a draft of it, every date
 * computed by hand. Country unknown, so business days are weekdays; time zone UTC; send time 09:00,
 * window to 11:00; 7 days at least between reminders, 8 days after a formal notice before escalation.
 * Today: Monday 1 March 2027, 08:00 UTC. The customers' typology "retail" matches the table's
 * default row: pre-due -5 (EMAIL), level 1 +7 (EMAIL,SMS), level 2 +30 (EMAIL,LETTER,SMS), formal
 * notice +45 (EMAIL,LETTER), escalation +60, no review of levels 1 and 2, no sales approval.
 * <pre>
 * A: 1000 EUR due Mon 2027-03-08, nothing sent yet.
 * B: 2500 EUR due Mon 2027-02-01, level 1 sent Wed 2027-02-10.
 *
 * Deployed table, 30 days (1 to 30 March):
 *   A pre-due  03-08 - 5 = Wed 03-03                                  EMAIL
 *   A level 1  03-08 + 7 = Mon 03-15 (gap: 03-03 + 7 = 03-10, earlier)  EMAIL, SMS
 *   A level 2  04-07: after the horizon
 *   B level 2  02-01 + 30 = Wed 03-03 (gap 02-17, earlier)           EMAIL, LETTER, SMS + "Call the customer" (accounting)
 *   B notice   02-01 + 45 = Thu 03-18 (gap 03-10, earlier)           EMAIL, LETTER + "Review the formal notice" (accounting); 2500 EUR
 *   B escalation 02-01 + 60 = Fri 04-02: after the horizon
 *   per day: 03-03 EMAIL 2, LETTER 1, SMS 1, accounting 1 | 03-15 EMAIL 1, SMS 1 | 03-18 EMAIL 1, LETTER 1, accounting 1
 *
 * Draft: default row with pre-due -10, level 1 +2, formal notice +40, level 2 reviewed, sales approval:
 *   A pre-due  03-08 - 10 = Fri 02-26, already past: caught up this morning, Mon 03-01 09:00   EMAIL
 *   A level 1  03-08 + 2 = Wed 03-10 (gap: 03-01 + 7 = 03-08, earlier)                       EMAIL, SMS
 *   B level 2  Wed 03-03, as before, now with "Review the level 2 reminder" (accounting) too
 *   B notice   02-01 + 40 = Sat 03-13 (gap 03-10) -> next business day Mon 03-15
 *              EMAIL, LETTER + review (accounting) + "Approve the formal notice" (credit-management)
 *   per day: 03-01 EMAIL 1 | 03-03 EMAIL 1, LETTER 1, SMS 1, accounting 2 | 03-10 EMAIL 1, SMS 1
 *            | 03-15 EMAIL 1, LETTER 1, accounting 1, credit-management 1
 *
 * Deployed table, 90 days (1 March to 29 May) adds:
 *   A level 2 Wed 04-07 (EMAIL, LETTER, SMS + call), notice Thu 04-22 (EMAIL, LETTER + review),
 *     escalation Fri 05-07 ("Decide the escalation", credit-management)
 *   B escalation Fri 04-02 (gap 03-18 + 8 = 03-26, earlier)
 * </pre>
 */
class LadderSimulationTest {

    private static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");
    private static final Path TABLE = Path.of("bpmn", "dunning-policy.dmn");

    private final DunningPolicy policy = new DunningPolicy(LocalTime.of(9, 0), LocalTime.of(11, 0), 7, 8, 3, 7, 30, 30);
    private final PolicyTables tables = new PolicyTables(null);
    private final LadderSimulation simulation = new LadderSimulation(new BusinessCalendar(), new LadderSimulation.Tasks(
            new LadderSimulation.TaskKind("Task_ReviewLevel1Reminder", "Review the level 1 reminder", "accounting"),
            new LadderSimulation.TaskKind("Task_ReviewLevel2Reminder", "Review the level 2 reminder", "accounting"),
            new LadderSimulation.TaskKind("Task_CallCustomer", "Call the customer", "accounting"),
            new LadderSimulation.TaskKind("Task_ReviewFormalNotice", "Review the formal notice", "accounting"),
            new LadderSimulation.TaskKind("Task_ApproveFormalNotice", "Approve the formal notice", "credit-management"),
            new LadderSimulation.TaskKind("Task_DecideEscalation", "Decide the escalation", "credit-management")));

    private final List<LadderSimulation.OpenInvoice> invoices = List.of(
            invoice("A", "1000", "2027-03-08", null, null),
            invoice("B", "2500", "2027-02-01", "LEVEL_1", Instant.parse("2027-02-10T09:00:00Z")));

    @Test
    void deployedTable_30Days_remindersAndTasksOnTheDaysComputedByHand() throws IOException {
        LadderSimulation.Result result = run(tables.draft("deployed.dmn", Files.readAllBytes(TABLE)), 30);

        assertThat(result.from()).isEqualTo(LocalDate.of(2027, 3, 1));
        assertThat(result.until()).isEqualTo(LocalDate.of(2027, 3, 30));
        assertThat(result.reminders()).hasSize(30);
        assertThat(busy(result.reminders())).containsExactly(
                Map.entry(LocalDate.of(2027, 3, 3), Map.of("EMAIL", 2, "LETTER", 1, "SMS", 1)),
                Map.entry(LocalDate.of(2027, 3, 15), Map.of("EMAIL", 1, "SMS", 1)),
                Map.entry(LocalDate.of(2027, 3, 18), Map.of("EMAIL", 1, "LETTER", 1)));
        assertThat(busy(result.tasks())).containsExactly(
                Map.entry(LocalDate.of(2027, 3, 3), Map.of("accounting", 1)),
                Map.entry(LocalDate.of(2027, 3, 18), Map.of("accounting", 1)));
        assertThat(result.tasksByName()).containsExactly(Map.entry("Call the customer", 1),
                Map.entry("Review the formal notice", 1));
        assertThat(result.remindersByChannel()).containsExactly(Map.entry("EMAIL", 4), Map.entry("LETTER", 2),
                Map.entry("SMS", 2));
        assertThat(result.formalNotices()).extracting(LadderSimulation.Reached::invoiceNumber, LadderSimulation.Reached::day)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B", LocalDate.of(2027, 3, 18)));
        assertThat(result.formalNoticeAmounts()).containsExactly(Map.entry("EUR", new BigDecimal("2500")));
        assertThat(result.escalations()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void draftWithOtherOffsetsReviewsAndApproval_movesTheCountsToOtherDays() throws IOException {
        String dmn = Files.readString(TABLE, StandardCharsets.UTF_8);
        dmn = output(dmn, "PreDueOffsetDays", "-5", "-10");
        dmn = output(dmn, "Level1OffsetDays", "7", "2");
        dmn = output(dmn, "FormalNoticeOffsetDays", "45", "40");
        dmn = output(dmn, "Level2Review", "false", "true");
        dmn = output(dmn, "SalesApprovalRequired", "false", "true");

        LadderSimulation.Result result = run(tables.draft("draft.dmn", dmn.getBytes(StandardCharsets.UTF_8)), 30);

        assertThat(busy(result.reminders())).containsExactly(
                Map.entry(LocalDate.of(2027, 3, 1), Map.of("EMAIL", 1)),
                Map.entry(LocalDate.of(2027, 3, 3), Map.of("EMAIL", 1, "LETTER", 1, "SMS", 1)),
                Map.entry(LocalDate.of(2027, 3, 10), Map.of("EMAIL", 1, "SMS", 1)),
                Map.entry(LocalDate.of(2027, 3, 15), Map.of("EMAIL", 1, "LETTER", 1)));
        assertThat(busy(result.tasks())).containsExactly(
                Map.entry(LocalDate.of(2027, 3, 3), Map.of("accounting", 2)),
                Map.entry(LocalDate.of(2027, 3, 15), Map.of("accounting", 1, "credit-management", 1)));
        assertThat(result.tasksByName()).containsOnly(Map.entry("Review the level 2 reminder", 1),
                Map.entry("Call the customer", 1), Map.entry("Review the formal notice", 1),
                Map.entry("Approve the formal notice", 1));
        assertThat(result.formalNotices()).extracting(LadderSimulation.Reached::day).containsExactly(LocalDate.of(2027, 3, 15));
    }

    @Test
    void deployedTable_90Days_reachesEscalationForBoth() throws IOException {
        LadderSimulation.Result result = run(tables.draft("deployed.dmn", Files.readAllBytes(TABLE)), 90);

        assertThat(result.until()).isEqualTo(LocalDate.of(2027, 5, 29));
        assertThat(result.escalations()).extracting(LadderSimulation.Reached::invoiceNumber, LadderSimulation.Reached::day)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("B", LocalDate.of(2027, 4, 2)),
                        org.assertj.core.groups.Tuple.tuple("A", LocalDate.of(2027, 5, 7)));
        assertThat(result.escalationAmounts()).containsExactly(Map.entry("EUR", new BigDecimal("3500")));
        assertThat(result.reminders().get(LocalDate.of(2027, 4, 7))).isEqualTo(Map.of("EMAIL", 1, "LETTER", 1, "SMS", 1));
        assertThat(result.reminders().get(LocalDate.of(2027, 4, 22))).isEqualTo(Map.of("EMAIL", 1, "LETTER", 1));
        assertThat(result.tasks().get(LocalDate.of(2027, 5, 7))).isEqualTo(Map.of("credit-management", 1));
        assertThat(result.tasksByGroup()).containsExactly(Map.entry("accounting", 4), Map.entry("credit-management", 2));
    }

    /**
     * C: 800 EUR due Sat 2027-02-20, nothing sent: already due, so no pre-due note (as the process
     * decides at start). Level 1 on 02-27 is past: caught up this morning, Mon 03-01 09:00 (EMAIL,
     * SMS); level 2 on 03-22 (gap 03-08, earlier): EMAIL, LETTER, SMS + call.
     */
    @Test
    void anInvoiceAlreadyDue_getsNoPreDueNote_andCatchesUpLevel1ThisMorning() throws IOException {
        List<LadderSimulation.OpenInvoice> late = List.of(invoice("C", "800", "2027-02-20", null, null));
        PolicyTables.Table table = tables.draft("deployed.dmn", Files.readAllBytes(TABLE));
        LadderSimulation.Result result = simulation.run(late,
                i -> policy.variablesFor(table.decide(i.decisionInputs()), i.outstanding()), NOW, 30, p -> { });
        assertThat(busy(result.reminders())).containsExactly(
                Map.entry(LocalDate.of(2027, 3, 1), Map.of("EMAIL", 1, "SMS", 1)),
                Map.entry(LocalDate.of(2027, 3, 22), Map.of("EMAIL", 1, "LETTER", 1, "SMS", 1)));
        assertThat(busy(result.tasks())).containsExactly(Map.entry(LocalDate.of(2027, 3, 22), Map.of("accounting", 1)));
    }

    @Test
    void anInvoiceBelowThePolicysMinimumIsNotDunned() throws IOException {
        String dmn = output(Files.readString(TABLE, StandardCharsets.UTF_8), "MinimumAmount", "0", "2000");
        LadderSimulation.Result result = run(tables.draft("draft.dmn", dmn.getBytes(StandardCharsets.UTF_8)), 30);
        // A (1000) is below 2000 now: only B's level 2 and formal notice are left.
        assertThat(result.notDunned()).isEqualTo(1);
        assertThat(result.remindersByChannel()).containsExactly(Map.entry("EMAIL", 2), Map.entry("LETTER", 2),
                Map.entry("SMS", 1));
    }

    @Test
    void invalidDrafts_areRefusedWithTheReason() throws IOException {
        assertThat(refusal("not xml at all".getBytes(StandardCharsets.UTF_8))).singleElement().asString()
                .contains("not a DMN file");
        assertThat(refusal(new byte[0])).singleElement().asString().contains("empty");
        String table = Files.readString(TABLE, StandardCharsets.UTF_8);
        assertThat(refusal(table.replace("id=\"dunning-policy\"", "id=\"other-policy\"").getBytes(StandardCharsets.UTF_8)))
                .singleElement().asString().contains("no decision with the id 'dunning-policy'");
        String withoutChannels = table.replaceAll("<output id=\"Output_Level2Channels\"[^>]*/>", "")
                .replaceAll("(?s)<outputEntry id=\"LiteralExpression_[A-Za-z]+_Level2Channels\">.*?</outputEntry>", "");
        assertThat(refusal(withoutChannels.getBytes(StandardCharsets.UTF_8))).singleElement().asString()
                .contains("no output named '" + PolicyVariables.LEVEL2_CHANNELS + "'");
    }

    @Test
    void aDraftWhoseOffsetsDoNotRise_isReportedPerInvoice() throws IOException {
        String dmn = output(Files.readString(TABLE, StandardCharsets.UTF_8), "Level2OffsetDays", "30", "3");
        LadderSimulation.Result result = run(tables.draft("draft.dmn", dmn.getBytes(StandardCharsets.UTF_8)), 30);
        assertThat(result.problems()).hasSize(2).allSatisfy(p -> assertThat(p).contains("offsets must rise"));
        assertThat(result.remindersByChannel()).isEmpty();
    }

    private List<String> refusal(byte[] dmn) {
        List<String> messages = new ArrayList<>();
        assertThatThrownBy(() -> tables.draft("bad.dmn", dmn)).isInstanceOfSatisfying(InvalidInvoiceException.class,
                e -> e.errors().forEach(f -> {
                    assertThat(f.field()).isEqualTo("draft");
                    messages.add(f.message());
                }));
        return messages;
    }

    private LadderSimulation.Result run(PolicyTables.Table table, int days) {
        List<Integer> progress = new ArrayList<>();
        LadderSimulation.Result result = simulation.run(invoices,
                i -> policy.variablesFor(table.decide(i.decisionInputs()), i.outstanding()), NOW, days, progress::add);
        assertThat(progress).containsExactly(50, 100);
        return result;
    }

    /** Replaces one output of the table's default row. */
    private static String output(String dmn, String output, String from, String to) {
        String entry = "<outputEntry id=\"LiteralExpression_Default_" + output + "\">\n          <text>" + from + "</text>";
        assertThat(dmn).contains(entry);
        return dmn.replace(entry, entry.replace("<text>" + from + "</text>", "<text>" + to + "</text>"));
    }

    private static Map<LocalDate, Map<String, Integer>> busy(Map<LocalDate, Map<String, Integer>> perDay) {
        Map<LocalDate, Map<String, Integer>> busy = new java.util.LinkedHashMap<>();
        perDay.forEach((d, m) -> {
            if (!m.isEmpty()) {
                busy.put(d, m);
            }
        });
        return busy;
    }

    private static LadderSimulation.OpenInvoice invoice(String number, String amount, String due, String stage,
                                                        Instant lastSent) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(PolicyVariables.CUSTOMER_SEGMENT, "retail");
        inputs.put(PolicyVariables.RISK_CLASS, null);
        inputs.put(PolicyVariables.CUSTOMER_COUNTRY, null);
        inputs.put(PolicyVariables.INVOICE_AMOUNT, Double.valueOf(amount));
        return new LadderSimulation.OpenInvoice(number, Currency.getInstance("EUR"), new BigDecimal(amount),
                LocalDate.parse(due), null, ZoneOffset.UTC, stage, lastSent, 0, null, inputs, wanted -> wanted);
    }
}
