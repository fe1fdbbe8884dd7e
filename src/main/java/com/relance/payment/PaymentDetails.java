package com.relance.payment;

import com.relance.invoice.Invoice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.util.UriUtils;

/**
 * The payment instructions a reminder carries: the creditor's account, the RF reference of the
 * invoice (or of the group of invoices one message asks for), the amount still outstanding, the
 * pay link, and for euros the EPC QR code. The QR amount is the outstanding principal: late charges
 * are claimed in the text, and a payment of the principal is what ends the invoice's dunning.
 */
@Service
public class PaymentDetails {

    private static final Logger log = LoggerFactory.getLogger(PaymentDetails.class);
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(invoice|amount|currency|reference)}");

    private final CreditorAccount account;
    private final IssuedReferences references;

    public PaymentDetails(CreditorAccount account, IssuedReferences references) {
        this.account = account;
        this.references = references;
        if (!account.hasAccount()) {
            log.warn("relance.creditor.iban is not set: reminders carry no bank details, QR code or payment reference");
        }
    }

    /** For a reminder about one invoice; empty when no account is configured. */
    public Optional<PaymentInstructions> forInvoice(Invoice invoice) {
        return forInvoices(invoice.getCustomer().getNumber(), List.of(invoice));
    }

    /**
     * For one message about several invoices of one customer: one reference for the group (the
     * single invoice's own when there is one), the amounts added up. Invoices in several currencies
     * cannot be paid with one transfer: then the reference is given without amount or QR code.
     */
    public Optional<PaymentInstructions> forInvoices(String customerNumber, List<Invoice> invoices) {
        if (!account.hasAccount() || invoices.isEmpty()) {
            return Optional.empty();
        }
        List<String> numbers = invoices.stream().map(Invoice::getNumber).distinct().sorted().toList();
        CreditorReference reference = CreditorReference.forGroup(customerNumber, numbers);
        references.remember(reference, numbers);
        List<Currency> currencies = invoices.stream().map(Invoice::getCurrency).distinct().toList();
        Currency currency = currencies.size() == 1 ? currencies.get(0) : null;
        BigDecimal amount = currency == null ? null : invoices.stream().map(Invoice::getOutstandingAmount)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(currency.getDefaultFractionDigits(), RoundingMode.HALF_UP);
        byte[] png = null;
        String payload = null;
        if (EUR.equals(currency) && amount.compareTo(EpcQrCode.MIN_AMOUNT) >= 0 && amount.compareTo(EpcQrCode.MAX_AMOUNT) <= 0) {
            payload = EpcQrCode.payload(account.bic(), account.name(), account.iban(), amount, reference);
            png = EpcQrCode.png(payload);
        }
        return Optional.of(new PaymentInstructions(account.name(), account.iban(), account.bic(), reference, numbers,
                amount, currency, payLink(numbers, amount, currency, reference), png, payload));
    }

    private String payLink(List<String> numbers, BigDecimal amount, Currency currency, CreditorReference reference) {
        if (account.payLinkTemplate() == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(account.payLinkTemplate());
        StringBuilder link = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "invoice" -> String.join(",", numbers);
                case "amount" -> amount == null ? "" : amount.toPlainString();
                case "currency" -> currency == null ? "" : currency.getCurrencyCode();
                default -> reference.value();
            };
            m.appendReplacement(link, Matcher.quoteReplacement(UriUtils.encode(value, StandardCharsets.UTF_8)));
        }
        m.appendTail(link);
        return link.toString();
    }
}
