package com.relance.dunning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceIntake;
import com.relance.invoice.InvoiceRegistration;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Dunning holds over HTTP: who may hold what, for how long, and what a bad request gets. */
class DunningHoldApiTest extends DunningTestSupport {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;

    private String samsInvoice;
    private String sophiesInvoice;

    @BeforeEach
    void invoices() {
        at(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), PARIS);
        samsInvoice = Invoices.nextNumber();
        sophiesInvoice = Invoices.nextNumber();
        registration.register(Invoices.french(samsInvoice, "sme", "sam", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        registration.register(Invoices.french(sophiesInvoice, "sme", "sophie", LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31)));
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user + "-test");
    }

    private static Map<String, Object> hold(String reason, Object until) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("reason", reason);
        body.put("until", until);
        return body;
    }

    @Test
    void aSalespersonHoldsTheirCustomersInvoice_thenLiftsIt() {
        ResponseEntity<JsonNode> placed = as("sam").postForEntity("/api/invoices/" + samsInvoice + "/holds",
                hold("Negotiating a payment plan", "2026-03-20"), JsonNode.class);

        assertThat(placed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(placed.getBody().get("placedBy").asText()).isEqualTo("sam");
        JsonNode view = as("colette").getForObject("/api/invoices/" + samsInvoice, JsonNode.class);
        assertThat(view.get("hold").get("reason").asText()).isEqualTo("Negotiating a payment plan");
        assertThat(view.get("hold").get("until").asText()).isEqualTo("2026-03-21T08:00:00Z");

        ResponseEntity<JsonNode> again = as("sam").postForEntity("/api/invoices/" + samsInvoice + "/holds",
                hold("Another", "2026-03-22"), JsonNode.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(as("sam").exchange("/api/invoices/" + samsInvoice + "/holds", HttpMethod.DELETE, null, Void.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(as("colette").getForObject("/api/invoices/" + samsInvoice, JsonNode.class).get("hold").isNull()).isTrue();
        assertThat(as("sam").exchange("/api/invoices/" + samsInvoice + "/holds", HttpMethod.DELETE, null, JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(runtime.getVariable(instanceOf(samsInvoice).getId(), "dunningHoldReason"))
                .as("the hold stays in the history").isEqualTo("Negotiating a payment plan");
    }

    @Test
    void aSalespersonCannotHoldAnotherSalespersonsCustomer_norCanAnAuditor() {
        ResponseEntity<JsonNode> foreign = as("sam").postForEntity("/api/invoices/" + sophiesInvoice + "/holds",
                hold("Mine now", "2026-03-20"), JsonNode.class);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> auditor = as("audrey").postForEntity("/api/invoices/" + sophiesInvoice + "/holds",
                hold("Audit", "2026-03-20"), JsonNode.class);
        assertThat(auditor.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(as("colette").getForObject("/api/invoices/" + sophiesInvoice, JsonNode.class).get("hold").isNull()).isTrue();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(sophiesInvoice)
                .activityIdIn("Gateway_HoldEnd").count()).isZero();
    }

    @Test
    void badHolds_are400NamingTheField_andHoldNothing() {
        ResponseEntity<JsonNode> tooLong = as("sam").postForEntity("/api/invoices/" + samsInvoice + "/holds",
                hold(" ", "2026-05-02"), JsonNode.class);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(tooLong)).containsExactly("reason", "until");
        assertThat(tooLong.getBody().get("errors").get(1).get("message").asText()).contains("at most 30 days");

        ResponseEntity<JsonNode> notADate = as("sam").postForEntity("/api/invoices/" + samsInvoice + "/holds",
                hold("Fine", "next week"), JsonNode.class);
        assertThat(notADate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(notADate)).containsExactly("until");

        assertThat(as("colette").getForObject("/api/invoices/" + samsInvoice, JsonNode.class).get("hold").isNull()).isTrue();
    }

    @Test
    void aCollectorHoldsEveryOpenInvoiceOfACustomer() {
        String second = Invoices.nextNumber();
        InvoiceIntake first = Invoices.french(samsInvoice, "sme", "sam", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));
        registration.register(new InvoiceIntake(second, first.customerNumber(), first.customerName(), first.customerEmail(),
                first.customerPhone(), "fr", "FR", "sme", "sam", LocalDate.of(2026, 3, 5), LocalDate.of(2026, 4, 4),
                first.currency(), new BigDecimal("99.00"), new BigDecimal("99.00"), null, null, null, null, null, null));

        ResponseEntity<JsonNode> held = as("colette").postForEntity("/api/customers/" + first.customerNumber() + "/holds",
                hold("Customer in conciliation proceedings", "2026-03-30"), JsonNode.class);

        assertThat(held.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> numbers = new ArrayList<>();
        held.getBody().get("held").forEach(n -> numbers.add(n.asText()));
        assertThat(numbers).containsExactlyInAnyOrder(samsInvoice, second);
        assertThat(as("colette").postForEntity("/api/customers/NOPE/holds", hold("x", "2026-03-30"), JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    private static List<String> fields(ResponseEntity<JsonNode> response) {
        List<String> fields = new ArrayList<>();
        response.getBody().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
