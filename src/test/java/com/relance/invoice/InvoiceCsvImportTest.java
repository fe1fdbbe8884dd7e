package com.relance.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.DunningTestSupport;
import com.relance.Invoices;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** ERP open-items import: all or nothing, every bad line named. */
class InvoiceCsvImportTest extends DunningTestSupport {

    private static final String HEADER = "invoice_number,customer_number,customer_name,customer_email,customer_phone,"
            + "customer_language,customer_country,customer_segment,sales_rep,issue_date,due_date,currency,amount,open_amount\r\n";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    InvoiceRepository invoices;

    private TestRestTemplate collector;
    private String a, b, c;

    @BeforeEach
    void numbers() {
        collector = rest.withBasicAuth("colette", "colette-test");
        a = Invoices.nextNumber();
        b = Invoices.nextNumber();
        c = Invoices.nextNumber();
    }

    private String line(String number, String customer, String name, String email, String due, String amount, String open) {
        return String.join(",", number, customer, name, email, "+33 1 00 00 00 00", "fr", "FR", "sme", "sam", "2026-01-15",
                due, "EUR", amount, open) + "\r\n";
    }

    @Test
    void goodFileWithBomAndQuotes_registersEveryInvoice_andStartsTheirProcesses() {
        String csv = "\uFEFF" + HEADER
                + line(a, "C-" + a, "\"Dupont, Fils & Cie\"", "compta@dupont.test", "2026-02-15", "1200.00", "1200.00")
                + line(b, "C-" + a, "\"Dupont, Fils & Cie\"", "compta@dupont.test", "2026-02-28", "300.00", "120.50")
                + line(c, "C-" + c, "\"Le \"\"Petit\"\" Café\"", "cafe@petit.test", "2026-03-10", "45.90", "0.00");

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("created").asInt()).isEqualTo(2);
        assertThat(response.getBody().get("alreadyPaid").asInt()).isEqualTo(1);
        assertThat(invoices.findByNumber(a).orElseThrow().getCustomer().getName()).isEqualTo("Dupont, Fils & Cie");
        assertThat(invoices.findByNumber(c).orElseThrow().getCustomer().getName()).isEqualTo("Le \"Petit\" Café");
        assertThat(invoices.findByNumber(b).orElseThrow().getOutstandingAmount()).isEqualByComparingTo("120.50");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(a).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(b).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(c).count()).isZero();

        // The same export imported again changes nothing and starts nothing.
        ResponseEntity<JsonNode> again = upload(csv);
        assertThat(again.getBody().get("unchanged").asInt()).isEqualTo(3);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(a).count()).isEqualTo(1);
    }

    @Test
    void oneBadLine_rejectsTheWholeFile_listingEveryBadLine() {
        String csv = HEADER
                + line(a, "C-" + a, "Good Line SA", "good@line.test", "2026-02-15", "100.00", "100.00")
                + line(b, "C-" + b, "Bad Date SA", "bad@date.test", "2026-02-30", "100.00", "100.00")
                + line(c, "C-" + c, "Bad Amount SA", "", "2026-02-15", "\"1.000,00\"", "100.00")
                + line(a, "C-" + a, "Good Line SA", "good@line.test", "2026-02-15", "100.00", "100.00")
                + "only,three,cells\r\n";
        long before = invoices.count();

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        List<String> errors = new ArrayList<>();
        response.getBody().get("errors").forEach(e -> errors.add(e.get("line").asInt() + ":" + e.get("column").asText()));
        assertThat(errors).containsExactly("3:due_date", "4:customer_email", "4:amount", "5:invoice_number", "6:null");
        assertThat(invoices.count()).isEqualTo(before);
        assertThat(invoices.findByNumber(a)).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(a).count()).isZero();
    }

    @Test
    void missingColumn_isNamed() {
        String csv = HEADER.replace(",open_amount", "") + "x\r\n";

        ResponseEntity<JsonNode> response = upload(csv);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = response.getBody().get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(1);
        assertThat(error.get("message").asText()).contains("open_amount");
    }

    @Test
    void multipartUpload_works_likeATextCsvBody() {
        String csv = HEADER + line(a, "C-" + a, "Multipart SARL", "mp@part.test", "2026-02-15", "10.00", "10.00");
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "open-items.csv";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        ResponseEntity<JsonNode> response = collector.postForEntity("/api/invoices/import", new HttpEntity<>(parts, headers),
                JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().get("created").asInt()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(a).count()).isEqualTo(1);
    }

    private ResponseEntity<JsonNode> upload(String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
        return collector.postForEntity("/api/invoices/import", new HttpEntity<>(csv.getBytes(StandardCharsets.UTF_8), headers),
                JsonNode.class);
    }
}
