package com.relance.banking;

import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.payment.CreditorReference;
import com.relance.payment.PaymentReferences;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Finds the invoice(s) a bank credit pays, by the rules accounting applies by hand, in this order:
 * <ol>
 *   <li>the structured creditor reference (RF, check digits valid) that Relance printed on a
 *   reminder: one invoice, or a group whose outstanding total the credit pays exactly;</li>
 *   <li>invoice numbers written in the remittance text: one, or several whose outstanding total
 *   the credit pays exactly;</li>
 *   <li>the exact outstanding amount, with the debtor's name matching the customer's, or the only
 *   open invoice of that amount.</li>
 * </ol>
 * Anything else (nothing found, several possible, another currency, an amount that does not fit a
 * group) goes to a person with the candidates.
 */
@Component
class BankLineMatcher {

    static final int MAX_CANDIDATES = 10;

    sealed interface Decision permits Posting, Review {
    }

    /** Post {@code amount} to each invoice; {@code by} names the rule that matched. */
    record Posting(String by, List<Allocation> allocations) implements Decision {
    }

    record Allocation(Invoice invoice, BigDecimal amount) {
    }

    record Review(String reason, List<Invoice> candidates) implements Decision {
    }

    private final PaymentReferences references;
    private final InvoiceRepository invoices;
    private final MatchableInvoices matchable;

    BankLineMatcher(PaymentReferences references, InvoiceRepository invoices, MatchableInvoices matchable) {
        this.references = references;
        this.invoices = invoices;
        this.matchable = matchable;
    }

    Decision match(CamtReader.Credit credit) {
        List<String> notes = new ArrayList<>();
        for (String text : credit.references()) {
            Optional<CreditorReference> rf = CreditorReference.parse(text);
            if (rf.isEmpty()) {
                continue;
            }
            List<Invoice> named = invoicesOf(rf.get());
            if (named.isEmpty()) {
                notes.add("reference " + rf.get() + " is none Relance issued");
                continue;
            }
            return paying(credit, named, "REFERENCE", "reference " + rf.get());
        }
        List<Invoice> written = invoiceNumbersIn(credit);
        if (!written.isEmpty()) {
            return paying(credit, written, "INVOICE_NUMBER", "invoice number(s) in the remittance text");
        }
        List<Invoice> sameAmount = matchable.openWithOutstanding(credit.currency(), credit.amount());
        List<Invoice> sameCustomer = sameAmount.stream().filter(i -> sameName(credit.debtorName(), i.getCustomer().getName()))
                .toList();
        if (sameCustomer.size() == 1) {
            return new Posting("AMOUNT_AND_CUSTOMER", List.of(new Allocation(sameCustomer.get(0), credit.amount())));
        }
        if (sameCustomer.isEmpty() && sameAmount.size() == 1) {
            return new Posting("AMOUNT_ONLY_OPEN_INVOICE", List.of(new Allocation(sameAmount.get(0), credit.amount())));
        }
        if (sameCustomer.size() > 1) {
            return review(notes, sameCustomer.size() + " open invoices of " + credit.debtorName() + " have this outstanding amount",
                    sameCustomer);
        }
        if (sameAmount.size() > 1) {
            return review(notes, sameAmount.size() + " open invoices of different customers have this outstanding amount",
                    sameAmount);
        }
        List<Invoice> ofDebtor = credit.debtorName() == null ? List.of() : matchable.openOfCustomerNamed(credit.debtorName());
        return review(notes, "no invoice matches the reference, the remittance text or the amount", ofDebtor);
    }

    /** The credit pays these invoices when it is in their currency and, for several, pays their outstanding total. */
    private Decision paying(CamtReader.Credit credit, List<Invoice> found, String by, String how) {
        List<Invoice> other = found.stream().filter(i -> !i.getCurrency().equals(credit.currency())).toList();
        if (!other.isEmpty()) {
            return new Review("the " + how + " names " + numbers(found) + " in " + other.get(0).getCurrency()
                    + ", the credit is in " + credit.currency(), found);
        }
        if (found.size() == 1) {
            return new Posting(by, List.of(new Allocation(found.get(0), credit.amount())));
        }
        List<Invoice> open = found.stream().filter(i -> i.getStatus() == InvoiceStatus.OPEN).toList();
        BigDecimal total = open.stream().map(Invoice::getOutstandingAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!open.isEmpty() && total.compareTo(credit.amount()) == 0) {
            return new Posting(by, open.stream().map(i -> new Allocation(i, i.getOutstandingAmount())).toList());
        }
        return new Review("the " + how + " names " + found.size() + " invoices (" + numbers(found)
                + ") and the credit is not their outstanding total (" + total.stripTrailingZeros().toPlainString() + ")", found);
    }

    private List<Invoice> invoicesOf(CreditorReference rf) {
        List<String> issued = references.invoicesOf(rf);
        if (!issued.isEmpty()) {
            return issued.stream().map(invoices::findByNumber).flatMap(Optional::stream).toList();
        }
        // Not printed by Relance (an ERP's invoice carrying the same mapping): the open invoice whose
        // number maps to it, among those holding the payload's last characters in order (separators
        // between them: INV-2026-0042 holds 0,0,4,2 of payload INV20260042).
        String payload = rf.payload();
        String tail = payload.substring(Math.max(0, payload.length() - 6));
        StringBuilder pattern = new StringBuilder("%");
        tail.chars().forEach(c -> pattern.append((char) c).append('%'));
        return matchable.openWithNumberLike(pattern.toString()).stream()
                .filter(i -> CreditorReference.forInvoice(i.getNumber()).equals(rf)).toList();
    }

    /** Words of the remittance text (and non-RF references) that are invoice numbers, in order. */
    private List<Invoice> invoiceNumbersIn(CamtReader.Credit credit) {
        String text = Stream.concat(credit.references().stream(), Stream.ofNullable(credit.remittanceText()))
                .reduce("", (a, b) -> a + " " + b);
        Map<String, Invoice> found = new LinkedHashMap<>();
        String[] words = text.split("[\\s,;:()\\[\\]\"']+");
        for (int i = 0; i < words.length && i < 60; i++) {
            String word = words[i].replaceAll("[.]+$", "");
            if (word.length() < 3 || found.containsKey(word)) {
                continue;
            }
            invoices.findByNumber(word).or(() -> invoices.findByNumber(word.toUpperCase(Locale.ROOT)))
                    .ifPresent(invoice -> found.putIfAbsent(invoice.getNumber(), invoice));
        }
        return List.copyOf(found.values());
    }

    private static Review review(List<String> notes, String reason, List<Invoice> candidates) {
        String why = notes.isEmpty() ? reason : reason + " (" + String.join("; ", notes) + ")";
        return new Review(why, candidates.stream().limit(MAX_CANDIDATES).toList());
    }

    /** The debtor's name as the bank passes it on and the customer's name as recorded, accents, case and punctuation aside. */
    static boolean sameName(String debtor, String customer) {
        if (debtor == null || customer == null) {
            return false;
        }
        String a = plain(debtor);
        String b = plain(customer);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        // Banks cut long names (to 70 or 35 characters): a prefix of at least 8 letters counts.
        return a.equals(b) || (Math.min(a.length(), b.length()) >= 8 && (a.startsWith(b) || b.startsWith(a)));
    }

    private static String plain(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
    }

    private static String numbers(List<Invoice> invoices) {
        return String.join(", ", invoices.stream().map(Invoice::getNumber).toList());
    }
}
