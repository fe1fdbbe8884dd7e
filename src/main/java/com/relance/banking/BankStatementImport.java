package com.relance.banking;

import com.relance.invoice.ImportRejectedException;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoicePayments;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.LineError;
import com.relance.invoice.PaymentRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * Imports a camt.053 statement (or camt.054 notification): each booked credit is matched
 * ({@link BankLineMatcher}) and posted as a payment exactly like one from the API or the CSV
 * import (a full payment ends the dunning, a partial one continues it, an excess is recorded as
 * overpaid), or handed to accounting in a {@code bank-line-review} process with its candidates.
 * All in one transaction: a statement is imported whole or not at all.
 *
 * <p>Each credit is imported once, by its idempotency key: the account's IBAN and the bank's own
 * reference for the entry ({@code AcctSvcrRef}, unique per account, so the same credit in a
 * camt.054 and in the next camt.053 is one), else the statement's id with the entry's
 * {@code NtryRef} or position; plus the transaction's position in a batch booking. The key is also
 * the payment's reference.
 */
@Service
public class BankStatementImport {

    static final String PROCESS_KEY = "bank-line-review";

    public enum Outcome { POSTED, IN_REVIEW, ALREADY_IMPORTED }

    /**
     * What became of one credit. {@code invoiceNumbers}: those paid (POSTED); {@code candidates}:
     * those offered to accounting (IN_REVIEW).
     */
    public record LineResult(String statementId, int entry, int transaction, String key, BigDecimal amount,
                             String currency, LocalDate bookingDate, String debtorName, Outcome outcome,
                             String matchedBy, List<String> invoiceNumbers, boolean settled, String reviewReason,
                             List<String> candidates, String reviewProcessInstanceId) {
    }

    /** {@code skipped}: debits, reversals and entries not booked, which are no payment to post. */
    public record Summary(List<String> statements, int credits, int posted, int inReview, int alreadyImported,
                          int skipped, int invoicesSettled, String message, List<LineResult> lines) {
    }

    private final CamtReader reader = new CamtReader();
    private final BankLineMatcher matcher;
    private final BankStatementLineRepository lines;
    private final InvoicePayments payments;
    private final InvoiceRepository invoices;
    private final RuntimeService runtime;
    private final Clock clock;

    BankStatementImport(BankLineMatcher matcher, BankStatementLineRepository lines, InvoicePayments payments,
                        InvoiceRepository invoices, RuntimeService runtime, Clock clock) {
        this.matcher = matcher;
        this.lines = lines;
        this.payments = payments;
        this.invoices = invoices;
        this.runtime = runtime;
        this.clock = clock;
    }

    public Summary importStatement(byte[] xml, String importedBy) {
        List<CamtReader.Statement> statements = reader.read(xml);
        refuseFutureBookings(statements);
        try {
            return payments.inOneTransaction(() -> importAll(statements, importedBy));
        } catch (DataIntegrityViolationException raced) {
            // The same statement imported at the same moment by someone else: its lines are known now.
            return payments.inOneTransaction(() -> importAll(statements, importedBy));
        }
    }

    private void refuseFutureBookings(List<CamtReader.Statement> statements) {
        LocalDate tomorrow = LocalDate.now(clock).plusDays(1);
        List<LineError> errors = new ArrayList<>();
        for (CamtReader.Statement s : statements) {
            for (CamtReader.Credit c : s.credits()) {
                if (c.bookingDate().isAfter(tomorrow)) {
                    errors.add(new LineError(c.line(), "Ntry[" + c.entry() + "]/BookgDt", "booked in the future: "
                            + c.bookingDate()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
    }

    private Summary importAll(List<CamtReader.Statement> statements, String importedBy) {
        List<LineResult> results = new ArrayList<>();
        int posted = 0, review = 0, already = 0, settled = 0, skipped = 0;
        for (CamtReader.Statement statement : statements) {
            skipped += statement.skipped();
            for (CamtReader.Credit credit : statement.credits()) {
                LineResult result = importCredit(statement, credit, importedBy);
                results.add(result);
                switch (result.outcome()) {
                    case POSTED -> posted++;
                    case IN_REVIEW -> review++;
                    case ALREADY_IMPORTED -> already++;
                }
                settled += result.settled() ? 1 : 0;
            }
        }
        String message = !results.isEmpty() && already == results.size()
                ? "already imported: every credit of this statement was imported before, nothing was posted again"
                : null;
        return new Summary(statements.stream().map(CamtReader.Statement::id).toList(), results.size(), posted, review,
                already, skipped, settled, message, List.copyOf(results));
    }

    private LineResult importCredit(CamtReader.Statement statement, CamtReader.Credit credit, String importedBy) {
        String key = keyOf(statement, credit);
        var known = lines.findByIdempotencyKey(key);
        if (known.isPresent()) {
            BankStatementLine line = known.get();
            return result(statement, credit, key, Outcome.ALREADY_IMPORTED, line.getMatchedBy(),
                    line.getInvoiceNumbers() == null ? List.of() : List.of(line.getInvoiceNumbers().split(",")), false,
                    null, List.of(), line.getReviewProcessInstanceId());
        }
        BankStatementLine line = lines.save(new BankStatementLine(key, statement.id(), statement.accountIban(),
                credit.entry(), credit.amount(), credit.currency(), credit.bookingDate(), credit.debtorName(),
                credit.references().isEmpty() ? null : credit.references().get(0), credit.remittanceText(),
                clock.instant(), importedBy));
        BankLineMatcher.Decision decision = matcher.match(credit);
        if (decision instanceof BankLineMatcher.Posting posting) {
            boolean anySettled = false;
            List<String> paid = new ArrayList<>();
            for (BankLineMatcher.Allocation a : posting.allocations()) {
                InvoicePayments.Recorded recorded = payments.recordInTransaction(a.invoice().getNumber(),
                        new PaymentRequest(a.amount(), credit.currency().getCurrencyCode(), credit.bookingDate(), key),
                        importedBy);
                anySettled |= recorded.settled();
                paid.add(a.invoice().getNumber());
            }
            line.posted(posting.by(), String.join(",", paid), clock.instant(), null);
            return result(statement, credit, key, Outcome.POSTED, posting.by(), paid, anySettled, null, List.of(), null);
        }
        BankLineMatcher.Review review = (BankLineMatcher.Review) decision;
        String processInstanceId = startReview(line, credit, review);
        line.inReview(processInstanceId);
        return result(statement, credit, key, Outcome.IN_REVIEW, null, List.of(), false, review.reason(),
                review.candidates().stream().map(Invoice::getNumber).toList(), processInstanceId);
    }

    private static LineResult result(CamtReader.Statement statement, CamtReader.Credit credit, String key, Outcome outcome,
                                     String matchedBy, List<String> invoiceNumbers, boolean settled, String reviewReason,
                                     List<String> candidates, String processInstanceId) {
        return new LineResult(statement.id(), credit.entry(), credit.transaction(), key, credit.amount(),
                credit.currency().getCurrencyCode(), credit.bookingDate(), credit.debtorName(), outcome, matchedBy,
                List.copyOf(invoiceNumbers), settled, reviewReason, List.copyOf(candidates), processInstanceId);
    }

    /** See the class comment. At most 200 characters (the column), well within Payment's 140 once built. */
    static String keyOf(CamtReader.Statement statement, CamtReader.Credit credit) {
        String key = credit.servicerReference() != null && statement.accountIban() != null
                ? "camt:" + statement.accountIban() + ":" + credit.servicerReference() + ":" + credit.transaction()
                : "camt:" + statement.id() + ":" + (credit.entryReference() != null ? credit.entryReference() : "#" + credit.entry())
                        + ":" + credit.transaction();
        return key.length() > 140 ? key.substring(0, 140) : key;
    }

    private String startReview(BankStatementLine line, CamtReader.Credit credit, BankLineMatcher.Review review) {
        Map<String, Object> variables = new HashMap<>();
        String amount = credit.currency().getCurrencyCode() + " " + credit.amount().toPlainString();
        variables.put("bankLineId", line.getId());
        variables.put("bankLineKey", line.getIdempotencyKey());
        variables.put("amount", credit.amount().toPlainString());
        variables.put("currency", credit.currency().getCurrencyCode());
        variables.put("amountDisplay", amount);
        variables.put("bookingDate", credit.bookingDate().toString());
        variables.put("debtorName", credit.debtorName() == null ? "" : credit.debtorName());
        String remittance = String.join(" ", credit.references()) + (credit.remittanceText() == null ? "" : " " + credit.remittanceText());
        variables.put("remittanceInformation", remittance.strip());
        variables.put("reviewReason", review.reason());
        List<Map<String, String>> options = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Invoice i : review.candidates()) {
            String label = i.getNumber() + " · " + i.getCustomer().getName() + " (" + i.getCustomer().getNumber() + ") · "
                    + i.getCurrency() + " " + i.getOutstandingAmount().stripTrailingZeros().toPlainString()
                    + " outstanding · due " + i.getDueDate();
            Map<String, String> option = new LinkedHashMap<>();
            option.put("label", label);
            option.put("value", i.getNumber());
            options.add(option);
            text.append(label).append('\n');
        }
        variables.put("candidateOptions", options);
        variables.put("candidatesText", text.isEmpty() ? "(none found)" : text.toString().strip());
        variables.put("bankLineSummary", amount + (credit.debtorName() == null ? "" : " from " + credit.debtorName())
                + ", booked " + credit.bookingDate() + ": " + review.reason());
        return runtime.startProcessInstanceByKey(PROCESS_KEY, "bank-line-" + line.getId(), variables).getId();
    }

    /** Accounting chose the invoice a line in review pays: posted like any matched credit. */
    public PostedChoice postReviewed(long lineId, String invoiceNumber, String by) {
        BankStatementLine line = lines.findById(lineId).orElseThrow(() -> new IllegalStateException("No bank line " + lineId));
        if (line.getStatus() != BankStatementLine.Status.IN_REVIEW) {
            throw new IllegalStateException("Bank line " + lineId + " is " + line.getStatus() + ", not in review");
        }
        String number = invoiceNumber == null ? "" : invoiceNumber.strip();
        Invoice invoice = invoices.findByNumber(number).orElseThrow(() -> new UnpayableChoice(number.isEmpty()
                ? "no invoice chosen" : "no invoice " + number));
        if (!invoice.getCurrency().equals(line.getCurrency())) {
            throw new UnpayableChoice("invoice " + number + " is in " + invoice.getCurrency() + ", the credit in "
                    + line.getCurrency());
        }
        InvoicePayments.Recorded recorded = payments.recordInTransaction(number, new PaymentRequest(line.getAmount(),
                line.getCurrency().getCurrencyCode(), line.getBookingDate(), line.getIdempotencyKey()), by);
        line.posted("REVIEW", number, clock.instant(), by);
        return new PostedChoice(number, recorded.settled());
    }

    public record PostedChoice(String invoiceNumber, boolean settled) {
    }

    /** Accounting says the credit pays no Relance invoice. */
    public void closeNotOurs(long lineId, String by) {
        BankStatementLine line = lines.findById(lineId).orElseThrow(() -> new IllegalStateException("No bank line " + lineId));
        if (line.getStatus() == BankStatementLine.Status.IN_REVIEW) {
            line.notOurs(clock.instant(), by);
        }
    }

    /** The invoice accounting chose cannot take this payment; they choose again. */
    public static class UnpayableChoice extends RuntimeException {
        public UnpayableChoice(String message) {
            super(message);
        }
    }

}
