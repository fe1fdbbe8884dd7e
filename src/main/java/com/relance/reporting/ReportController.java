package com.relance.reporting;

import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dashboards' figures as JSON (HTTP Basic): credit management, accounting, auditors and admins
 * (SecurityConfiguration). Salespeople are refused: these figures add up every customer's, and
 * a salesperson sees their own customers only.
 */
@RestController
@RequestMapping("/api/reports")
class ReportController {

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/dashboard")
    Reports.Dashboard dashboard() {
        return reports.dashboard();
    }

    @GetMapping("/aging")
    List<AgingBalance.Row> aging() {
        return reports.aging(reports.today());
    }

    /** DSO (countback) and CEI per currency over the last 12 months, the current month to date. */
    @GetMapping("/collection")
    List<Reports.CurrencyMeasures> collection() {
        return reports.collection(reports.today());
    }

    @GetMapping("/stages")
    List<Reports.StageAmount> stages() {
        return reports.stages();
    }

    @GetMapping("/promises")
    PromiseKeeping.Summary promises() {
        return reports.promises(reports.today());
    }

    @GetMapping("/reminders")
    List<Reports.ChannelMonth> reminders() {
        LocalDate today = reports.today();
        return reports.reminders(today);
    }

    @GetMapping("/disputes")
    Reports.OpenDisputes disputes() {
        return reports.disputes();
    }
}
