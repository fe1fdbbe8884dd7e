package com.relance.invoice;

import com.relance.progress.BackgroundJobs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The CSV imports as background jobs, for files too large to wait for: the same import (one
 * transaction, all or nothing), answered at once with 202 and the job's {@code Location}. The job
 * ends SUCCEEDED with the import's summary, or FAILED with every bad line as its result (nothing
 * stored). An import is one transaction, so its percentage only goes from 0 to 100.
 */
@RestController
class ImportJobController {

    static final String INVOICE_IMPORT = "invoice-import";
    static final String PAYMENT_IMPORT = "payment-import";

    private final InvoiceCsvImport invoiceImport;
    private final PaymentCsvImport paymentImport;
    private final BackgroundJobs jobs;

    ImportJobController(InvoiceCsvImport invoiceImport, PaymentCsvImport paymentImport, BackgroundJobs jobs) {
        this.invoiceImport = invoiceImport;
        this.paymentImport = paymentImport;
        this.jobs = jobs;
    }

    @PostMapping(path = "/api/invoices/import/jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<BackgroundJobs.Job> invoicesFile(@RequestPart("file") MultipartFile file, Principal user)
            throws IOException {
        return start(INVOICE_IMPORT, user, file.getBytes(), invoiceImport::importCsv);
    }

    @PostMapping(path = "/api/invoices/import/jobs", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<BackgroundJobs.Job> invoicesBody(@RequestBody byte[] body, Principal user) {
        return start(INVOICE_IMPORT, user, body, invoiceImport::importCsv);
    }

    @PostMapping(path = "/api/payments/import/jobs", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<BackgroundJobs.Job> paymentsFile(@RequestPart("file") MultipartFile file, Principal user)
            throws IOException {
        return start(PAYMENT_IMPORT, user, file.getBytes(), csv -> paymentImport.importCsv(csv, user.getName()));
    }

    @PostMapping(path = "/api/payments/import/jobs", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<BackgroundJobs.Job> paymentsBody(@RequestBody byte[] body, Principal user) {
        return start(PAYMENT_IMPORT, user, body, csv -> paymentImport.importCsv(csv, user.getName()));
    }

    private ResponseEntity<BackgroundJobs.Job> start(String kind, Principal user, byte[] content,
                                                     Function<String, Object> importer) {
        String csv = new String(content, StandardCharsets.UTF_8);
        BackgroundJobs.Job job = jobs.start(kind, user.getName(), progress -> {
            try {
                return importer.apply(csv);
            } catch (ImportRejectedException e) {
                throw new BackgroundJobs.WorkRefused(e.getMessage(), e.errors());
            }
        });
        return ResponseEntity.accepted().location(URI.create("/api/jobs/" + job.id())).body(job);
    }

    @ExceptionHandler(BackgroundJobs.TooBusy.class)
    ProblemDetail busy(BackgroundJobs.TooBusy e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
}
