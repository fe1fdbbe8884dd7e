package com.relance.invoice;

import com.relance.security.AccessRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Payments from a bank or ERP export, and the overpaid invoices accounting has to refund or allocate. */
@RestController
@RequestMapping("/api/payments")
public class PaymentController {

    /** An overpaid invoice as the API lists it. */
    public record Overpayment(String invoiceNumber, String customerNumber, String customerName, String currency,
                              BigDecimal overpaidAmount, LocalDate lastPaidOn) {
    }

    private final PaymentCsvImport csvImport;
    private final PaymentRepository payments;
    private final AccessRules access;

    public PaymentController(PaymentCsvImport csvImport, PaymentRepository payments, AccessRules access) {
        this.csvImport = csvImport;
        this.payments = payments;
        this.access = access;
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public PaymentCsvImport.Summary importFile(@RequestPart("file") MultipartFile file, Principal user) throws IOException {
        return csvImport.importCsv(new String(file.getBytes(), StandardCharsets.UTF_8), name(user));
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public PaymentCsvImport.Summary importBody(@RequestBody byte[] body, Principal user) {
        return csvImport.importCsv(new String(body, StandardCharsets.UTF_8), name(user));
    }

    @GetMapping("/overpayments")
    public List<Overpayment> overpayments() {
        // a salesperson sees their own customers' invoices only, here as everywhere
        return payments.findOverpaidInvoices().stream()
                .filter(o -> access.mayAccessCustomerOf(o.salesRep()))
                .map(o -> new Overpayment(o.invoiceNumber(), o.customerNumber(), o.customerName(),
                        o.currency().getCurrencyCode(),
                        o.overpaidAmount().setScale(o.currency().getDefaultFractionDigits(), RoundingMode.UNNECESSARY),
                        o.lastPaidOn()))
                .toList();
    }

    private static String name(Principal user) {
        return user == null ? null : user.getName();
    }
}
