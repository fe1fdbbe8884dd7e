package com.relance.simulation;

import com.relance.invoice.InvalidInvoiceException;
import com.relance.progress.BackgroundJobs;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The what-if page: choose a policy (a deployed version or a draft file) and a horizon; the
 * simulation runs in the background, its page shows a progress bar and then the result.
 */
@Controller
class WhatIfPage {

    private final PolicyTables tables;
    private final WhatIf whatIf;
    private final BackgroundJobs jobs;

    WhatIfPage(PolicyTables tables, WhatIf whatIf, BackgroundJobs jobs) {
        this.tables = tables;
        this.whatIf = whatIf;
        this.jobs = jobs;
    }

    /** The desk's navigation marks this page. */
    @ModelAttribute("section")
    String section() {
        return "what-if";
    }

    @GetMapping("/what-if")
    String form(Model model) {
        return form(model, null, null, 60, List.of());
    }

    @PostMapping("/what-if")
    String start(@RequestParam(required = false) Integer version, @RequestParam(required = false) Integer days,
                 @RequestParam(required = false) MultipartFile draft, Principal user, Model model,
                 HttpServletResponse response) {
        try {
            PolicyTables.Table table = new SimulationRequest(version, days, draft).table(tables);
            BackgroundJobs.Job job = whatIf.start(table, days, user.getName());
            return "redirect:/what-if/runs/" + job.id();
        } catch (InvalidInvoiceException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, version, draft == null ? null : draft.getOriginalFilename(), days,
                    e.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
        } catch (BackgroundJobs.TooBusy e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            return form(model, version, null, days, List.of(e.getMessage()));
        }
    }

    @GetMapping("/what-if/runs/{id}")
    String run(@PathVariable String id, Principal user, Model model) {
        BackgroundJobs.Job job = jobs.find(id, user.getName())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No simulation " + id));
        model.addAttribute("job", job);
        if (job.result() instanceof WhatIf.Report report) {
            model.addAttribute("report", report);
            model.addAttribute("r", report.result());
            Set<String> channels = new TreeSet<>(report.result().remindersByChannel().keySet());
            Set<String> groups = new TreeSet<>(report.result().tasksByGroup().keySet());
            model.addAttribute("channels", channels);
            model.addAttribute("groups", groups);
            model.addAttribute("busyDays", report.result().reminders().keySet().stream()
                    .filter(d -> !report.result().reminders().get(d).isEmpty() || !report.result().tasks().get(d).isEmpty())
                    .toList());
            model.addAttribute("charts", charts(report.result(), channels, groups));
        }
        return "desk/what-if-run";
    }

    private String form(Model model, Integer version, String draftName, Integer days, List<String> errors) {
        model.addAttribute("versions", tables.versions());
        model.addAttribute("version", version);
        model.addAttribute("draftName", draftName);
        model.addAttribute("days", days);
        model.addAttribute("horizons", new TreeSet<>(WhatIf.HORIZONS));
        model.addAttribute("errors", errors);
        return "desk/what-if";
    }

    static Map<String, Object> charts(LadderSimulation.Result r, Set<String> channels, Set<String> groups) {
        List<LocalDate> days = List.copyOf(r.reminders().keySet());
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("days", days.stream().map(LocalDate::toString).toList());
        Map<String, List<Integer>> reminders = new LinkedHashMap<>();
        channels.forEach(c -> reminders.put(c, days.stream().map(d -> r.reminders().get(d).getOrDefault(c, 0)).toList()));
        Map<String, List<Integer>> tasks = new LinkedHashMap<>();
        groups.forEach(g -> tasks.put(g, days.stream().map(d -> r.tasks().get(d).getOrDefault(g, 0)).toList()));
        charts.put("reminders", reminders);
        charts.put("tasks", tasks);
        return charts;
    }
}
