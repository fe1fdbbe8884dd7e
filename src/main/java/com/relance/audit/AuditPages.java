package com.relance.audit;

import com.relance.invoice.InvoiceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.LocalDate;
import org.springframework.http.ResponseEntity;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

/** The auditors' pages: a search over invoices, and one invoice's readable timeline. */
@Controller
class AuditPages {

    private final AuditSearch search;
    private final InvoiceTimeline timeline;
    private final AuditExports exports;

    AuditPages(AuditSearch search, InvoiceTimeline timeline, AuditExports exports) {
        this.search = search;
        this.timeline = timeline;
        this.exports = exports;
    }

    @GetMapping("/audit")
    String search(@RequestParam(required = false) String customer,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) String period, @RequestParam(required = false) String stage,
                  @RequestParam(required = false) String outcome, @RequestParam(required = false) String user,
                  Model model) {
        if (!blankOrIn(stage, AuditSearch.stages()) || !blankOrIn(outcome, AuditSearch.outcomes())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown stage or outcome");
        }
        AuditSearch.Criteria criteria = new AuditSearch.Criteria(customer, from, to, period, stage, outcome, user);
        boolean asked = customer != null || from != null || to != null || stage != null || outcome != null || user != null;
        model.addAttribute("criteria", criteria);
        model.addAttribute("stages", AuditSearch.stages());
        model.addAttribute("outcomes", AuditSearch.outcomes());
        model.addAttribute("asked", asked);
        model.addAttribute("rows", asked ? search.find(criteria) : java.util.List.of());
        model.addAttribute("limit", AuditSearch.LIMIT);
        return "audit/search";
    }

    @GetMapping("/audit/invoices/{number}")
    String invoice(@PathVariable String number, Model model) {
        try {
            model.addAttribute("audit", timeline.of(number));
        } catch (InvoiceNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        }
        // The page's own exports: the browser's login session works here, not on the Basic-auth API.
        String page = "/audit/invoices/" + UriUtils.encodePathSegment(number, StandardCharsets.UTF_8);
        model.addAttribute("csvHref", page + ".csv");
        model.addAttribute("pdfHref", page + ".pdf");
        return "audit/invoice";
    }

    @GetMapping("/audit/invoices/{number}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String number, Principal user) {
        return exports.csvFile(number, user.getName());
    }

    @GetMapping("/audit/invoices/{number}.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String number, Principal user) {
        return exports.pdfFile(number, user.getName());
    }

    private static boolean blankOrIn(String value, java.util.List<String> allowed) {
        return value == null || value.isBlank() || allowed.contains(value);
    }
}
