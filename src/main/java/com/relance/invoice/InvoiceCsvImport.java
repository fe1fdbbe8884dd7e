package com.relance.invoice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Service;

/**
 * Imports an ERP open-items export (RFC 4180, comma, UTF-8 with or without BOM, header row).
 * All or nothing: the file is checked whole before anything is stored.
 */
@Service
public class InvoiceCsvImport {

    /** Shared with {@link PaymentCsvImport}: one CSV dialect for every ERP export. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();
    private static final Function<InvoiceField, String> COLUMN_NAMES = InvoiceField::csvColumn;

    public record Summary(int lines, int created, int unchanged, int alreadyPaid) {
    }

    private final InvoiceIntakeReader reader;
    private final InvoiceRegistration registration;
    private final InvoiceRepository invoices;

    public InvoiceCsvImport(InvoiceIntakeReader reader, InvoiceRegistration registration, InvoiceRepository invoices) {
        this.reader = reader;
        this.registration = registration;
        this.invoices = invoices;
    }

    public Summary importCsv(String content) {
        List<LineError> errors = new ArrayList<>();
        Map<Long, InvoiceIntake> intakes = new LinkedHashMap<>();
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<String> missing = missingColumns(parser.getHeaderNames());
            if (!missing.isEmpty()) {
                throw new ImportRejectedException(List.of(new LineError(1, null, "missing column(s): " + String.join(", ", missing))));
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (!record.isConsistent()) {
                    errors.add(new LineError(line, null, "has " + record.size() + " cells, the header has "
                            + parser.getHeaderNames().size()));
                    continue;
                }
                Map<InvoiceField, String> values = new EnumMap<>(InvoiceField.class);
                for (InvoiceField field : InvoiceField.values()) {
                    if (field.inCsv()) {
                        values.put(field, record.get(field.csvColumn()));
                    }
                }
                InvoiceIntakeReader.Result result = reader.read(values, COLUMN_NAMES);
                result.errors().forEach(e -> errors.add(new LineError(line, e.field(), e.message())));
                if (result.valid()) {
                    intakes.put(line, result.intake());
                }
            }
        } catch (UncheckedIOException | IOException e) {
            // commons-csv reports malformed quoting this way, with the position in the message
            throw new ImportRejectedException(List.of(new LineError(0, null, "not readable as CSV: " + e.getMessage())));
        }
        if (intakes.isEmpty() && errors.isEmpty()) {
            throw new ImportRejectedException(List.of(new LineError(2, null, "the file has no invoice lines")));
        }
        errors.addAll(crossLineErrors(intakes));
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparingLong(LineError::line));
            throw new ImportRejectedException(errors);
        }
        List<InvoiceRegistration.Registered> registered = registration.registerAll(List.copyOf(intakes.values()));
        int created = 0, unchanged = 0, paid = 0;
        for (InvoiceRegistration.Registered r : registered) {
            if (r.outcome() == InvoiceRegistration.Outcome.UNCHANGED) {
                unchanged++;
            } else if (r.invoice().getStatus() == InvoiceStatus.PAID) {
                paid++;
            } else {
                created++;
            }
        }
        return new Summary(registered.size(), created, unchanged, paid);
    }

    private static List<String> missingColumns(List<String> header) {
        List<String> missing = new ArrayList<>();
        for (InvoiceField field : InvoiceField.values()) {
            if (field.inCsv() && !header.contains(field.csvColumn())) {
                missing.add(field.csvColumn());
            }
        }
        return missing;
    }

    /** Duplicates inside the file, one customer described two ways, and conflicts with stored invoices. */
    private List<LineError> crossLineErrors(Map<Long, InvoiceIntake> intakes) {
        List<LineError> errors = new ArrayList<>();
        Map<String, Long> invoiceLines = new HashMap<>();
        Map<String, Long> customerLines = new HashMap<>();
        Map<String, InvoiceIntake> customerFirst = new HashMap<>();
        intakes.forEach((line, in) -> {
            Long earlier = invoiceLines.putIfAbsent(in.invoiceNumber(), line);
            if (earlier != null) {
                errors.add(new LineError(line, "invoice_number", "duplicates line " + earlier));
            }
            InvoiceIntake first = customerFirst.putIfAbsent(in.customerNumber(), in);
            if (first != null && !sameCustomer(first, in)) {
                errors.add(new LineError(line, "customer_number", "customer " + in.customerNumber()
                        + " has other details on line " + customerLines.get(in.customerNumber())));
            }
            customerLines.putIfAbsent(in.customerNumber(), line);
        });
        Map<String, Invoice> stored = new HashMap<>();
        invoices.findAllByNumbers(invoiceLines.keySet()).forEach(i -> stored.put(i.getNumber(), i));
        intakes.forEach((line, in) -> {
            Invoice existing = stored.get(in.invoiceNumber());
            if (existing != null && !in.sameInvoiceAs(existing)) {
                errors.add(new LineError(line, "invoice_number",
                        "already registered with other data (customer, dates, currency or amounts)"));
            }
        });
        return errors;
    }

    private static boolean sameCustomer(InvoiceIntake a, InvoiceIntake b) {
        return Objects.equals(a.customerName(), b.customerName())
                && Objects.equals(a.customerEmail(), b.customerEmail())
                && Objects.equals(a.customerPhone(), b.customerPhone())
                && Objects.equals(a.customerLanguage(), b.customerLanguage())
                && Objects.equals(a.customerCountry(), b.customerCountry())
                && Objects.equals(a.customerSegment(), b.customerSegment())
                && Objects.equals(a.salesRep(), b.salesRep());
    }
}
