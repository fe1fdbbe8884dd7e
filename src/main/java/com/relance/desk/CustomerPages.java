package com.relance.desk;

import com.relance.calendar.CalendarEntry;
import com.relance.calendar.CalendarFilter;
import com.relance.calendar.DunningCalendar;
import com.relance.calendar.Viewer;
import com.relance.invoice.CustomerNotFoundException;
import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import com.relance.invoice.InvoiceConflictException;
import com.relance.invoice.InvoiceNotFoundException;
import com.relance.portal.CustomerAnswers;
import com.relance.security.AccessRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The customer pages: a salesperson's customers with what they owe, one customer's situation
 * invoice by invoice, and its buttons (hold, lift, promise, dispute, comment). Forms post with
 * Spring Security's CSRF token; each action redirects back with what happened.
 */
@Controller
class CustomerPages {

    /** How far ahead the customer page looks for each invoice's next step. */
    private static final int NEXT_STEP_DAYS = 366;

    private final CustomerDesk desk;
    private final DunningCalendar calendar;
    private final Clock clock;

    CustomerPages(CustomerDesk desk, DunningCalendar calendar, Clock clock) {
        this.desk = desk;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping("/customers")
    String customers(Authentication user, Model model) {
        boolean seesAll = AccessRules.seesEveryCustomer(AccessRules.groupsOf(user));
        model.addAttribute("section", "customers");
        model.addAttribute("customers", desk.customers(user.getName(), seesAll));
        model.addAttribute("ownOnly", !seesAll);
        return "desk/customers";
    }

    @GetMapping("/customers/{number}")
    String customer(@PathVariable String number, Authentication user, Model model) {
        try {
            model.addAttribute("situation", desk.situation(number));
        } catch (CustomerNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such customer");
        }
        // Each invoice's next step, as the calendar has it (the earliest still waiting, overdue included).
        Map<String, CalendarEntry> next = new HashMap<>();
        calendar.entries(null, calendar.today().plusDays(NEXT_STEP_DAYS), new CalendarFilter(null, null, number, null),
                        Viewer.of(user)).stream()
                .filter(e -> e.customerNumber().equals(number))
                .forEach(e -> next.putIfAbsent(e.invoiceNumber(), e));
        model.addAttribute("nextSteps", next);
        model.addAttribute("timeZone", calendar.timeZone());
        model.addAttribute("section", "customers");
        model.addAttribute("today", LocalDate.now(clock));
        return "desk/customer";
    }

    /** The desk's invoice page, for those who may not read the audit timeline (salespeople). */
    @GetMapping("/invoices/{number}")
    String invoice(@PathVariable String number, Model model) {
        try {
            model.addAttribute("invoice", desk.invoice(number));
            model.addAttribute("customer", desk.customerOf(number));
        } catch (InvoiceNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such invoice");
        }
        model.addAttribute("section", "customers");
        return "desk/invoice";
    }

    @PostMapping("/customers/{number}/invoices/{invoice}/hold")
    String hold(@PathVariable String number, @PathVariable String invoice, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String until, Authentication user, RedirectAttributes flash) {
        return act(number, invoice, flash, "Dunning of " + invoice + " is on hold.",
                () -> desk.hold(invoice, reason, date("until", until), user.getName()));
    }

    @PostMapping("/customers/{number}/invoices/{invoice}/lift")
    String lift(@PathVariable String number, @PathVariable String invoice, RedirectAttributes flash) {
        return act(number, invoice, flash, "The hold on " + invoice + " is lifted: dunning resumes.",
                () -> desk.liftHold(invoice));
    }

    @PostMapping("/customers/{number}/invoices/{invoice}/promise")
    String promise(@PathVariable String number, @PathVariable String invoice,
                   @RequestParam(required = false) String promisedDate, Authentication user, RedirectAttributes flash) {
        return act(number, invoice, flash, "The promise to pay on " + invoice + " is recorded: the ladder waits for it.",
                () -> desk.promise(invoice, date("promisedDate", promisedDate), user.getName()));
    }

    @PostMapping("/customers/{number}/invoices/{invoice}/dispute")
    String dispute(@PathVariable String number, @PathVariable String invoice, @RequestParam(required = false) String reason,
                   Authentication user, RedirectAttributes flash) {
        return act(number, invoice, flash, "The dispute on " + invoice + " is raised: a collector resolves it with you.",
                () -> desk.dispute(invoice, reason, user.getName()));
    }

    @PostMapping("/customers/{number}/invoices/{invoice}/comment")
    String comment(@PathVariable String number, @PathVariable String invoice, @RequestParam(required = false) String comment,
                   Authentication user, RedirectAttributes flash) {
        return act(number, invoice, flash, "Your comment on " + invoice + " is saved.",
                () -> desk.comment(invoice, comment, user.getName()));
    }

    private String act(String customerNumber, String invoiceNumber, RedirectAttributes flash, String done, Runnable action) {
        // The invoice must be this customer's: a form cannot act on another customer's invoice through this page.
        try {
            if (!desk.customerOf(invoiceNumber).getNumber().equals(customerNumber)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such invoice for this customer");
            }
        } catch (InvoiceNotFoundException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such invoice");
        }
        try {
            action.run();
            flash.addFlashAttribute("done", done);
        } catch (InvalidInvoiceException e) {
            flash.addFlashAttribute("errors", e.errors());
            flash.addFlashAttribute("errorInvoice", invoiceNumber);
        } catch (InvoiceConflictException | CustomerAnswers.InvoiceClosed e) {
            flash.addFlashAttribute("errors", List.of(new FieldError("", e.getMessage())));
            flash.addFlashAttribute("errorInvoice", invoiceNumber);
        }
        return "redirect:/customers/" + UriUtils.encodePathSegment(customerNumber, StandardCharsets.UTF_8) + "#invoice-"
                + UriUtils.encodeFragment(invoiceNumber, StandardCharsets.UTF_8);
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInvoiceException(List.of(new FieldError(field, "must be a date (yyyy-mm-dd)")));
        }
    }
}
