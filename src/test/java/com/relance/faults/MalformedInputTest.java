package com.relance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.invoice.InvoiceRegistration;
import com.relance.portal.PortalLinks;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Malformed input at every door (JSON intake, CSV imports, payments, portal links, holds): each is
 * refused with the right status, the API ones as application/problem+json naming the bad field or
 * line, and nothing at all is written.
 */
class MalformedInputTest extends DunningTestSupport {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String INVOICE_HEADER = "invoice_number,customer_number,customer_name,customer_email,"
            + "customer_phone,customer_language,customer_country,customer_segment,sales_rep,issue_date,due_date,currency,"
            + "amount,open_amount\r\n";
    private static final String PAYMENT_HEADER = "invoice_number,amount,currency,paid_on,reference\r\n";
    private static final List<String> TABLES = List.of("invoice", "customer", "payment", "communication",
            "customer_answer");

    /** An open GBP 980.50 invoice of salesperson sam, registered once for the cases that need one. */
    private static String existing;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    PortalLinks links;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper objectMapper;

    /** A request and what must come back. {@code named}: the field, or "line:column" of an import, the problem names. */
    record Case(String name, Request request, HttpStatus status, String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Request {
        ResponseEntity<String> send(MalformedInputTest test);
    }

    @BeforeEach
    void anOpenInvoice() {
        at(LocalDate.of(2026, 4, 20), LocalTime.of(10, 0), LONDON);
        if (existing == null) {
            String number = Invoices.nextNumber();
            registration.register(Invoices.british(number, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
            existing = number;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedInput_isRefused_namingWhatIsWrong_andWritesNothing(Case c) throws Exception {
        Map<String, Long> before = counts();

        ResponseEntity<String> response = c.request().send(this);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(c.status());
        if (c.named() != null) {
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            JsonNode problem = objectMapper.readTree(response.getBody());
            assertThat(named(problem)).as(response.getBody()).contains(c.named());
        } else if (c.status() == HttpStatus.FORBIDDEN) {
            assertThat(response.getBody()).contains("This link is not valid");
        } else {
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(counts()).isEqualTo(before);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // --- JSON intake -------------------------------------------------------------------
                intake("missing invoice number", j -> j.remove("invoiceNumber"), "invoiceNumber"),
                intake("missing amount", j -> j.remove("amount"), "amount"),
                intake("amount of the wrong type", j -> j.put("amount", "ten"), "amount"),
                intake("amount as an object", j -> j.put("amount", Map.of("value", 1)), "amount"),
                intake("negative amount", j -> j.put("amount", -5), "amount"),
                intake("negative open amount", j -> j.put("openAmount", -1), "openAmount"),
                intake("more decimals than the currency has", j -> j.put("amount", 10.001), "amount"),
                intake("impossible issue date", j -> j.put("issueDate", "2026-02-30"), "issueDate"),
                intake("due date not ISO", j -> j.put("dueDate", "31/03/2026"), "dueDate"),
                intake("unknown field", j -> j.put("colour", "red"), "colour"),
                intake("invalid currency", j -> j.put("currency", "XYZ"), "currency"),
                intake("open more than the amount", j -> j.put("openAmount", 200), "openAmount"),
                intake("unknown language", j -> j.put("customerLanguage", "xx"), "customerLanguage"),
                intake("unknown country", j -> j.put("customerCountry", "ZZ"), "customerCountry"),
                intake("bad email", j -> j.put("customerEmail", "billing@"), "customerEmail"),
                intake("invoice number too long", j -> j.put("invoiceNumber", "N".repeat(65)), "invoiceNumber"),
                intake("invoice number with a space", j -> j.put("invoiceNumber", "INV 1"), "invoiceNumber"),
                intake("blank customer name", j -> j.put("customerName", "  "), "customerName"),
                new Case("body not JSON", t -> t.post("colette", "/api/invoices", "{\"invoiceNumber\": ",
                        MediaType.APPLICATION_JSON), HttpStatus.BAD_REQUEST, ""),
                // --- invoice CSV import ------------------------------------------------------------
                invoiceCsv("CSV without the open_amount column", INVOICE_HEADER.replace(",open_amount", "")
                        + "x\r\n", "1:null"),
                invoiceCsv("CSV with a bad date on line 3", INVOICE_HEADER + csvLine("2026-03-31", "10.00")
                        + csvLine("2026-02-30", "10.00"), "3:due_date"),
                invoiceCsv("CSV with a broken quoted field", INVOICE_HEADER + csvLine("2026-03-31", "10.00")
                        .replace("Broken SA", "\"Broken SA"), null),
                invoiceCsv("CSV with too few cells", INVOICE_HEADER + "only,three,cells\r\n", "2:null"),
                invoiceCsv("empty CSV", "", null),
                invoiceCsv("CSV with only its header", INVOICE_HEADER, "2:null"),
                invoiceCsv("CSV with a BOM and a decimal comma", "\uFEFF" + INVOICE_HEADER
                        + csvLine("2026-03-31", "\"1.000,00\""), "2:amount"),
                // --- payments ----------------------------------------------------------------------
                new Case("payment for an unknown invoice", t -> t.postJson("colette", "/api/invoices/NOPE-"
                        + existing + "/payments", payment("10.00", "GBP", "2026-04-19")), HttpStatus.NOT_FOUND, null),
                payment("payment in another currency", "10.00", "EUR", "2026-04-19", "currency"),
                payment("zero payment", "0", "GBP", "2026-04-19", "amount"),
                payment("payment in the future", "10.00", "GBP", "2026-05-19", "paidOn"),
                paymentCsv("payment file with one bad line", t -> PAYMENT_HEADER
                        + String.join(",", existing, "10.00", "GBP", "2026-04-18", "GOOD-1") + "\r\n"
                        + String.join(",", existing, "ten", "GBP", "2026-04-18", "BAD-1") + "\r\n", "3:amount"),
                paymentCsv("payment file naming an unknown invoice", t -> PAYMENT_HEADER
                        + String.join(",", "NOPE-" + existing, "10.00", "GBP", "2026-04-18", "LOST-1") + "\r\n",
                        "2:invoice_number"),
                // --- portal links ------------------------------------------------------------------
                portal("garbage portal token", t -> "garbage"),
                portal("truncated portal token", t -> t.token().substring(0, t.token().length() - 12)),
                portal("portal token cut at its dot", t -> t.token().substring(0, t.token().indexOf('.') + 1)),
                portal("oversized portal token", t -> t.token() + "A".repeat(700)),
                // --- holds -------------------------------------------------------------------------
                hold("hold ending in the past", "Waiting for the PO", "2026-04-01", "until"),
                hold("hold beyond the cap", "Waiting for the PO", "2026-07-20", "until"),
                hold("hold without a reason", null, "2026-04-25", "reason"),
                new Case("hold on an unknown invoice", t -> t.postJson("sam", "/api/invoices/NOPE-" + existing + "/holds",
                        holdBody("Waiting", "2026-04-25")), HttpStatus.NOT_FOUND, null));
    }

    // --- the cases' requests -----------------------------------------------------------------------

    private static Case intake(String name, Consumer<Map<String, Object>> spoil, String field) {
        return new Case(name, t -> {
            Map<String, Object> json = invoiceJson(Invoices.nextNumber());
            spoil.accept(json);
            return t.postJson("colette", "/api/invoices", json);
        }, HttpStatus.BAD_REQUEST, field);
    }

    private static Map<String, Object> invoiceJson(String number) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("invoiceNumber", number);
        json.put("customerNumber", "C-" + number);
        json.put("customerName", "Malformed Ltd");
        json.put("customerEmail", "ap-" + number.toLowerCase() + "@malformed.test");
        json.put("customerPhone", "+44 20 7946 0000");
        json.put("customerLanguage", "en");
        json.put("customerCountry", "GB");
        json.put("customerSegment", "sme");
        json.put("salesRep", "sam");
        json.put("issueDate", "2026-03-01");
        json.put("dueDate", "2026-03-31");
        json.put("currency", "GBP");
        json.put("amount", 100.00);
        json.put("openAmount", 100.00);
        return json;
    }

    private static String csvLine(String due, String amount) {
        String number = Invoices.nextNumber();
        return String.join(",", number, "C-" + number, "Broken SA", "compta@broken.test", "+33 1 00 00 00 00", "fr",
                "FR", "sme", "sam", "2026-01-15", due, "EUR", amount, "10.00") + "\r\n";
    }

    private static Case invoiceCsv(String name, String csv, String lineColumn) {
        return new Case(name, t -> t.post("colette", "/api/invoices/import", csv, csvType()), HttpStatus.BAD_REQUEST,
                lineColumn);
    }

    private static Map<String, Object> payment(String amount, String currency, String paidOn) {
        return Map.of("amount", new java.math.BigDecimal(amount), "currency", currency, "paidOn", paidOn,
                "reference", "REF-" + Invoices.nextNumber());
    }

    private static Case payment(String name, String amount, String currency, String paidOn, String field) {
        return new Case(name, t -> t.postJson("colette", "/api/invoices/" + existing + "/payments",
                payment(amount, currency, paidOn)), HttpStatus.BAD_REQUEST, field);
    }

    private static Case paymentCsv(String name, java.util.function.Function<MalformedInputTest, String> csv,
                                   String lineColumn) {
        return new Case(name, t -> t.post("colette", "/api/payments/import", csv.apply(t), csvType()),
                HttpStatus.BAD_REQUEST, lineColumn);
    }

    private static Case portal(String name, java.util.function.Function<MalformedInputTest, String> token) {
        // Page views only: they cost a tenth of an answer in the portal's per-address rate limit.
        return new Case(name, t -> t.rest.getForEntity("/portal/" + token.apply(t), String.class), HttpStatus.FORBIDDEN,
                null);
    }

    private static Map<String, Object> holdBody(String reason, String until) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("until", until);
        return body;
    }

    private static Case hold(String name, String reason, String until, String field) {
        return new Case(name, t -> t.postJson("sam", "/api/invoices/" + existing + "/holds", holdBody(reason, until)),
                HttpStatus.BAD_REQUEST, field);
    }

    private static MediaType csvType() {
        return new MediaType("text", "csv", StandardCharsets.UTF_8);
    }

    private String token() {
        String link = links.linkFor(existing, "C-" + existing);
        return link.substring(link.indexOf("/portal/") + "/portal/".length());
    }

    private ResponseEntity<String> postJson(String user, String path, Object body) {
        try {
            return post(user, path, objectMapper.writeValueAsString(body), MediaType.APPLICATION_JSON);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> post(String user, String path, String body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        return rest.withBasicAuth(user, user + "-test").exchange(path, HttpMethod.POST,
                new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), headers), String.class);
    }

    /** The fields ("amount") and import lines ("3:due_date", "1:null") a problem names. */
    private static List<String> named(JsonNode problem) {
        List<String> named = new ArrayList<>();
        problem.path("errors").forEach(e -> named.add(e.has("line")
                ? e.get("line").asInt() + ":" + (e.get("column").isNull() ? "null" : e.get("column").asText())
                : e.get("field").asText()));
        return named;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        TABLES.forEach(table -> counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class)));
        counts.put("process instances", runtime.createProcessInstanceQuery().count());
        counts.put("process variables", runtime.createVariableInstanceQuery().count());
        counts.put("jobs", management.createJobQuery().count());
        return counts;
    }
}
