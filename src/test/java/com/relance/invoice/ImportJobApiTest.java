package com.relance.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The CSV imports as background jobs: 202 and a job to follow, the summary or every bad line, all or nothing. */
class ImportJobApiTest extends DunningTestSupport {

    private static final String HEADER = "invoice_number,customer_number,customer_name,customer_email,customer_phone,"
            + "customer_language,customer_country,customer_segment,sales_rep,issue_date,due_date,currency,amount,open_amount\r\n";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRepository invoices;

    @BeforeEach
    void today() {
        at(LocalDate.of(2026, 2, 2), LocalTime.of(10, 0), PARIS);
    }

    private TestRestTemplate colette() {
        return rest.withBasicAuth("colette", "colette-test");
    }

    @Test
    void aGoodFileEndsWithItsSummary_aBadOneWithEveryBadLineAndNothingStored() throws Exception {
        String a = Invoices.nextNumber();
        String b = Invoices.nextNumber();
        ResponseEntity<JsonNode> started = post("/api/invoices/import/jobs", HEADER + line(a, "2026-03-15", "100.00")
                + line(b, "2026-03-16", "200.00"));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode done = finished(started.getHeaders().getLocation().getPath());
        assertThat(done.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/result/created").intValue()).isEqualTo(2);
        assertThat(invoices.findByNumber(a)).isPresent();

        String c = Invoices.nextNumber();
        String d = Invoices.nextNumber();
        JsonNode refused = finished(post("/api/invoices/import/jobs", HEADER + line(c, "2026-03-15", "100.00")
                + line(d, "not-a-date", "200.00")).getHeaders().getLocation().getPath());
        assertThat(refused.get("state").asText()).isEqualTo("FAILED");
        assertThat(refused.get("error").asText()).contains("nothing was stored");
        assertThat(refused.at("/result/0/line").intValue()).isEqualTo(3);
        assertThat(refused.at("/result/0/column").asText()).isEqualTo("due_date");
        assertThat(invoices.findByNumber(c)).as("all or nothing").isEmpty();

        assertThat(rest.withBasicAuth("sam", "sam-test").exchange("/api/invoices/import/jobs",
                org.springframework.http.HttpMethod.POST, csv(HEADER), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void aPaymentFileRunsAsAJobToo() throws Exception {
        String a = Invoices.nextNumber();
        finished(post("/api/invoices/import/jobs", HEADER + line(a, "2026-03-15", "100.00")).getHeaders().getLocation().getPath());
        JsonNode paid = finished(post("/api/payments/import/jobs", "invoice_number,amount,currency,paid_on,reference\r\n"
                + a + ",100.00,EUR,2026-02-01,JOB-1\r\n").getHeaders().getLocation().getPath());
        assertThat(paid.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(paid.at("/result/recorded").intValue()).isEqualTo(1);
        assertThat(invoices.findByNumber(a).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
    }

    private ResponseEntity<JsonNode> post(String path, String content) {
        return colette().exchange(path, org.springframework.http.HttpMethod.POST, csv(content), JsonNode.class);
    }

    private static HttpEntity<String> csv(String content) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("text/csv"));
        return new HttpEntity<>(content, headers);
    }

    private JsonNode finished(String path) throws InterruptedException {
        // The import runs on a worker thread: poll the job (bounded), as a client would.
        for (int i = 0; i < 300; i++) {
            JsonNode job = colette().getForObject(path, JsonNode.class);
            if (job.get("state").asText().equals("SUCCEEDED") || job.get("state").asText().equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job did not finish in 30 s");
    }

    private static String line(String number, String due, String amount) {
        return String.join(",", number, "C-" + number, "Job SARL", "job@import.test", "+33 1 00 00 00 00", "fr", "FR", "sme",
                "sam", "2026-01-15", due, "EUR", amount, amount) + "\r\n";
    }
}
