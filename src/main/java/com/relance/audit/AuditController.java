package com.relance.audit;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An invoice's audit trail as JSON, CSV or PDF (HTTP Basic). Every call is an export and is
 * recorded; the trail returned lists the exports before this one.
 */
@RestController
@RequestMapping("/api/audit/invoices")
class AuditController {

    private final InvoiceTimeline timeline;
    private final AuditExports exports;

    AuditController(InvoiceTimeline timeline, AuditExports exports) {
        this.timeline = timeline;
        this.exports = exports;
    }

    @GetMapping(path = "/{number}", produces = MediaType.APPLICATION_JSON_VALUE)
    InvoiceAudit json(@PathVariable String number, Principal user) {
        InvoiceAudit audit = timeline.of(number);
        exports.record(user.getName(), number, "json");
        return audit;
    }

    @GetMapping("/{number}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String number, Principal user) {
        return exports.csvFile(number, user.getName());
    }

    @GetMapping("/{number}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String number, Principal user) {
        return exports.pdfFile(number, user.getName());
    }
}
