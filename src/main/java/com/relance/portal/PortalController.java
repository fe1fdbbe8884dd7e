package com.relance.portal;

import com.relance.invoice.Invoice;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The customer's page behind a reminder's signed link: no login, the link is the credential. The
 * customer promises a date, disputes the invoice, or says it is paid; a forged, expired or spent
 * link gets a page that says so and changes nothing.
 */
@Controller
@RequestMapping("/portal/{token}")
class PortalController {

    static final long MAX_ATTACHMENT_BYTES = 5L * 1024 * 1024;
    private static final Set<String> ATTACHMENT_TYPES = Set.of("application/pdf", "image/png", "image/jpeg");

    /** Too many requests from one address. */
    static final class Throttled extends RuntimeException {
    }

    private final PortalLinks links;
    private final CustomerAnswers answers;
    private final PortalRateLimit rateLimit;
    private final PortalProperties properties;
    private final Clock clock;

    PortalController(PortalLinks links, CustomerAnswers answers, PortalRateLimit rateLimit, PortalProperties properties,
                     Clock clock) {
        this.links = links;
        this.answers = answers;
        this.rateLimit = rateLimit;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    String page(@PathVariable String token, Model model, HttpServletRequest request) {
        throttle(request, 1);
        PortalLinks.Claims claims = links.verify(token);
        return show(model, claims, token, Map.of());
    }

    @PostMapping("/promise")
    String promise(@PathVariable String token, @RequestParam(required = false) String promisedDate, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        throttle(request, PortalRateLimit.VIEWS_PER_ANSWER);
        PortalLinks.Claims claims = links.verify(token);
        Invoice invoice = answers.openInvoice(claims);
        LocalDate today = today(invoice);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate date = date(promisedDate, "promisedDate", errors);
        if (date != null && date.isBefore(today)) {
            errors.put("promisedDate", "The date must be today or later.");
        } else if (date != null && date.isAfter(today.plusDays(properties.maxPromiseDays()))) {
            errors.put("promisedDate", "Please choose a date within " + properties.maxPromiseDays() + " days.");
        }
        if (!errors.isEmpty()) {
            return invalid(model, claims, token, errors, response);
        }
        answers.promise(claims, date);
        return answered(model, "promise", invoice);
    }

    @PostMapping("/dispute")
    String dispute(@PathVariable String token, @RequestParam(required = false) String reason,
                   @RequestParam(required = false) MultipartFile attachment, Model model, HttpServletRequest request,
                   HttpServletResponse response) throws IOException {
        throttle(request, PortalRateLimit.VIEWS_PER_ANSWER);
        PortalLinks.Claims claims = links.verify(token);
        Invoice invoice = answers.openInvoice(claims);
        Map<String, String> errors = new LinkedHashMap<>();
        String text = reason == null ? "" : reason.strip();
        if (text.isEmpty()) {
            errors.put("reason", "Please tell us what is wrong with the invoice.");
        } else if (text.length() > 2000) {
            errors.put("reason", "Please keep it under 2,000 characters (attach a document for more).");
        }
        boolean hasFile = attachment != null && !attachment.isEmpty();
        if (hasFile && attachment.getSize() > MAX_ATTACHMENT_BYTES) {
            errors.put("attachment", "The document must be 5 MB or smaller.");
        } else if (hasFile && !ATTACHMENT_TYPES.contains(attachment.getContentType())) {
            errors.put("attachment", "Please attach a PDF, PNG or JPEG file.");
        }
        if (!errors.isEmpty()) {
            return invalid(model, claims, token, errors, response);
        }
        String name = hasFile ? fileName(attachment.getOriginalFilename()) : null;
        answers.dispute(claims, text, name, hasFile ? attachment.getContentType() : null,
                hasFile ? attachment.getBytes() : null);
        return answered(model, "dispute", invoice);
    }

    @PostMapping("/paid")
    String paid(@PathVariable String token, @RequestParam(required = false) String reference,
                @RequestParam(required = false) String paidOn, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        throttle(request, PortalRateLimit.VIEWS_PER_ANSWER);
        PortalLinks.Claims claims = links.verify(token);
        Invoice invoice = answers.openInvoice(claims);
        Map<String, String> errors = new LinkedHashMap<>();
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty() || ref.length() > 140) {
            errors.put("reference", "Please give the payment's reference (up to 140 characters).");
        }
        LocalDate date = date(paidOn, "paidOn", errors);
        if (date != null && date.isAfter(today(invoice))) {
            errors.put("paidOn", "The payment date cannot be in the future.");
        }
        if (!errors.isEmpty()) {
            return invalid(model, claims, token, errors, response);
        }
        answers.paid(claims, ref, date);
        return answered(model, "paid", invoice);
    }

    @ExceptionHandler(PortalLinks.RefusedLink.class)
    String refused(PortalLinks.RefusedLink e, Model model, HttpServletResponse response) {
        boolean expired = e.refusal() == PortalLinks.Refusal.EXPIRED;
        response.setStatus(expired ? HttpStatus.GONE.value() : HttpStatus.FORBIDDEN.value());
        model.addAttribute("reason", expired ? "expired" : "invalid");
        return "portal/refused";
    }

    @ExceptionHandler(CustomerAnswers.InvoiceClosed.class)
    String closed(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        model.addAttribute("reason", "closed");
        return "portal/refused";
    }

    @ExceptionHandler(Throttled.class)
    String throttled(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", "3600");
        model.addAttribute("reason", "throttled");
        return "portal/refused";
    }

    private String show(Model model, PortalLinks.Claims claims, String token, Map<String, String> errors) {
        Invoice invoice = answers.openInvoice(claims);
        Locale locale = invoice.getCustomer().locale();
        LocalDate today = today(invoice);
        model.addAttribute("token", token);
        model.addAttribute("invoiceNumber", invoice.getNumber());
        model.addAttribute("customerName", invoice.getCustomer().getName());
        model.addAttribute("dueDate", invoice.getDueDate());
        model.addAttribute("outstanding", money(invoice, invoice.getOutstandingAmount(), locale));
        model.addAttribute("today", today);
        model.addAttribute("latestPromise", today.plusDays(properties.maxPromiseDays()));
        model.addAttribute("errors", errors);
        return "portal/invoice";
    }

    private String invalid(Model model, PortalLinks.Claims claims, String token, Map<String, String> errors,
                           HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return show(model, claims, token, errors);
    }

    private String answered(Model model, String kind, Invoice invoice) {
        model.addAttribute("kind", kind);
        model.addAttribute("invoiceNumber", invoice.getNumber());
        return "portal/answered";
    }

    private void throttle(HttpServletRequest request, int cost) {
        if (!rateLimit.allow(request.getRemoteAddr(), cost)) {
            throw new Throttled();
        }
    }

    private LocalDate today(Invoice invoice) {
        return LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            errors.put(field, "Please give a date.");
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Please give a date as YYYY-MM-DD.");
            return null;
        }
    }

    private static String fileName(String original) {
        String name = original == null ? "document" : original.replaceAll(".*[/\\\\]", "");
        name = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String money(Invoice invoice, BigDecimal value, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(invoice.getCurrency());
        return format.format(value);
    }
}
