package com.relance.observability;

import com.relance.invoice.InvoiceRepository;
import com.relance.invoice.OutstandingByAge;
import com.relance.security.Groups;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gauges of the work in progress, read on scrape from a snapshot at most {@link #MAX_AGE} old (a
 * few count queries and one aggregate query per refresh, whatever the scrape rate):
 * <ul>
 *   <li>{@code relance.incidents.open}: the engine's open incidents (failed jobs out of retries);</li>
 *   <li>{@code relance.tasks.open{group}}: open tasks, assigned or not, per candidate group;</li>
 *   <li>{@code relance.outstanding.amount{bucket,currency}}: what open invoices still owe, by days
 *   past due (not-due, 1-30, 31-60, 61-90, 90+), per currency.</li>
 * </ul>
 */
@Component
public class RelanceGauges implements MeterBinder {

    static final Duration MAX_AGE = Duration.ofSeconds(30);
    static final List<String> TASK_GROUPS = List.of(Groups.ACCOUNTING, Groups.SALES, Groups.CREDIT_MANAGEMENT,
            Groups.LEGAL);
    static final List<String> BUCKETS = List.of("not-due", "1-30", "31-60", "61-90", "90+");

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final IdentityService identity;
    private final InvoiceRepository invoices;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    private volatile MeterRegistry registry;
    private volatile Snapshot snapshot;
    private long takenAt;

    RelanceGauges(RuntimeService runtime, TaskService tasks, IdentityService identity, InvoiceRepository invoices,
                  PlatformTransactionManager transactionManager, Clock clock) {
        this.runtime = runtime;
        this.tasks = tasks;
        this.identity = identity;
        this.invoices = invoices;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    record Snapshot(long incidents, Map<String, Long> tasksByGroup, Map<String, Map<String, BigDecimal>> outstanding) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("relance.incidents.open", this, g -> g.current().incidents())
                .description("Open incidents in the engine (jobs out of retries)").register(registry);
        for (String group : TASK_GROUPS) {
            Gauge.builder("relance.tasks.open", this, g -> g.current().tasksByGroup().getOrDefault(group, 0L))
                    .description("Open tasks (assigned or not) by candidate group").tag("group", group)
                    .register(registry);
        }
        // relance.outstanding.amount: one gauge per bucket and currency, registered as currencies appear
    }

    /** The snapshot, taken again when older than {@link #MAX_AGE}. */
    Snapshot current() {
        synchronized (this) {
            if (snapshot == null || System.nanoTime() - takenAt > MAX_AGE.toNanos()) {
                refresh();
            }
            return snapshot;
        }
    }

    /** Reads the figures now (and registers the outstanding gauges of any currency seen the first time). */
    synchronized Snapshot refresh() {
        // The scrape's own user (set for the engine by the API chain) must not narrow the counts to
        // what that user may see: the engine's authorizations are left out here, and restored after.
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            long incidents = runtime.createIncidentQuery().count();
            Map<String, Long> byGroup = new LinkedHashMap<>();
            for (String group : TASK_GROUPS) {
                byGroup.put(group, tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count());
            }
            Map<String, Map<String, BigDecimal>> outstanding = new LinkedHashMap<>();
            List<OutstandingByAge> rows = readOnly.execute(s -> invoices.outstandingByAge(LocalDate.now(clock)));
            for (OutstandingByAge row : rows) {
                Map<String, BigDecimal> buckets = new LinkedHashMap<>();
                buckets.put("not-due", row.notDue());
                buckets.put("1-30", row.late1To30());
                buckets.put("31-60", row.late31To60());
                buckets.put("61-90", row.late61To90());
                buckets.put("90+", row.lateOver90());
                outstanding.put(row.currency().getCurrencyCode(), buckets);
            }
            if (snapshot != null) {
                // a currency no longer owed anything reads 0, not its last amount
                snapshot.outstanding().keySet().forEach(c -> outstanding.putIfAbsent(c, Map.of()));
            }
            snapshot = new Snapshot(incidents, byGroup, outstanding);
            takenAt = System.nanoTime();
            outstanding.keySet().forEach(this::registerCurrency);
            return snapshot;
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    private void registerCurrency(String currency) {
        MeterRegistry meters = registry;
        if (meters == null) {
            return;
        }
        for (String bucket : BUCKETS) {
            Function<RelanceGauges, Double> value = g -> {
                BigDecimal amount = g.current().outstanding().getOrDefault(currency, Map.of()).get(bucket);
                return amount == null ? 0 : amount.doubleValue();
            };
            // registering an existing gauge again returns it: nothing doubles
            Gauge.builder("relance.outstanding.amount", this, g -> value.apply(g))
                    .description("Outstanding amount of open invoices by days past due and currency")
                    .tag("bucket", bucket).tag("currency", currency).register(meters);
        }
    }
}
