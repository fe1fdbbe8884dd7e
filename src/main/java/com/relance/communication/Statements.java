package com.relance.communication;

import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.InvoiceStatus;
import com.relance.invoice.Payment;
import com.relance.invoice.PaymentRepository;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Builds a customer's {@link StatementOfAccount} from its invoices, credit notes and payments. */
@Service
public class Statements implements StatementSource {

    /** How far back credit notes and payments are listed. */
    static final int MOVEMENTS_DAYS = 365;

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;

    public Statements(InvoiceRepository invoices, PaymentRepository payments) {
        this.invoices = invoices;
        this.payments = payments;
    }

    @Transactional(readOnly = true)
    public StatementOfAccount of(Customer customer, Locale locale, LocalDate today) {
        LocalDate since = today.minusDays(MOVEMENTS_DAYS);
        List<StatementOfAccount.Item> open = new ArrayList<>();
        List<StatementOfAccount.Movement> credits = new ArrayList<>();
        Map<String, BigDecimal> balances = new TreeMap<>();
        for (Invoice invoice : invoices.findByCustomerIdOrderByDueDateAscNumberAsc(customer.getId())) {
            if (invoice.getStatus() == InvoiceStatus.OPEN) {
                open.add(new StatementOfAccount.Item(invoice.getNumber(), InvoiceFacts.date(invoice.getIssueDate(), locale),
                        InvoiceFacts.date(invoice.getDueDate(), locale), InvoiceFacts.money(invoice, invoice.getAmount(), locale),
                        InvoiceFacts.money(invoice, invoice.getOutstandingAmount(), locale), invoice.daysLate(today)));
                balances.merge(invoice.getCurrency().getCurrencyCode(), invoice.getOutstandingAmount(), BigDecimal::add);
            }
            if (invoice.getCreditedAmount() != null && invoice.getCreditedAt() != null) {
                LocalDate on = LocalDate.ofInstant(invoice.getCreditedAt(), customer.zone());
                if (!on.isBefore(since)) {
                    credits.add(new StatementOfAccount.Movement(invoice.getNumber(), InvoiceFacts.date(on, locale), "",
                            InvoiceFacts.money(invoice, invoice.getCreditedAmount().negate(), locale)));
                }
            }
        }
        List<StatementOfAccount.Movement> paid = new ArrayList<>();
        for (Payment p : payments.findByCustomerSince(customer.getId(), since)) {
            paid.add(new StatementOfAccount.Movement(p.getInvoice().getNumber(), InvoiceFacts.date(p.getPaidOn(), locale),
                    p.getReference() == null ? "" : p.getReference(),
                    InvoiceList.money(p.getAmount().negate(), p.getCurrency(), locale)));
        }
        List<StatementOfAccount.Balance> balance = balances.entrySet().stream()
                .map(e -> new StatementOfAccount.Balance(e.getKey(),
                        InvoiceList.money(e.getValue(), Currency.getInstance(e.getKey()), locale)))
                .toList();
        return new StatementOfAccount(InvoiceFacts.date(today, locale), open, credits, paid, balance);
    }
}
