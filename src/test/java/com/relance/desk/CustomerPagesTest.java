package com.relance.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.relance.DunningTestSupport;
import com.relance.Invoices;
import com.relance.PageSession;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.CustomerRepository;
import com.relance.invoice.InvoiceRegistration;
import com.relance.portal.CustomerAnswer;
import com.relance.portal.CustomerAnswerRepository;
import com.relance.invoice.InvoiceRepository;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Comment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer pages over HTTP with a login session: a salesperson sees and acts on their own
 * customers only; the forms need the CSRF token; the actions go through the same services as the
 * API (a hold is the process's hold, a dispute a customer answer, a comment the engine's).
 */
class CustomerPagesTest extends DunningTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    CustomerRepository customers;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    CustomerAnswerRepository answers;
    @Autowired
    TaskService tasks;
    @Autowired
    TransactionTemplate transaction;

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

    private PageSession as(String user) {
        return PageSession.logIn(port, user, user + "-test");
    }

    private String samsCustomer() {
        return "/customers/C-" + samsInvoice;
    }

    @Test
    void aSalespersonSeesTheirCustomersOnly_andIsRefusedAnothersCustomerAndInvoice() {
        PageSession sam = as("sam");
        HttpResponse<String> list = sam.get("/customers");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Your customers", "C-" + samsInvoice, "1,250.00 EUR").doesNotContain("C-" + sophiesInvoice);

        HttpResponse<String> own = sam.get(samsCustomer());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Client " + samsInvoice, samsInvoice, "Hold dunning", "name=\"_csrf\"")
                .contains("href=\"/invoices/" + samsInvoice + "\"");
        // The next step, as the calendar has it: the pre-due reminder five days before the due date, Thursday 26 March.
        assertThat(own.body()).contains("2026-03-26 09:00 · Send the pre-due reminder (Relance (automatic))");

        HttpResponse<String> others = sam.get("/customers/C-" + sophiesInvoice);
        assertThat(others.statusCode()).isEqualTo(403);
        assertThat(others.body()).doesNotContain(sophiesInvoice).contains("Not allowed");
        assertThat(sam.get("/invoices/" + sophiesInvoice).statusCode()).isEqualTo(403);
        assertThat(sam.get("/invoices/" + samsInvoice).statusCode()).isEqualTo(200);
        // Acting on it is refused too, whichever customer the form claims.
        assertThat(sam.postFrom(samsCustomer(), "/customers/C-" + sophiesInvoice + "/invoices/" + sophiesInvoice + "/hold",
                Map.of("reason", "mine now", "until", "2026-03-20")).statusCode()).isEqualTo(403);
        assertThat(sam.postFrom(samsCustomer(), "/customers/C-" + samsInvoice + "/invoices/" + sophiesInvoice + "/hold",
                Map.of("reason", "mine now", "until", "2026-03-20")).statusCode()).isEqualTo(403);
        assertThat(runtime.getVariable(instanceOf(sophiesInvoice).getId(), ProcessVariables.HOLD_UNTIL_DATE)).isNull();
        assertThat(sam.get("/customers/NO-SUCH-CUSTOMER").statusCode()).isEqualTo(404);

        // Accounting sees every customer.
        PageSession colette = as("colette");
        assertThat(colette.get("/customers/C-" + sophiesInvoice).statusCode()).isEqualTo(200);
        assertThat(colette.get("/customers").body()).contains("C-" + samsInvoice, "C-" + sophiesInvoice);
    }

    @Test
    void theFormsNeedTheCsrfToken_andActThroughTheSameServicesAsTheApi() {
        PageSession sam = as("sam");
        String action = samsCustomer() + "/invoices/" + samsInvoice;
        String pid = instanceOf(samsInvoice).getId();

        // Without the page's token: refused, nothing held.
        assertThat(sam.post(action + "/hold", Map.of("reason", "Negotiating", "until", "2026-03-20")).statusCode())
                .isEqualTo(403);
        assertThat(runtime.getVariable(pid, ProcessVariables.HOLD_UNTIL_DATE)).isNull();

        // Bad input comes back on the page, named.
        HttpResponse<String> blank = sam.postFrom(samsCustomer(), action + "/hold", Map.of("reason", " ", "until", "2026-03-20"));
        assertThat(blank.statusCode()).isEqualTo(302);
        assertThat(sam.get(samsCustomer()).body()).contains("reason: must not be blank");
        assertThat(runtime.getVariable(pid, ProcessVariables.HOLD_UNTIL_DATE)).isNull();

        HttpResponse<String> held = sam.postFrom(samsCustomer(), action + "/hold",
                Map.of("reason", "Negotiating a payment plan", "until", "2026-03-20"));
        assertThat(held.statusCode()).isEqualTo(302);
        assertThat(held.headers().firstValue("Location").orElseThrow()).endsWith(samsCustomer() + "#invoice-" + samsInvoice);
        assertThat(runtime.getVariable(pid, ProcessVariables.HOLD_REASON)).isEqualTo("Negotiating a payment plan");
        assertThat(runtime.getVariable(pid, ProcessVariables.HOLD_PLACED_BY)).isEqualTo("sam");
        String page = sam.get(samsCustomer()).body();
        assertThat(page).contains("is on hold", "resumes 2026-03-21: Negotiating a payment plan (sam)", "Lift the hold");

        sam.postFrom(samsCustomer(), action + "/comment", Map.of("comment", "Customer asks for <b>two</b> instalments"));
        Comment comment = tasks.getProcessInstanceComments(pid).get(0);
        assertThat(comment.getFullMessage()).isEqualTo("Customer asks for <b>two</b> instalments");
        assertThat(comment.getUserId()).isEqualTo("sam");
        assertThat(sam.get(samsCustomer()).body()).contains("Customer asks for &lt;b&gt;two&lt;/b&gt; instalments")
                .doesNotContain("<b>two</b>");

        sam.postFrom(samsCustomer(), action + "/lift", Map.of());
        assertThat(runtime.getVariable(pid, ProcessVariables.HOLD_UNTIL_DATE)).isNull();

        sam.postFrom(samsCustomer(), action + "/dispute", Map.of("reason", "Two boxes damaged"));
        CustomerAnswer dispute = transaction.execute(s -> answers.findByInvoiceOrderByAnsweredAtAsc(
                invoices.findByNumber(samsInvoice).orElseThrow()).get(0));
        assertThat(dispute.getKind()).isEqualTo(CustomerAnswer.Kind.DISPUTE);
        assertThat(dispute.getReason()).isEqualTo("Two boxes damaged");
        assertThat(dispute.getAnsweredBy()).isEqualTo("sam");
        assertThat(sam.get(samsCustomer()).body()).contains("Two boxes damaged (2026-03-02, sam)");
    }

    @Test
    void namesAreEscaped_andTheDeskHomeNeedsALogin() {
        transaction.executeWithoutResult(s -> customers.findByNumber("C-" + samsInvoice).orElseThrow()
                .setName("<script>alert(1)</script> SARL"));
        PageSession sam = as("sam");
        assertThat(sam.get(samsCustomer()).body()).contains("&lt;script&gt;alert(1)&lt;/script&gt; SARL")
                .doesNotContain("<script>alert");
        assertThat(sam.get("/customers").body()).doesNotContain("<script>alert");

        HttpResponse<String> home = sam.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Credit desk", "href=\"/calendar\"", "href=\"/customers\"", "href=\"/dashboards\"",
                "href=\"/what-if\"", "/camunda/app/tasklist/").doesNotContain("href=\"/audit\"");
        assertThat(as("colette").get("/").body()).contains("href=\"/audit\"");
        HttpResponse<String> anonymous = PageSessionAnonymous.get(port, "/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    /** A request without a session. */
    static final class PageSessionAnonymous {
        static HttpResponse<String> get(int port, String path) {
            try {
                return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
