package com.relance.invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice as the API shows it: facts, payments and where its dunning stands. {@code overpaidAmount}
 * is null unless more was received than was asked for.
 */
public record InvoiceView(
        String invoiceNumber, String status, String stage, LocalDate issueDate, LocalDate dueDate, long daysLate,
        String currency, BigDecimal amount, BigDecimal outstandingAmount, BigDecimal overpaidAmount,
        Instant registeredAt, Instant closedAt,
        CustomerView customer, List<PaymentView> payments, String processInstanceId, boolean dunningActive,
        DunningProgress.Hold hold, List<DunningProgress.OpenTask> openTasks, List<DunningProgress.Message> communications,
        LateChargesView lateCharges) {

    /** Late charges as last stated to the customer; the fixed compensation is charged once. */
    public record LateChargesView(BigDecimal interest, BigDecimal compensation, LocalDate asOf) {
    }

    public record CustomerView(String customerNumber, String name, String segment, String country, String language,
                               String timeZone, String email, String phone, String salesRep) {
    }

    public record PaymentView(BigDecimal amount, String currency, LocalDate paidOn, String reference, Instant recordedAt,
                              String recordedBy) {
    }

    static InvoiceView of(Invoice invoice, List<Payment> payments, DunningProgress.Summary dunning, LocalDate today) {
        Customer c = invoice.getCustomer();
        return new InvoiceView(invoice.getNumber(), invoice.getStatus().name(), invoice.getDunningStage(),
                invoice.getIssueDate(), invoice.getDueDate(),
                invoice.getStatus().isClosed() ? 0 : invoice.daysLate(today),
                invoice.getCurrency().getCurrencyCode(), money(invoice, invoice.getAmount()),
                money(invoice, invoice.getOutstandingAmount()), money(invoice, invoice.getOverpaidAmount()),
                invoice.getRegisteredAt(), invoice.getClosedAt(),
                new CustomerView(c.getNumber(), c.getName(), c.getSegment(), c.getCountry(), c.getLanguage(),
                        c.getTimeZone(), c.getEmail(), c.getPhone(), c.getSalesRep()),
                payments.stream().map(p -> new PaymentView(money(invoice, p.getAmount()), p.getCurrency().getCurrencyCode(),
                        p.getPaidOn(), p.getReference(), p.getRecordedAt(), p.getRecordedBy())).toList(),
                dunning.processInstanceId(), dunning.running(), dunning.hold(), dunning.openTasks(), dunning.messages(),
                invoice.getChargesAsOf() == null ? null : new LateChargesView(invoice.getLateInterest(),
                        invoice.getLateCompensation(), invoice.getChargesAsOf()));
    }

    static BigDecimal money(Invoice invoice, BigDecimal value) {
        return value == null ? null : value.setScale(invoice.getCurrency().getDefaultFractionDigits(), java.math.RoundingMode.UNNECESSARY);
    }
}
