package com.relance.reporting;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The dashboards page: every chart has its table beside it (the same numbers, for screen readers
 * and for copying). The charts' data goes to the page as JSON in a data block, drawn by a static
 * script with Chart.js: no inline script, no CDN.
 */
@Controller
class DashboardPage {

    private final Reports reports;

    DashboardPage(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/dashboards")
    String dashboards(Model model) {
        Reports.Dashboard dashboard = reports.dashboard();
        model.addAttribute("section", "dashboards");
        model.addAttribute("d", dashboard);
        model.addAttribute("bucketLabels", bucketLabels());
        model.addAttribute("stageCurrencies", new TreeSet<>(dashboard.stages().stream()
                .map(s -> s.currency().getCurrencyCode()).toList()));
        model.addAttribute("channels", dashboard.remindersByChannel().keySet());
        model.addAttribute("charts", charts(dashboard));
        return "desk/dashboards";
    }

    private static List<String> bucketLabels() {
        return java.util.Arrays.stream(AgingBalance.Bucket.values()).map(AgingBalance.Bucket::label).toList();
    }

    /** Only strings and numbers: what the chart script reads, nothing more. */
    static Map<String, Object> charts(Reports.Dashboard d) {
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("bucketLabels", bucketLabels());
        Map<String, Object> aging = new LinkedHashMap<>();
        for (AgingBalance.Row row : d.aging()) {
            aging.put(row.currency().getCurrencyCode(), Map.of(
                    "amounts", row.cells().stream().map(AgingBalance.Cell::amount).map(DashboardPage::plain).toList(),
                    "counts", row.cells().stream().map(AgingBalance.Cell::count).toList()));
        }
        charts.put("aging", aging);
        Map<String, Object> collection = new LinkedHashMap<>();
        for (Reports.CurrencyMeasures m : d.collection()) {
            collection.put(m.currency().getCurrencyCode(), Map.of(
                    "months", m.periods().stream().map(p -> p.month().toString()).toList(),
                    "dso", m.periods().stream().map(p -> plain(p.dso())).toList(),
                    "cei", m.periods().stream().map(p -> plain(p.cei())).toList()));
        }
        charts.put("collection", collection);
        Map<String, Map<String, Object>> stages = new LinkedHashMap<>();
        for (Reports.StageAmount s : d.stages()) {
            Map<String, Object> currency = stages.computeIfAbsent(s.currency().getCurrencyCode(), c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("stages", new ArrayList<String>());
                m.put("amounts", new ArrayList<BigDecimal>());
                return m;
            });
            castList(currency.get("stages")).add(s.stage());
            castList(currency.get("amounts")).add(plain(s.amount()));
        }
        charts.put("stages", stages);
        Map<String, Object> reminders = new LinkedHashMap<>();
        reminders.put("months", d.reminders().stream().map(m -> m.month().toString()).toList());
        Map<String, List<Long>> series = new LinkedHashMap<>();
        for (String channel : d.remindersByChannel().keySet()) {
            series.put(channel, d.reminders().stream().map(m -> m.byChannel().getOrDefault(channel, 0L)).toList());
        }
        reminders.put("channels", series);
        charts.put("reminders", reminders);
        return charts;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> castList(Object list) {
        return (List<T>) list;
    }

    private static BigDecimal plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros();
    }
}
