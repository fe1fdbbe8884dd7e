package com.relance.invoice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * Imports payments from a bank or ERP export (RFC 4180, comma, UTF-8 with or without BOM, header
 * row {@code invoice_number, amount, currency, paid_on, reference}). All or nothing, in one
 * transaction: every line is checked first, every bad line is reported, and only a file without
 * any is recorded, line by line through {@link InvoicePayments} like a payment posted to the API.
 */
@Service
public class PaymentCsvImport {

    static final List<String> COLUMNS = List.of("invoice_number", "amount", "currency", "paid_on", "reference");
    /** Plain decimals with a dot, as in the invoice import: no exponent, no thousands separator. */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    /** How the JSON API names a field, as the import's columns name it. */
    private static final Map<String, String> COLUMN_OF_FIELD = Map.of("amount", "amount", "currency", "currency",
            "paidOn", "paid_on", "reference", "reference");

    public enum Outcome {
        RECORDED,
        /** The reference was already recorded for the invoice (the file sent again): not counted twice. */
        ALREADY_RECORDED
    }

    /**
     * One line's result. {@code outstandingAmount} is the invoice's after this line;
     * {@code overpaidAmount} what this line brought beyond it (null when nothing).
     */
    public record LineResult(long line, String invoiceNumber, String reference, BigDecimal amount, String currency,
                             Outcome outcome, boolean settled, BigDecimal outstandingAmount, BigDecimal overpaidAmount) {
    }

    public record Summary(int lines, int recorded, int alreadyRecorded, int invoicesSettled, int overpaid,
                          List<LineResult> results) {
    }

    /** A line as read from the file, before any check against the stored invoices. */
    private record Line(long number, String invoiceNumber, String amount, String currency, String paidOn,
                        String reference) {
    }

    /** A line that passed every check, ready to record. */
    private record Checked(long line, String invoiceNumber, PaymentRequest request) {
    }

    private final InvoicePayments payments;
    private final InvoiceRepository invoices;
    private final PaymentRepository paymentRepository;

    public PaymentCsvImport(InvoicePayments payments, InvoiceRepository invoices, PaymentRepository paymentRepository) {
        this.payments = payments;
        this.invoices = invoices;
        this.paymentRepository = paymentRepository;
    }

    public Summary importCsv(String content, String recordedBy) {
        List<LineError> errors = new ArrayList<>();
        List<Line> lines = read(content, errors);
        if (lines.isEmpty() && errors.isEmpty()) {
            throw new ImportRejectedException(List.of(new LineError(2, null, "the file has no payment lines")));
        }
        // Checked inside the transaction that records, so what was checked is what gets recorded;
        // a rejected file throws before anything is written, and a lost race with a reminder job
        // retries the whole file.
        return payments.inOneTransaction(() -> {
            List<LineError> all = new ArrayList<>(errors);
            List<Checked> checked = check(lines, all);
            if (!all.isEmpty()) {
                all.sort(Comparator.comparingLong(LineError::line));
                throw new ImportRejectedException(all);
            }
            return record(checked, recordedBy);
        });
    }

    /** Parses the file; whole-file and line-shape problems go to {@code errors}. */
    private static List<Line> read(String content, List<LineError> errors) {
        List<Line> lines = new ArrayList<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        try (CSVParser parser = CSVParser.parse(text, InvoiceCsvImport.FORMAT)) {
            List<String> missing = COLUMNS.stream().filter(c -> !parser.getHeaderNames().contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new ImportRejectedException(List.of(new LineError(1, null, "missing column(s): "
                        + String.join(", ", missing))));
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1; // line 1 is the header
                if (!record.isConsistent()) {
                    errors.add(new LineError(line, null, "has " + record.size() + " cells, the header has "
                            + parser.getHeaderNames().size()));
                    continue;
                }
                lines.add(new Line(line, record.get("invoice_number"), record.get("amount"), record.get("currency"),
                        record.get("paid_on"), record.get("reference")));
            }
        } catch (UncheckedIOException | IOException e) {
            // commons-csv reports malformed quoting this way, with the position in the message
            throw new ImportRejectedException(List.of(new LineError(0, null, "not readable as CSV: " + e.getMessage())));
        }
        return lines;
    }

    /** Every check a line can fail, against the stored invoices and the file's other lines. */
    private List<Checked> check(List<Line> lines, List<LineError> errors) {
        List<Checked> checked = new ArrayList<>();
        Map<String, Optional<Invoice>> invoiceCache = new HashMap<>();
        Map<String, Long> firstLineOfPayment = new LinkedHashMap<>();
        for (Line line : lines) {
            List<FieldError> problems = new ArrayList<>();
            Invoice invoice = null;
            if (line.invoiceNumber().isBlank()) {
                problems.add(new FieldError("invoice_number", "must not be blank"));
            } else {
                invoice = invoiceCache.computeIfAbsent(line.invoiceNumber(), invoices::findByNumber).orElse(null);
                if (invoice == null) {
                    problems.add(new FieldError("invoice_number", "no invoice " + line.invoiceNumber()));
                }
            }
            BigDecimal amount = null;
            if (line.amount().isBlank()) {
                problems.add(new FieldError("amount", "must not be blank"));
            } else if (!DECIMAL.matcher(line.amount()).matches()) {
                problems.add(new FieldError("amount", "must be a decimal number with a dot, such as 1250.00, got '"
                        + line.amount() + "'"));
            } else {
                amount = new BigDecimal(line.amount());
            }
            LocalDate paidOn = null;
            if (line.paidOn().isBlank()) {
                problems.add(new FieldError("paid_on", "must not be blank"));
            } else {
                try {
                    paidOn = LocalDate.parse(line.paidOn());
                } catch (DateTimeParseException e) {
                    problems.add(new FieldError("paid_on", "must be an ISO-8601 date (yyyy-mm-dd), got '"
                            + line.paidOn() + "'"));
                }
            }
            if (line.reference().isBlank()) {
                // the reference is what recognises the same payment in the next export
                problems.add(new FieldError("reference", "must not be blank"));
            }
            PaymentRequest request = new PaymentRequest(amount, line.currency().isBlank() ? null : line.currency(), paidOn,
                    line.reference().isBlank() ? null : line.reference());
            // The same rules as the API's; a cell already reported as unreadable is not reported again.
            Set<String> reported = Set.copyOf(problems.stream().map(FieldError::field).toList());
            payments.problems(invoice, request).stream()
                    .map(p -> new FieldError(COLUMN_OF_FIELD.get(p.field()), p.message()))
                    .filter(p -> !reported.contains(p.field()))
                    .forEach(problems::add);
            if (problems.isEmpty()) {
                Long earlier = firstLineOfPayment.putIfAbsent(line.invoiceNumber() + "\u0000" + request.reference(),
                        line.number());
                if (earlier != null) {
                    problems.add(new FieldError("reference", "duplicates line " + earlier + " (same reference for invoice "
                            + line.invoiceNumber() + ")"));
                } else {
                    Invoice known = invoice;
                    paymentRepository.findByInvoiceAndReference(known, request.reference())
                            .filter(recorded -> recorded.getAmount().compareTo(request.amount()) != 0)
                            .ifPresent(recorded -> problems.add(new FieldError("reference", "already recorded for invoice "
                                    + line.invoiceNumber() + " with another amount ("
                                    + InvoiceView.money(known, recorded.getAmount()) + ")")));
                }
            }
            problems.forEach(p -> errors.add(new LineError(line.number(), p.field(), p.message())));
            if (problems.isEmpty()) {
                checked.add(new Checked(line.number(), line.invoiceNumber(), request));
            }
        }
        return checked;
    }

    private Summary record(List<Checked> lines, String recordedBy) {
        List<LineResult> results = new ArrayList<>(lines.size());
        int recorded = 0, already = 0, settled = 0, overpaid = 0;
        for (Checked line : lines) {
            InvoicePayments.Recorded r = payments.recordInTransaction(line.invoiceNumber(), line.request(), recordedBy);
            Invoice invoice = r.payment().getInvoice();
            if (r.duplicate()) {
                already++;
            } else {
                recorded++;
            }
            settled += r.settled() ? 1 : 0; // an invoice is settled once: by the line that brought it to paid
            overpaid += r.overpaid().signum() > 0 ? 1 : 0;
            results.add(new LineResult(line.line(), line.invoiceNumber(), r.payment().getReference(),
                    InvoiceView.money(invoice, line.request().amount()), invoice.getCurrency().getCurrencyCode(),
                    r.duplicate() ? Outcome.ALREADY_RECORDED : Outcome.RECORDED, r.settled(),
                    InvoiceView.money(invoice, invoice.getOutstandingAmount()),
                    r.overpaid().signum() > 0 ? InvoiceView.money(invoice, r.overpaid()) : null));
        }
        return new Summary(lines.size(), recorded, already, settled, overpaid, List.copyOf(results));
    }
}
