package com.relance.benchmark;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.relance.EngineClock;
import com.relance.RelanceApplication;
import com.relance.invoice.InvoiceCsvImport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue F6 item 5: throughput of Relance's real path against the bare engine's floor, in one JVM
 * and one application context (same engine, same database, same connection pool). Measured, never
 * asserted: it prints a table and fails only when the work did not happen (jobs failed, mails not
 * sent). Not part of {@code ./mvnw verify}: tagged {@code benchmark}, run with {@code ./mvnw -Pbench test}.
 *
 * <p>(a) floor: {@code bench-floor}, deployed here, with the timers and service tasks an invoice
 * passes from intake to its first reminder, each a no-op: start → two service tasks (as the policy's
 * decision and its application) → timer → asyncBefore service task (as the send) → second timer,
 * where it waits (as for level 1). (b) Relance: invoices imported through {@link InvoiceCsvImport} (each line starts
 * {@code invoice-dunning}: DMN policy, schedule, salesperson's grant), then the pre-due reminder's
 * timer job and its asyncBefore send job (email rendered with its invoice-copy PDF, delivered over
 * SMTP to GreenMail on loopback, kept in the communication log). Both sides: starts on one thread
 * in transactions of {@code bench.batch} instances (one CSV file of that many lines for Relance);
 * jobs by a fixed pool of {@code bench.threads} threads calling {@code managementService.executeJob}
 * (the job executor is off, so acquisition does not blur the per-job times).
 *
 * <p>System properties: {@code bench.sizes} (default 1000,10000), {@code bench.db} (h2 | postgres),
 * {@code bench.threads} (4), {@code bench.batch} (1000), {@code bench.warmup} (300),
 * {@code relance.test.smtp-port} (GreenMail's port, 3125).
 */
@Tag("benchmark")
class DunningBenchmark {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Invoices are registered on this day; due on 2026-03-31, their pre-due reminder is due on 03-26 09:00 Paris. */
    private static final Instant INTAKE_TIME = LocalDate.of(2026, 3, 20).atTime(10, 0).atZone(PARIS).toInstant();
    private static final Instant REMINDER_TIME = LocalDate.of(2026, 3, 26).atTime(LocalTime.of(9, 0, 30)).atZone(PARIS).toInstant();
    private static final Date FLOOR_TIMER = Date.from(LocalDate.of(2026, 3, 26).atTime(9, 0).atZone(PARIS).toInstant());
    /** The floor's second timer, as Relance's instances then wait for level 1. */
    private static final Date FLOOR_NEXT = Date.from(LocalDate.of(2026, 4, 8).atTime(9, 0).atZone(PARIS).toInstant());

    private static final String CSV_HEADER = "invoice_number,customer_number,customer_name,customer_email,customer_phone,"
            + "customer_language,customer_country,customer_segment,sales_rep,issue_date,due_date,currency,amount,open_amount\n";

    private final String db = System.getProperty("bench.db", "h2");
    private final List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,10000").split(","))
            .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    private final int threads = Integer.getInteger("bench.threads", 4);
    private final int batch = Integer.getInteger("bench.batch", 1000);
    private final int warmup = Integer.getInteger("bench.warmup", 300);
    private final int smtpPort = Integer.getInteger("relance.test.smtp-port", 3125);

    private ConfigurableApplicationContext app;
    private RuntimeService runtime;
    private ManagementService management;
    private TransactionTemplate tx;
    private JdbcTemplate jdbc;
    private InvoiceCsvImport csvImport;
    private int run;

    @Test
    void floorVersusRelance() throws Exception {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        // GreenMail keeps every message in this JVM's heap: empty it as it fills, so the heap peak is Relance's.
        var purger = Executors.newSingleThreadScheduledExecutor();
        AtomicLong mailsSeen = new AtomicLong();
        purger.scheduleWithFixedDelay(() -> {
            int seen = greenMail.getReceivedMessages().length;
            if (seen > 0) {
                mailsSeen.addAndGet(seen); // a message arriving between these two calls goes uncounted
                try {
                    greenMail.purgeEmailFromAllMailboxes();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        EmbeddedPostgres postgres = db.equals("postgres") ? postgres() : null;
        try {
            long t0 = System.nanoTime();
            app = start(postgres);
            System.out.printf("%nApplication started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            runtime = app.getBean(RuntimeService.class);
            management = app.getBean(ManagementService.class);
            tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
            jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            csvImport = app.getBean(InvoiceCsvImport.class);
            deployFloor(app.getBean(RepositoryService.class));

            // Warm-up (JIT, caches, connection pool): both sides once, not reported.
            if (warmup > 0) {
                floor(warmup);
                relance(warmup);
                System.out.printf("Warm-up done (%d instances each side); GreenMail received ~%d mails so far%n",
                        warmup, mailsSeen.get() + greenMail.getReceivedMessages().length);
            }
            List<String[]> rows = new ArrayList<>();
            List<String[]> details = new ArrayList<>();
            for (int n : sizes) {
                if (Boolean.getBoolean("bench.tasklist-only")) {
                    importOnly(n);
                    continue;
                }
                Side a = floor(n);
                Side b = relance(n);
                rows.add(row(n, a, b));
                details.add(detail(n, "floor", a));
                details.add(detail(n, "Relance", b));
                System.out.println("N=" + n + ": Relance reminder jobs, where the worker threads were (% of stack samples): " + b.profile);
                System.out.println("N=" + n + ": Relance intake, where the importing thread was (% of stack samples): " + b.intakeProfile);
                print(rows, details); // after each size: a long run that is stopped still shows what it measured
            }
            tasklistQueries();
        } finally {
            if (app != null) {
                app.close();
            }
            EngineClock.reset();
            purger.shutdownNow();
            greenMail.stop();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    // ---------------------------------------------------------------- the two sides

    /** @param lastToFirst start rate of the last tenth of the batches over the first tenth's (NaN: under 2 batches) */
    private record Side(int n, double startsPerSecond, double lastToFirst, double jobsPerSecond, int jobs, Latency all, Latency timer,
                        Latency second, long heapPeakStarts, long heapPeakJobs, long gcMillis,
                        Long engineHistoryBytes, Long relanceBytes, Map<String, Integer> profile,
                        Map<String, Integer> intakeProfile) {
    }

    private Side floor(int n) throws Exception {
        EngineClock.moveTo(INTAKE_TIME);
        String prefix = "F-" + (++run) + "-";
        Sizes before = sizes();
        long gc0 = gcMillis();
        resetHeapPeak();
        Map<String, Long> inserted0 = rowsInserted();
        long t0 = System.nanoTime();
        List<Double> batchRates = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            int first = from, last = Math.min(n, from + batch);
            long b0 = System.nanoTime();
            tx.executeWithoutResult(status -> {
                for (int i = first; i < last; i++) {
                    runtime.startProcessInstanceByKey("bench-floor", prefix + i, Map.of("benchDue", FLOOR_TIMER, "benchNext", FLOOR_NEXT));
                }
            });
            batchRates.add((last - first) / seconds(b0));
        }
        double starts = n / seconds(t0);
        long heapStarts = heapPeak();
        printRowsPerInstance("floor starts", n, inserted0);

        EngineClock.moveTo(REMINDER_TIME);
        resetHeapPeak();
        JobRun timers = runJobs("bench-floor", n, null);
        JobRun async = runJobs("bench-floor", n, null);
        long heapJobs = heapPeak();
        long waiting = runtime.createProcessInstanceQuery().processDefinitionKey("bench-floor")
                .activityIdIn("Timer_BenchNext").count();
        check(waiting >= n, "floor: only " + waiting + " instances wait at their second timer");
        Sizes after = sizes();
        return new Side(n, starts, lastToFirst(batchRates), (timers.count + async.count) / (timers.seconds + async.seconds),
                timers.count + async.count, Latency.of(timers, async), Latency.of(timers), Latency.of(async),
                heapStarts, heapJobs, gcMillis() - gc0, after.delta(before, true, n), after.delta(before, false, n),
                Map.of(), Map.of());
    }

    private Side relance(int n) throws Exception {
        EngineClock.moveTo(INTAKE_TIME);
        List<String> files = csvFiles("B-" + (++run) + "-", n);
        long running0 = runtime.createProcessInstanceQuery().processDefinitionKey("invoice-dunning").count();
        long sent0 = sentCount();
        Sizes before = sizes();
        long gc0 = gcMillis();
        resetHeapPeak();
        Map<String, Long> inserted0 = rowsInserted();
        Sampler intakeSampler = new Sampler(Set.of(Thread.currentThread().getId()));
        intakeSampler.start();
        statementStatistics(true, "Intake");
        long t0 = System.nanoTime();
        List<Double> batchRates = new ArrayList<>();
        for (String file : files) {
            long b0 = System.nanoTime();
            InvoiceCsvImport.Summary summary = csvImport.importCsv(file);
            check(summary.created() == summary.lines(), "import: " + summary);
            batchRates.add(summary.lines() / seconds(b0));
        }
        double starts = n / seconds(t0);
        Map<String, Integer> intakeProfile = intakeSampler.stop();
        statementStatistics(false, "Intake");
        System.out.println("N=" + n + ": Relance intake by innermost Relance method (% of samples): " + intakeSampler.topCallers());
        printRowsPerInstance("Relance intake", n, inserted0);
        long heapStarts = heapPeak();
        long running = runtime.createProcessInstanceQuery().processDefinitionKey("invoice-dunning").count() - running0;
        check(running == n, "Relance: " + running + " processes running, " + n + " expected");

        EngineClock.moveTo(REMINDER_TIME);
        resetHeapPeak();
        Sampler sampler = new Sampler(null);
        JobRun timers = runJobs("invoice-dunning", n, sampler);
        JobRun sends = runJobs("invoice-dunning", n, sampler);
        Map<String, Integer> profile = sampler.stop();
        System.out.println("N=" + n + ": Relance reminder jobs by innermost Relance method (% of samples): " + sampler.topCallers());
        long heapJobs = heapPeak();
        long sent = sentCount() - sent0;
        check(sent == n, "Relance: " + sent + " pre-due reminders sent, " + n + " expected");
        long waiting = runtime.createProcessInstanceQuery().processDefinitionKey("invoice-dunning")
                .activityIdIn("Timer_Level1Due").count();
        check(waiting >= n, "Relance: only " + waiting + " instances wait for level 1");
        Sizes after = sizes();
        return new Side(n, starts, lastToFirst(batchRates), (timers.count + sends.count) / (timers.seconds + sends.seconds),
                timers.count + sends.count, Latency.of(timers, sends), Latency.of(timers), Latency.of(sends),
                heapStarts, heapJobs, gcMillis() - gc0, after.delta(before, true, n), after.delta(before, false, n),
                profile, intakeProfile);
    }

    private List<String> csvFiles(String prefix, int n) {
        List<String> files = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            StringBuilder csv = new StringBuilder(CSV_HEADER);
            for (int i = from; i < Math.min(n, from + batch); i++) {
                String number = prefix + i;
                csv.append(number).append(",C-").append(number).append(",Client ").append(number)
                        .append(",billing-").append(number.toLowerCase(Locale.ROOT)).append("@customer.test")
                        .append(",+33 1 23 45 67 89,fr,FR,sme,sam,2026-03-01,2026-03-31,EUR,1250.00,1250.00\n");
            }
            files.add(csv.toString());
        }
        return files;
    }

    /**
     * {@code -Dbench.tasklist-only=true}: N invoices in (they wait for their pre-due reminder), no floor
     * and no jobs, for the Tasklist phase at a size whose full run takes an hour.
     */
    private void importOnly(int n) {
        EngineClock.moveTo(INTAKE_TIME);
        long t0 = System.nanoTime();
        for (String file : csvFiles("T-" + (++run) + "-", n)) {
            InvoiceCsvImport.Summary summary = csvImport.importCsv(file);
            check(summary.created() == summary.lines(), "import: " + summary);
        }
        System.out.printf(Locale.ROOT, "N=%d imported (Tasklist only) at %.0f invoices/s%n", n, n / seconds(t0));
    }

    /**
     * {@code -Dbench.sql=true} on H2: the statements that took a phase's database time (H2's own
     * query statistics), printed when the phase ends.
     */
    private void statementStatistics(boolean start, String phase) {
        if (!Boolean.getBoolean("bench.sql") || db.equals("postgres")) {
            return;
        }
        if (start) {
            jdbc.execute("set query_statistics true");
            jdbc.execute("set query_statistics_max_entries 500");
            return;
        }
        System.out.println(phase + ": statements by cumulative time (H2 query statistics)");
        jdbc.query("select execution_count, cumulative_execution_time, sql_statement from information_schema.query_statistics "
                        + "order by cumulative_execution_time desc limit 25",
                rs -> {
                    System.out.printf(Locale.ROOT, "%8d x %9.1f ms  %s%n", rs.getLong(1), rs.getDouble(2),
                            abbreviated(rs.getString(3).replaceAll("\\s+", " ")));
                });
        jdbc.execute("set query_statistics false");
    }

    private static String abbreviated(String sql) {
        return sql.length() <= 600 ? sql : sql.substring(0, 600) + " …";
    }

    private long sentCount() {
        Long count = jdbc.queryForObject("select count(*) from communication where status = 'SENT'", Long.class);
        return count == null ? 0 : count;
    }

    // ---------------------------------------------------------------- jobs

    private record JobRun(int count, double seconds, long[] nanos) {
    }

    /** Every job of the definition due now (expected: n), by a fixed pool of threads, each job timed. */
    private JobRun runJobs(String processDefinitionKey, int expected, Sampler sampler) throws Exception {
        List<String> ids = new ArrayList<>(expected);
        int page = 5_000;
        for (int first = 0; ; first += page) {
            List<Job> jobs = management.createJobQuery().processDefinitionKey(processDefinitionKey).executable()
                    .orderByJobId().asc().listPage(first, page);
            jobs.forEach(j -> ids.add(j.getId()));
            if (jobs.size() < page) {
                break;
            }
        }
        check(ids.size() == expected, processDefinitionKey + ": " + ids.size() + " jobs due, " + expected + " expected");
        long[] nanos = new long[ids.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-job");
            t.setDaemon(true);
            return t;
        });
        Set<Long> workerIds = ConcurrentHashMap.newKeySet();
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                workerIds.add(Thread.currentThread().getId());
                int i;
                while ((i = next.getAndIncrement()) < nanos.length) {
                    long s = System.nanoTime();
                    try {
                        management.executeJob(ids.get(i));
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                    nanos[i] = System.nanoTime() - s;
                }
            }));
        }
        if (sampler != null) {
            Thread.sleep(20);
            sampler.watch(workerIds);
            sampler.start();
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = seconds(t0);
        if (sampler != null) {
            sampler.pause();
        }
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " jobs of " + processDefinitionKey + " failed", firstFailure.get());
        }
        return new JobRun(nanos.length, seconds, nanos);
    }

    private record Latency(double p50, double p95) {
        static Latency of(JobRun... runs) {
            long[] all = Arrays.stream(runs).flatMapToLong(r -> Arrays.stream(r.nanos)).sorted().toArray();
            return new Latency(all[(int) Math.floor(0.50 * (all.length - 1))] / 1e6,
                    all[(int) Math.floor(0.95 * (all.length - 1))] / 1e6);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f / %.2f", p50, p95);
        }
    }

    /**
     * Where the watched threads spend their time: a stack sample every 10 ms, counted under the
     * first (innermost) frame that belongs to a known cost. Coarse, but it names the biggest cost.
     */
    private static final class Sampler {
        private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

        static {
            CATEGORIES.put("com.openhtmltopdf", "PDF rendering (openhtmltopdf)");
            CATEGORIES.put("org.apache.pdfbox", "PDF rendering (openhtmltopdf)");
            CATEGORIES.put("org.apache.fontbox", "PDF rendering (openhtmltopdf)");
            CATEGORIES.put("org.thymeleaf", "HTML/text templates (Thymeleaf)");
            CATEGORIES.put("org.attoparser", "HTML/text templates (Thymeleaf)");
            CATEGORIES.put("org.eclipse.angus.mail", "SMTP (Jakarta Mail)");
            CATEGORIES.put("jakarta.mail", "SMTP (Jakarta Mail)");
            CATEGORIES.put("org.camunda.bpm.dmn", "DMN decision");
            CATEGORIES.put("org.camunda.feel", "DMN decision");
            CATEGORIES.put("org.h2", "database (H2)");
            CATEGORIES.put("org.postgresql", "database (PostgreSQL driver)");
            CATEGORIES.put("com.zaxxer.hikari", "database (pool)");
            CATEGORIES.put("org.hibernate", "JPA (Hibernate)");
            CATEGORIES.put("org.apache.ibatis", "engine persistence (MyBatis)");
            CATEGORIES.put("com.fasterxml.jackson", "JSON (Jackson/Spin)");
            CATEGORIES.put("org.camunda.spin", "JSON (Jackson/Spin)");
            CATEGORIES.put("com.google.i18n.phonenumbers", "phone numbers");
            CATEGORIES.put("de.focus_shift", "holiday calendar");
            CATEGORIES.put("org.camunda", "engine (other)");
            CATEGORIES.put("com.relance", "Relance code (other)");
        }

        private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        private final Map<String, Integer> counts = new ConcurrentHashMap<>();
        /** The same samples by their innermost Relance method: which of Relance's steps the time goes to. */
        private final Map<String, Integer> callers = new ConcurrentHashMap<>();
        private volatile Set<Long> watched;
        private volatile boolean running;
        private Thread thread;

        Sampler(Set<Long> watched) {
            this.watched = watched;
        }

        void watch(Set<Long> ids) {
            this.watched = ids;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    Set<Long> ids = watched;
                    if (ids != null && !ids.isEmpty()) {
                        for (ThreadInfo info : mx.getThreadInfo(ids.stream().mapToLong(Long::longValue).toArray(), 200)) {
                            if (info != null && info.getThreadState() != Thread.State.WAITING) {
                                counts.merge(classify(info.getStackTrace()), 1, Integer::sum);
                                callers.merge(relanceFrame(info.getStackTrace()), 1, Integer::sum);
                            }
                        }
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void pause() throws InterruptedException {
            running = false;
            thread.join();
        }

        Map<String, Integer> stop() throws InterruptedException {
            if (running) {
                pause();
            }
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            Map<String, Integer> percent = new LinkedHashMap<>();
            counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(e -> percent.put(e.getKey(), (int) Math.round(100.0 * e.getValue() / Math.max(1, total))));
            return percent;
        }

        private static String relanceFrame(StackTraceElement[] stack) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().startsWith("com.relance.") && !frame.getClassName().contains("$$")
                        && !frame.getClassName().startsWith("com.relance.benchmark")) {
                    return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName();
                }
            }
            return "(no Relance frame)";
        }

        /** Top Relance methods, % of samples. */
        String topCallers() {
            int total = callers.values().stream().mapToInt(Integer::intValue).sum();
            return callers.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
                    .map(e -> e.getKey() + "=" + Math.round(100.0 * e.getValue() / Math.max(1, total)))
                    .collect(Collectors.joining(", ", "{", "}"));
        }

        private static String classify(StackTraceElement[] stack) {
            for (StackTraceElement frame : stack) {
                for (Map.Entry<String, String> c : CATEGORIES.entrySet()) {
                    if (frame.getClassName().startsWith(c.getKey())) {
                        return c.getValue();
                    }
                }
            }
            return "other (JDK, Spring)";
        }
    }

    // ---------------------------------------------------------------- memory, storage

    private static void resetHeapPeak() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound: pools peak at different moments). */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .filter(t -> t > 0).sum();
    }

    /** On PostgreSQL: rows inserted so far per table (the statistics collector's counters). */
    private Map<String, Long> rowsInserted() throws InterruptedException {
        if (!db.equals("postgres")) {
            return Map.of();
        }
        Thread.sleep(1000); // the collector publishes a backend's counts at most every 500 ms
        Map<String, Long> rows = new LinkedHashMap<>();
        jdbc.query("select relname, n_tup_ins from pg_stat_user_tables", rs -> {
            rows.put(rs.getString(1).toUpperCase(Locale.ROOT), rs.getLong(2));
        });
        return rows;
    }

    /** Where a start writes: rows per instance by table, the largest first. */
    private void printRowsPerInstance(String phase, int n, Map<String, Long> before) throws InterruptedException {
        if (before.isEmpty()) {
            return;
        }
        Map<String, Long> after = rowsInserted();
        String byTable = after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s=%.1f", e.getKey(), e.getValue() / (double) n))
                .collect(Collectors.joining(", "));
        long total = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        System.out.printf(Locale.ROOT, "N=%d: %s, rows inserted per instance: %.1f in all: %s%n", n, phase,
                total / (double) n, byTable);
    }

    /** On PostgreSQL: bytes of the engine's history tables (ACT_HI_*) and of Relance's own tables. */
    private record Sizes(Long history, Long relance) {
        Long delta(Sizes before, boolean engineHistory, int n) {
            Long a = engineHistory ? history : relance, b = engineHistory ? before.history : before.relance;
            return a == null || b == null ? null : (a - b) / n;
        }
    }

    private Sizes sizes() {
        if (!db.equals("postgres")) {
            return new Sizes(null, null);
        }
        jdbc.execute("checkpoint");
        String sum = "select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c join pg_namespace n "
                + "on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and ";
        return new Sizes(jdbc.queryForObject(sum + "c.relname like 'act\\_hi\\_%'", Long.class),
                jdbc.queryForObject(sum + "c.relname not like 'act\\_%' and c.relname <> 'flyway_schema_history'", Long.class));
    }

    // ---------------------------------------------------------------- set-up

    private static void deployFloor(RepositoryService repository) {
        BpmnModelInstance floor = Bpmn.createExecutableProcess("bench-floor").camundaHistoryTimeToLive(1)
                .startEvent()
                .serviceTask("Task_NoOpDecide").camundaExpression("${null}")
                .serviceTask("Task_NoOpApply").camundaExpression("${null}")
                .intermediateCatchEvent("Timer_BenchDue").timerWithDate("${benchDue}")
                .serviceTask("Task_NoOp").camundaAsyncBefore().camundaExpression("${null}")
                .intermediateCatchEvent("Timer_BenchNext").timerWithDate("${benchNext}")
                .endEvent()
                .done();
        repository.createDeployment().name("bench-floor").addModelInstance("bench-floor.bpmn", floor)
                .enableDuplicateFiltering(true).deploy();
    }

    /**
     * The whole application, its job executor off (the benchmark runs jobs with its own pool). H2:
     * the test profile's settings on a database of its own; PostgreSQL: the prod profile, as
     * ProductionProfileTest starts it. Either way SMS go to the log (the pre-due reminder is an email).
     */
    private ConfigurableApplicationContext start(EmbeddedPostgres postgres) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--camunda.bpm.process-engine-name=bench",
                "--camunda.bpm.job-execution.enabled=false",
                "--relance.sms.gateway=log",
                "--logging.level.com.relance=WARN",
                "--logging.level.org.camunda=WARN"));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(RelanceApplication.class, BenchClock.class);
        if (postgres != null) {
            builder.profiles("prod");
            args.addAll(List.of(
                    "--RELANCE_DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "--RELANCE_DB_USER=postgres",
                    "--RELANCE_DB_PASSWORD=postgres",
                    "--RELANCE_SMTP_HOST=127.0.0.1",
                    "--RELANCE_SMTP_PORT=" + smtpPort,
                    "--RELANCE_PORTAL_SECRET=benchmark-secret-0123456789-0123456789",
                    "--RELANCE_CALENDAR_SECRET=calendar-test-secret-0123456789-0123456789",
                    "--RELANCE_ADMIN_PASSWORD=bench-admin-password"));
        } else {
            builder.profiles("test");
            // h2-file: the demo's kind of database, on disk, for sizes whose history outgrows the heap.
            args.add(db.equals("h2-file")
                    ? "--spring.datasource.url=jdbc:h2:file:./target/bench-h2/relance-" + ProcessHandle.current().pid()
                            + ";WRITE_DELAY=0"
                    : "--spring.datasource.url=jdbc:h2:mem:relance-bench;DB_CLOSE_DELAY=-1");
        }
        return builder.run(args.toArray(String[]::new));
    }

    /**
     * {@code -Dbench.explain=true}: PostgreSQL logs the plan (with actual times) of every statement
     * slower than 100 ms ({@code -Dbench.explain-ms}), through its bundled auto_explain module.
     */
    private static EmbeddedPostgres postgres() throws java.io.IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (Boolean.getBoolean("bench.explain")) {
            builder.setServerConfig("shared_preload_libraries", "auto_explain")
                    .setServerConfig("auto_explain.log_min_duration", System.getProperty("bench.explain-ms", "100") + "ms")
                    .setServerConfig("auto_explain.log_analyze", "on");
        }
        return builder.start();
    }

    /** Relance's time is the engine's: the benchmark puts both at the reminders' morning. */
    static class BenchClock {
        @Bean
        @Primary
        Clock engineClock() {
            return new EngineClock();
        }
    }

    // ---------------------------------------------------------------- output

    /**
     * The Tasklist's queries with every instance of the run still running (each size's invoices wait
     * for level 1): {@code bench.tasks} of them (2,000) are moved to "Call the customer" so the
     * queues hold work, then each user opens their filter as the Tasklist does: a page of 15 with
     * the shown variables, and the count, with the engine's authorization checks on (the
     * salesperson's go through one READ grant per instance). 5 warm-up rounds, 50 measured.
     */
    private void tasklistQueries() {
        long running = runtime.createProcessInstanceQuery().processDefinitionKey("invoice-dunning").count();
        int wanted = Integer.getInteger("bench.tasks", 2000);
        List<String> waiting = runtime.createProcessInstanceQuery().processDefinitionKey("invoice-dunning")
                .activityIdIn("Timer_Level1Due", "Timer_PreDueReminderDue").listPage(0, wanted).stream().map(ProcessInstance::getId).toList();
        for (int from = 0; from < waiting.size(); from += 500) {
            List<String> slice = waiting.subList(from, Math.min(waiting.size(), from + 500));
            tx.executeWithoutResult(status -> slice.forEach(id -> runtime.createProcessInstanceModification(id)
                    .startBeforeActivity("Task_CallCustomer").execute()));
        }
        TaskService tasks = app.getBean(TaskService.class);
        FilterService filters = app.getBean(FilterService.class);
        IdentityService identities = app.getBean(IdentityService.class);
        long open = tasks.createTaskQuery().count();
        int extraGrants = Integer.getInteger("bench.extra-grants", 0);
        if (extraGrants > 0 && db.equals("postgres")) {
            // Experiment: as many more per-instance READ grants for sam as a large ledger would give.
            jdbc.update("insert into ACT_RU_AUTHORIZATION (ID_, REV_, TYPE_, USER_ID_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_) "
                    + "select 'xg-' || g, 1, 1, 'sam', 8, 'xi-' || g, 2 from generate_series(1, ?) g", extraGrants);
        }
        if (db.equals("postgres")) {
            // As autovacuum would within its minute: planned on the statistics of empty tables, the
            // first queries after 2,000 tasks appear at once nest-loop tasks × candidate links (690 ms).
            jdbc.execute("analyze");
        }
        statementStatistics(true, "Tasklist");
        List<String[]> rows = new ArrayList<>();
        for (String[] user : new String[][] {{"colette", "accounting", "Accounting queue"}, {"sam", "sales", "My customers"},
                {"carl", "credit-management", "All open tasks"}, {"colette", "accounting", "My tasks"}}) {
            String filterId = filters.createFilterQuery().filterName(user[2]).singleResult().getId();
            long[] nanos = new long[50];
            long[] parts = new long[3]; // page, its variables, count
            long shown = 0;
            try {
                identities.setAuthentication(user[0], List.of(user[1]));
                for (int round = -5; round < nanos.length; round++) {
                    long t0 = System.nanoTime();
                    List<Task> page = filters.listPage(filterId, 0, 15);
                    long t1 = System.nanoTime();
                    for (Task task : page) {
                        tasks.getVariables(task.getId(), List.of("invoiceNumber", "customerName", "outstandingAmount",
                                "currency"));
                    }
                    long t2 = System.nanoTime();
                    shown = filters.count(filterId);
                    if (round >= 0) {
                        nanos[round] = System.nanoTime() - t0;
                        parts[0] += t1 - t0;
                        parts[1] += t2 - t1;
                        parts[2] += System.nanoTime() - t2;
                    }
                }
            } finally {
                identities.clearAuthentication();
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%s, %s: mean ms per round: page %.1f, its variables %.1f, count %.1f%n", user[0],
                    user[2], parts[0] / 50e6, parts[1] / 50e6, parts[2] / 50e6);
            rows.add(new String[] {user[0] + " (" + user[1] + ")", user[2], String.format(Locale.ROOT, "%,d", shown),
                    String.format(Locale.ROOT, "%.1f", nanos[25] / 1e6),
                    String.format(Locale.ROOT, "%.1f", nanos[47] / 1e6) + (nanos[47] / 1e6 < 300 ? " (met)" : " (missed, target < 300)")});
        }
        statementStatistics(false, "Tasklist");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%nTasklist queries, db=%s: %,d running invoice-dunning instances, %,d open tasks (page of 15 + its "
                        + "variables + count, as the logged-in user, authorization checks on)%n", db, running, open));
        table(out, new String[] {"user", "filter", "tasks in filter", "p50 ms", "p95 ms (< 300)"}, rows);
        System.out.println(out);
    }

    /** Does the start rate hold as the tables grow? The last tenth of the batches against the first. */
    private static double lastToFirst(List<Double> batchRates) {
        if (batchRates.size() < 2) {
            return Double.NaN;
        }
        int k = Math.max(1, batchRates.size() / 10);
        double first = batchRates.subList(0, k).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = batchRates.subList(batchRates.size() - k, batchRates.size()).stream()
                .mapToDouble(Double::doubleValue).average().orElseThrow();
        return last / first;
    }

    private static String[] row(int n, Side a, Side b) {
        return new String[] {
                String.format(Locale.ROOT, "%,d", n),
                String.format(Locale.ROOT, "%.0f", a.startsPerSecond),
                String.format(Locale.ROOT, "%.0f", b.startsPerSecond),
                ratio(b.startsPerSecond / a.startsPerSecond, 0.8),
                Double.isNaN(b.lastToFirst) ? "n/a (one batch)" : ratio(b.lastToFirst, 0.8)
                        + String.format(Locale.ROOT, "; floor %.2f", a.lastToFirst),
                String.format(Locale.ROOT, "%.0f", a.jobsPerSecond),
                String.format(Locale.ROOT, "%.0f", b.jobsPerSecond),
                ratio(b.jobsPerSecond / a.jobsPerSecond, 0.7),
                a.all.toString(),
                b.all.toString()};
    }

    private static String ratio(double r, double target) {
        return String.format(Locale.ROOT, "%.2f %s", r, r >= target ? "(met)" : "(missed, target " + target + ")");
    }

    private String[] detail(int n, String side, Side s) {
        return new String[] {
                String.format(Locale.ROOT, "%,d", n), side,
                s.timer.toString(), s.second.toString(),
                String.valueOf(s.heapPeakStarts >> 20), String.valueOf(s.heapPeakJobs >> 20), String.valueOf(s.gcMillis),
                s.engineHistoryBytes == null ? "n/a (H2)" : String.format(Locale.ROOT, "%,d", s.engineHistoryBytes),
                s.relanceBytes == null ? "n/a (H2)" : String.format(Locale.ROOT, "%,d", s.relanceBytes)};
    }

    private void print(List<String[]> rows, List<String[]> details) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n=== Relance dunning benchmark: db=%s, %d cores (availableProcessors), "
                        + "%d job threads, %d instances per start transaction / CSV file, Java %s, max heap %d MB ===%n",
                db, Runtime.getRuntime().availableProcessors(), threads, batch, System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20));
        out.append("Load average (1/5/15 min, whole machine) at print time: " + loadAverage()
                + " -- other processes on the machine compete for the same cores.\n");
        out.append("Starts: floor = two no-op service tasks to a timer; Relance = CSV line, DMN policy, its application, "
                + "pre-due timer.\nJobs: floor = timer + asyncBefore no-op per instance, then a second timer; Relance = "
                + "pre-due timer + asyncBefore send (email + invoice-copy PDF over SMTP to GreenMail), then the level 1 "
                + "timer. jobs/s counts both jobs of each instance.\n\n");
        table(out, new String[] {"N", "floor starts/s", "Relance intake/s", "intake ratio (>=0.8)",
                "Relance last/first 10% intake (>=0.8)", "floor jobs/s",
                "Relance reminder jobs/s", "jobs ratio (>=0.7)", "floor p50/p95 ms per job", "Relance p50/p95 ms per job"}, rows);
        out.append('\n');
        table(out, new String[] {"N", "side", "timer job p50/p95 ms", "async job p50/p95 ms", "heap peak starts MB",
                "heap peak jobs MB", "GC ms", "ACT_HI_* bytes/instance", "Relance tables bytes/invoice"}, details);
        out.append(db.equals("postgres")
                ? "Bytes: pg_total_relation_size summed before/after, divided by N. Both sides' instances wait at their "
                        + "second timer (Relance: level 1), so this is not yet a closed invoice's history.\n"
                : "History bytes: measured on PostgreSQL only (-Dbench.db=postgres).\n");
        System.out.println(out);
    }

    private static void table(StringBuilder out, String[] header, List<String[]> rows) {
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append(Arrays.stream(header).map(h -> "---").collect(Collectors.joining("|"))).append("|\n");
        rows.forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
