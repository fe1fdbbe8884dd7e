package com.relance.portal;

import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import java.util.List;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A collector or salesperson records what the customer said on the phone: a promise to pay on a
 * date, or a dispute. The same as the customer's own answer online: the ladder pauses.
 */
@RestController
class CustomerCommitmentController {

    record PromiseRequest(LocalDate promisedDate) {
    }

    record DisputeRequest(String reason) {
    }

    private final CustomerAnswers answers;
    private final PortalProperties properties;
    private final Clock clock;

    CustomerCommitmentController(CustomerAnswers answers, PortalProperties properties, Clock clock) {
        this.answers = answers;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping("/api/invoices/{number}/promises")
    ResponseEntity<Map<String, Object>> promise(@PathVariable String number, @RequestBody PromiseRequest request,
                                                Principal user) {
        LocalDate today = LocalDate.now(clock);
        if (request.promisedDate() == null || request.promisedDate().isBefore(today)
                || request.promisedDate().isAfter(today.plusDays(properties.maxPromiseDays()))) {
            throw new InvalidInvoiceException(List.of(new FieldError("promisedDate",
                    "must be a date from today to " + today.plusDays(properties.maxPromiseDays()))));
        }
        CustomerAnswer answer = answers.promiseRecordedBy(number, request.promisedDate(), user.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("invoiceNumber", number, "answerId", answer.getId(),
                "kind", answer.getKind().name(), "promisedDate", answer.getPromisedDate().toString()));
    }

    @PostMapping("/api/invoices/{number}/disputes")
    ResponseEntity<Map<String, Object>> dispute(@PathVariable String number, @RequestBody DisputeRequest request,
                                                Principal user) {
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 2000) {
            throw new InvalidInvoiceException(List.of(new FieldError("reason",
                    "must say what the customer disputes (at most 2,000 characters)")));
        }
        CustomerAnswer answer = answers.disputeRecordedBy(number, request.reason().strip(), user.getName());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("invoiceNumber", number, "answerId", answer.getId(),
                "kind", answer.getKind().name()));
    }
}
