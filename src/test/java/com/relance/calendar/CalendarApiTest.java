package com.relance.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.Invoices;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * {@code GET /api/calendar}: the ladder's timers and open tasks on the days the engine will act,
 * who acts, filters, what a salesperson may see, and bad ranges named field by field.
 */
class CalendarApiTest extends CalendarSeeds {

    @Autowired
    TestRestTemplate rest;

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user + "-test");
    }

    private List<JsonNode> entries(String user, String query) {
        ResponseEntity<JsonNode> response = as(user).getForEntity("/api/calendar?" + query, JsonNode.class);
        assertThat(response.getStatusCode()).as(response.toString()).isEqualTo(HttpStatus.OK);
        return StreamSupport.stream(response.getBody().get("entries").spliterator(), false).toList();
    }

    private static List<JsonNode> of(List<JsonNode> entries, String invoice) {
        return entries.stream().filter(e -> e.get("invoiceNumber").asText().equals(invoice)).toList();
    }

    @Test
    void theLevel2Timer_showsTheReminderAndTheCall_onItsDay_thenTheOpenCallTaskOnItsDueDay() {
        String number = Invoices.nextNumber();
        waitingForLevel2(number, "sam", LocalDate.of(2026, 5, 11));

        // Monday 18 May, 09:00 Paris: the level-2 reminder goes by itself, the collectors call.
        List<JsonNode> day = of(entries("colette", "from=2026-05-18&to=2026-05-18"), number);
        assertThat(day).hasSize(2);
        JsonNode send = day.stream().filter(e -> e.get("kind").asText().equals("SEND")).findFirst().orElseThrow();
        assertThat(send.get("at").asText()).isEqualTo("2026-05-18T07:00:00Z");
        assertThat(send.get("day").asText()).isEqualTo("2026-05-18");
        assertThat(send.get("action").asText()).isEqualTo("Send the level 2 reminder");
        assertThat(send.get("stage").asText()).isEqualTo("LEVEL_2");
        assertThat(send.get("actor").asText()).isEqualTo("Relance (automatic)");
        assertThat(send.get("channels").toString()).isEqualTo(channels(number, "level2Channels"));
        assertThat(send.get("customerNumber").asText()).isEqualTo("C-" + number);
        assertThat(send.get("customerName").asText()).isEqualTo("Client " + number);
        assertThat(send.get("outstanding").decimalValue()).isEqualByComparingTo("1250.00");
        assertThat(send.get("currency").asText()).isEqualTo("EUR");
        assertThat(send.get("invoiceHref").asText()).isEqualTo("/audit/invoices/" + number);
        JsonNode call = day.stream().filter(e -> e.get("kind").asText().equals("CALL")).findFirst().orElseThrow();
        assertThat(call.get("action").asText()).isEqualTo("Call the customer");
        assertThat(call.get("actor").asText()).isEqualTo("accounting");
        assertThat(call.get("channels").toString()).isEqualTo("[\"PHONE\"]");
        assertThat(call.get("automatic").asBoolean()).isFalse();
        // Nothing the day before or after.
        assertThat(of(entries("colette", "from=2026-05-17&to=2026-05-17"), number)).isEmpty();
        assertThat(of(entries("colette", "from=2026-05-19&to=2026-05-24"), number)).isEmpty();

        at(LocalDate.of(2026, 5, 18), LocalTime.of(9, 0), PARIS);
        runDueJobs(instanceOf(number));
        // The call is now a task, due two days after it opened; the reminder is sent: nothing left on the 18th.
        assertThat(of(entries("colette", "from=2026-05-18&to=2026-05-18"), number)).isEmpty();
        List<JsonNode> task = of(entries("colette", "from=2026-05-20&to=2026-05-20"), number);
        assertThat(task).hasSize(1);
        assertThat(task.get(0).get("at").asText()).isEqualTo("2026-05-20T07:00:00Z");
        assertThat(task.get(0).get("kind").asText()).isEqualTo("CALL");
        assertThat(task.get(0).get("taskId").asText()).isNotBlank();
        assertThat(task.get(0).get("candidateGroups").toString()).isEqualTo("[\"accounting\"]");
        assertThat(task.get(0).get("overdue").asBoolean()).isFalse();

        // Claimed by colette: she acts, and it is hers alone.
        tasks.claim(task.get(0).get("taskId").asText(), "colette");
        JsonNode claimed = of(entries("lea", "from=2026-05-20&to=2026-05-20"), number).get(0);
        assertThat(claimed.get("actor").asText()).isEqualTo("colette");
        at(LocalDate.of(2026, 5, 21), LocalTime.of(8, 0), PARIS);
        assertThat(of(entries("colette", "from=2026-05-20&to=2026-05-20&collector=colette"), number).get(0)
                .get("overdue").asBoolean()).isTrue();
        assertThat(of(entries("colette", "from=2026-05-20&to=2026-05-20&collector=lea"), number)).isEmpty();
    }

    @Test
    void preDueReminders_fallOnTheirDays_andFiltersNarrowThem() {
        at(LocalDate.of(2026, 11, 20), LocalTime.of(10, 0), PARIS);
        String sams = Invoices.nextNumber();
        String sophies = Invoices.nextNumber();
        waitingForPreDue(sams, "sam", LocalDate.of(2026, 12, 15));
        waitingForPreDue(sophies, "sophie", LocalDate.of(2026, 12, 16));

        List<JsonNode> both = entries("colette", "from=2026-12-10&to=2026-12-11");
        JsonNode samsEntry = of(both, sams).get(0);
        assertThat(samsEntry.get("at").asText()).isEqualTo("2026-12-10T08:00:00Z"); // 09:00 Paris, winter time
        assertThat(samsEntry.get("action").asText()).isEqualTo("Send the pre-due reminder");
        assertThat(samsEntry.get("stage").asText()).isEqualTo("PRE_DUE");
        assertThat(samsEntry.get("salesRep").asText()).isEqualTo("sam");
        assertThat(samsEntry.get("channels").toString()).isEqualTo(channels(sams, "preDueChannels")).contains("EMAIL");
        assertThat(of(both, sophies).get(0).get("day").asText()).isEqualTo("2026-12-11");
        assertThat(of(entries("colette", "from=2026-12-10&to=2026-12-10"), sophies)).isEmpty();

        // Filters: salesperson, customer (number or part of the name), stage, collector.
        assertThat(of(entries("colette", "from=2026-12-10&to=2026-12-11&salesperson=sophie"), sams)).isEmpty();
        assertThat(of(entries("colette", "from=2026-12-10&to=2026-12-11&salesperson=sophie"), sophies)).hasSize(1);
        assertThat(entries("colette", "from=2026-12-10&to=2026-12-11&customer=C-" + sams))
                .extracting(e -> e.get("invoiceNumber").asText()).containsOnly(sams);
        assertThat(entries("colette", "from=2026-12-10&to=2026-12-11&customer=client " + sophies.toLowerCase()))
                .extracting(e -> e.get("invoiceNumber").asText()).containsOnly(sophies);
        assertThat(of(entries("colette", "from=2026-12-10&to=2026-12-11&stage=PRE_DUE"), sams)).hasSize(1);
        assertThat(of(entries("colette", "from=2026-12-10&to=2026-12-11&stage=LEVEL_2"), sams)).isEmpty();
        // Automatic sends are nobody's work.
        assertThat(of(entries("colette", "from=2026-12-10&to=2026-12-11&collector=colette"), sams)).isEmpty();

        // A salesperson sees their own customers only, whatever they ask for.
        List<JsonNode> samSees = entries("sam", "from=2026-12-10&to=2026-12-11");
        assertThat(of(samSees, sams)).hasSize(1);
        assertThat(of(samSees, sophies)).isEmpty();
        assertThat(of(entries("sam", "from=2026-12-10&to=2026-12-11&salesperson=sophie"), sophies)).isEmpty();
        assertThat(of(samSees, sams).get(0).get("invoiceHref").asText()).isEqualTo("/invoices/" + sams);
        List<JsonNode> sophieSees = entries("sophie", "from=2026-12-10&to=2026-12-11");
        assertThat(of(sophieSees, sophies)).hasSize(1);
        assertThat(of(sophieSees, sams)).isEmpty();
        assertThat(samSees).allMatch(e -> e.get("salesRep").asText().equals("sam"));
    }

    @Test
    void defaultRange_isTodayAndTheSixDaysAfter() {
        at(LocalDate.of(2026, 11, 20), LocalTime.of(10, 0), PARIS);
        JsonNode body = as("colette").getForObject("/api/calendar", JsonNode.class);
        assertThat(body.get("from").asText()).isEqualTo("2026-11-20");
        assertThat(body.get("to").asText()).isEqualTo("2026-11-26");
        assertThat(body.get("timeZone").asText()).isEqualTo("Europe/Paris");
    }

    @Test
    void badRanges_areProblemsNamingTheField() {
        assertProblem("from=2026-13-01&to=2026-12-01", "from");
        assertProblem("from=yesterday", "from");
        assertProblem("from=2026-12-01&to=2026-11-30", "to");
        assertProblem("from=2026-01-01&to=2027-01-02", "to");
        assertProblem("from=2026-01-01&to=2026-01-02&stage=LEVEL_9", "stage");
        assertThat(as("colette").getForEntity("/api/calendar?from=2026-01-01&to=2027-01-01", JsonNode.class)
                .getStatusCode()).as("366 days, both ends included").isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/api/calendar", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void assertProblem(String query, String field) {
        ResponseEntity<JsonNode> response = as("colette").getForEntity("/api/calendar?" + query, JsonNode.class);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").get(0).get("field").asText()).as(query).isEqualTo(field);
    }

    /** The stage's channels as the policy decided them for this invoice, as a JSON array. */
    private String channels(String number, String variable) {
        String listed = (String) runtime.getVariable(instanceOf(number).getId(), variable);
        return "[" + String.join(",", java.util.Arrays.stream(listed.split(",")).map(c -> "\"" + c.strip() + "\"").toList())
                + "]";
    }
}
