package com.relance.invoice;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** An invoice as an ERP hands it over, with its customer inline. Built by {@link InvoiceIntakeReader}. */
@ConsistentInvoice
public record InvoiceIntake(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[\\p{Alnum}._/-]*", message = "may contain only letters, digits and . _ / -")
        String invoiceNumber,
        @NotBlank @Size(max = 64) String customerNumber,
        @NotBlank @Size(max = 200) String customerName,
        @Email @Size(max = 254) String customerEmail,
        @Size(max = 40) @Pattern(regexp = "\\+?[0-9 ()./-]{4,40}", message = "must be a phone number") String customerPhone,
        @NotBlank @IsoCode(IsoCode.Kind.LANGUAGE) String customerLanguage,
        @NotBlank @IsoCode(IsoCode.Kind.COUNTRY) String customerCountry,
        @Size(max = 64) String customerSegment,
        @Size(max = 64) String salesRep,
        @NotNull LocalDate issueDate,
        @NotNull LocalDate dueDate,
        @NotNull Currency currency,
        @NotNull @Positive BigDecimal amount,
        @NotNull @PositiveOrZero BigDecimal openAmount,
        @Size(max = 64) String customerTimeZone,
        @Size(max = 200) String customerAddressLine1,
        @Size(max = 200) String customerAddressLine2,
        @Size(max = 20) String customerPostalCode,
        @Size(max = 100) String customerCity,
        Boolean customerSmsConsent) {

    /** True when {@code invoice} carries exactly these invoice facts (customer details aside). */
    public boolean sameInvoiceAs(Invoice invoice) {
        return invoice.getCustomer().getNumber().equals(customerNumber)
                && invoice.getIssueDate().equals(issueDate)
                && invoice.getDueDate().equals(dueDate)
                && invoice.getCurrency().equals(currency)
                && invoice.getAmount().compareTo(amount) == 0
                && invoice.getOutstandingAmount().compareTo(openAmount) == 0;
    }
}
