package com.relance.banking;

import static com.relance.banking.CamtFiles.invoice;
import static com.relance.banking.CamtFiles.nextNumber;
import static com.relance.banking.CamtFiles.uniqueAmount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.relance.DunningTestSupport;
import com.relance.invoice.InvoiceRegistration;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.invoice.PaymentRepository;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path through {@code bank-line-review}: a credit nobody could match (an amount two open
 * invoices of one customer share) reaches accounting; the reviewer posts it to the invoice of
 * their choice, or closes it as not ours, or chooses an invoice that cannot take it and is asked
 * again. Together the tests pass every element of the model.
 */
class BankLineReviewProcessTest extends DunningTestSupport {

    private static final Set<String> STARTED = new HashSet<>();

    @Autowired
    BankStatementImport bankStatements;
    @Autowired
    InvoiceRegistration registration;
    @Autowired
    InvoiceRepository invoices;
    @Autowired
    PaymentRepository payments;
    @Autowired
    BankStatementLineRepository lines;
    @Autowired
    TaskService tasks;
    @Autowired
    IdentityService identity;

    private String first;
    private String second;
    private String amount;

    @BeforeEach
    void twoInvoicesOfOneAmount() {
        at(LocalDate.of(2026, 4, 20), LocalTime.of(15, 0), PARIS);
        first = nextNumber();
        second = nextNumber();
        amount = uniqueAmount();
        String customer = "C-" + first;
        registration.register(invoice(first, customer, amount, "EUR", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
        registration.register(invoice(second, customer, amount, "EUR", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));
    }

    @AfterEach
    void nobodyLoggedIn() {
        identity.clearAuthentication();
    }

    private ProcessInstance unmatchedCredit() {
        String xml = CamtFiles.read("camt053-v08-review.xml", Map.of("STMT", CamtFiles.statementId(), "AMOUNT_X",
                uniqueAmount(), "AMOUNT_D", amount, "NAME_D", "Client C-" + first, "E", "none", "AMOUNT_Y", uniqueAmount(),
                "D1", first, "D2", second));
        BankStatementImport.Summary summary = bankStatements.importStatement(xml.getBytes(StandardCharsets.UTF_8), "colette");
        String id = summary.lines().get(1).reviewProcessInstanceId();
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        STARTED.add(id);
        assertThat(instance).isWaitingAt("Task_ReviewBankLine");
        assertThat(task(instance)).hasCandidateGroup("accounting");
        return instance;
    }

    @Test
    void reviewerPostsToTheChosenInvoice_whichIsPaid_andTheLineIsPosted() {
        ProcessInstance instance = unmatchedCredit();
        identity.setAuthentication("colette", List.of("accounting"));

        tasks.complete(task(instance).getId(), Map.of("decision", "post", "chosenInvoice", second));

        assertThat(instance).isEnded().hasPassed("Task_PostBankLinePayment", "End_PaymentPosted")
                .hasNotPassed("Task_CloseBankLine");
        assertThat(invoices.findByNumber(second).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(invoices.findByNumber(first).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(payments.findByInvoiceOrderByPaidOnAscIdAsc(invoices.findByNumber(second).orElseThrow()))
                .singleElement().satisfies(p -> assertThat(p.getRecordedBy()).isEqualTo("colette"));
        BankStatementLine line = line(instance);
        assertThat(line.getStatus()).isEqualTo(BankStatementLine.Status.POSTED);
        assertThat(line.getMatchedBy()).isEqualTo("REVIEW");
        assertThat(line.getInvoiceNumbers()).isEqualTo(second);
        assertThat(line.getResolvedBy()).isEqualTo("colette");
    }

    @Test
    void reviewerClosesItAsNotOurs_nothingIsPosted() {
        ProcessInstance instance = unmatchedCredit();
        long paymentsBefore = payments.count();
        identity.setAuthentication("colette", List.of("accounting"));

        tasks.complete(task(instance).getId(), Map.of("decision", "notOurs"));

        assertThat(instance).isEnded().hasPassed("Task_CloseBankLine", "End_NotOurs").hasNotPassed("Task_PostBankLinePayment");
        assertThat(payments.count()).isEqualTo(paymentsBefore);
        assertThat(line(instance).getStatus()).isEqualTo(BankStatementLine.Status.NOT_OURS);
        assertThat(line(instance).getResolvedBy()).isEqualTo("colette");
    }

    @Test
    void anInvoiceThatCannotTakeThePayment_bringsTheTaskBack_withTheReason_thenAnotherChoicePosts() {
        ProcessInstance instance = unmatchedCredit();
        String pounds = nextNumber();
        registration.register(invoice(pounds, "C-" + pounds, amount, "GBP", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)));

        // Another invoice number typed in wins over the list: here one that does not exist.
        tasks.complete(task(instance).getId(), Map.of("decision", "post", "chosenInvoice", first, "otherInvoice", "NOPE-1"));
        assertThat(instance).isWaitingAt("Task_ReviewBankLine").hasPassed("Error_ChoiceNotPayableCaught");
        assertThat(runtime.getVariable(instance.getId(), "reviewProblem")).isEqualTo("no invoice NOPE-1");
        assertThat(invoices.findByNumber(first).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.OPEN);

        // An invoice in pounds for a credit in euros: asked again.
        tasks.complete(task(instance).getId(), Map.of("decision", "post", "chosenInvoice", first, "otherInvoice", pounds));
        assertThat(instance).isWaitingAt("Task_ReviewBankLine");
        assertThat((String) runtime.getVariable(instance.getId(), "reviewProblem")).contains("GBP", "EUR");
        assertThat(line(instance).getStatus()).isEqualTo(BankStatementLine.Status.IN_REVIEW);

        tasks.complete(task(instance).getId(), Map.of("decision", "post", "chosenInvoice", first, "otherInvoice", ""));
        assertThat(instance).isEnded().hasPassed("End_PaymentPosted");
        assertThat(invoices.findByNumber(first).orElseThrow().getStatus()).isEqualTo(InvoiceStatus.PAID);
        assertThat(line(instance).getResolvedBy()).as("no engine user: the process's own name").isEqualTo("accounting");
    }

    private BankStatementLine line(ProcessInstance instance) {
        long id = Long.parseLong(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(instance.getId()).variableName("bankLineId").singleResult().getValue().toString());
        return lines.findById(id).orElseThrow();
    }

    @AfterAll
    static void everyFlowNodeOfTheModelWasPassed() {
        assertThat(flowNodesNotPassed(BankStatementImport.PROCESS_KEY, STARTED)).as("elements of bank-line-review no test passes").isEmpty();
    }
}
