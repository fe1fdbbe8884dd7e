package com.relance.reporting;

import com.relance.communication.CommunicationStatus;
import com.relance.dunning.DunningStage;
import com.relance.dunning.ProcessVariables;
import com.relance.invoice.Invoice;
import com.relance.invoice.InvoiceStatus;
import com.relance.policy.DunningPolicy;
import com.relance.portal.CustomerAnswer;
import com.relance.reporting.ReceivableFacts.InvoiceFact;
import com.relance.reporting.ReceivableFacts.PaymentFact;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the credit desk's dashboards, read from Relance's tables (and the engine's open
 * dispute tasks). Every amount stays in its own currency: Relance keeps no exchange rates.
 */
@Service
public class Reports {

    /** DSO, CEI, promises and reminders look back this many months (the current one included). */
    public static final int MONTHS = 12;

    /** The user tasks that are a dispute waiting for its resolution (bpmn/invoice-dunning.bpmn). */
    static final List<String> DISPUTE_TASKS = List.of("Task_ResolveDispute", "Task_ResolveCustomerDispute");

    /** What is not yet at a stage: registered, waiting for its first reminder. */
    public static final String NO_STAGE_YET = "NONE";

    public record StageAmount(Currency currency, String stage, BigDecimal amount, long count) {
    }

    public record CurrencyMeasures(Currency currency, List<CollectionMeasures.Period> periods) {
    }

    /** Reminders sent to customers in one month, by channel (EMAIL, SMS, LETTER). */
    public record ChannelMonth(YearMonth month, Map<String, Long> byChannel) {
    }

    public record OpenDisputes(long count, Map<String, BigDecimal> amountByCurrency, List<String> invoiceNumbers) {
    }

    public record Dashboard(LocalDate asOf, List<AgingBalance.Row> aging, List<CurrencyMeasures> collection,
                            List<StageAmount> stages, PromiseKeeping.Summary promises, int promiseGraceDays,
                            List<ChannelMonth> reminders, Map<String, Long> remindersByChannel,
                            OpenDisputes disputes) {
    }

    private final EntityManager entities;
    private final TaskService tasks;
    private final HistoryService history;
    private final DunningPolicy policy;
    private final Clock clock;

    Reports(EntityManager entities, TaskService tasks, HistoryService history, DunningPolicy policy, Clock clock) {
        this.entities = entities;
        this.tasks = tasks;
        this.history = history;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Dashboard dashboard() {
        LocalDate today = today();
        List<ChannelMonth> reminders = reminders(today);
        Map<String, Long> totals = new TreeMap<>();
        reminders.forEach(m -> m.byChannel().forEach((c, n) -> totals.merge(c, n, Long::sum)));
        return new Dashboard(today, aging(today), collection(today), stages(), promises(today),
                policy.promiseGraceDays(), reminders, totals, disputes());
    }

    @Transactional(readOnly = true)
    public List<AgingBalance.Row> aging(LocalDate today) {
        List<AgingBalance.OpenItem> items = entities.createQuery("""
                        select new com.relance.reporting.AgingBalance$OpenItem(i.currency, i.dueDate, i.outstandingAmount)
                        from Invoice i where i.status = :open""", AgingBalance.OpenItem.class)
                .setParameter("open", InvoiceStatus.OPEN).getResultList();
        return AgingBalance.of(items, today);
    }

    @Transactional(readOnly = true)
    public List<CurrencyMeasures> collection(LocalDate today) {
        ZoneId zone = clock.getZone();
        List<Invoice> all = entities.createQuery("select i from Invoice i", Invoice.class).getResultList();
        Map<Currency, List<InvoiceFact>> byCurrency = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
        for (Invoice i : all) {
            byCurrency.computeIfAbsent(i.getCurrency(), c -> new ArrayList<>()).add(new InvoiceFact(i.getId(), i.getCurrency(),
                    i.getIssueDate(), i.getDueDate(), i.getAmount(), i.getStatus(), day(i.getClosedAt(), zone)));
        }
        List<PaymentFact> payments = payments();
        return byCurrency.entrySet().stream().map(e -> new CurrencyMeasures(e.getKey(),
                new CollectionMeasures(e.getValue(), payments).lastMonths(today, MONTHS))).toList();
    }

    @Transactional(readOnly = true)
    public List<StageAmount> stages() {
        List<Object[]> rows = entities.createQuery("""
                        select i.currency, i.dunningStage, sum(i.outstandingAmount), count(i) from Invoice i
                        where i.status = :open group by i.currency, i.dunningStage""", Object[].class)
                .setParameter("open", InvoiceStatus.OPEN).getResultList();
        List<String> order = new ArrayList<>(List.of(NO_STAGE_YET));
        order.addAll(DunningStage.reminderStages());
        return rows.stream().map(r -> new StageAmount((Currency) r[0], r[1] == null ? NO_STAGE_YET : (String) r[1],
                        money((BigDecimal) r[2], (Currency) r[0]), (Long) r[3]))
                .sorted((a, b) -> a.currency().getCurrencyCode().equals(b.currency().getCurrencyCode())
                        ? Integer.compare(rank(order, a.stage()), rank(order, b.stage()))
                        : a.currency().getCurrencyCode().compareTo(b.currency().getCurrencyCode()))
                .toList();
    }

    /**
     * Promises made in the last {@link #MONTHS} months: online or recorded by a person (the
     * customer_answer table), and those a collector took on the level-2 call ("Call the customer",
     * outcome promise), which live only in the process's {@code promisedDate} variable. That variable
     * also carries the answers' dates, so a value equal to an answer's promise on the same invoice is
     * that answer, not a call; a later promise replaces an earlier one there, so of the call promises
     * only the last of each invoice counts.
     */
    @Transactional(readOnly = true)
    public PromiseKeeping.Summary promises(LocalDate today) {
        Instant since = firstDay(today).atStartOfDay(clock.getZone()).toInstant();
        List<CustomerAnswer> answers = entities.createQuery("""
                        select a from CustomerAnswer a join fetch a.invoice
                        where a.kind = :promise and a.answeredAt >= :since""", CustomerAnswer.class)
                .setParameter("promise", CustomerAnswer.Kind.PROMISE).setParameter("since", since).getResultList();
        Map<Long, LocalDate> lastPaid = new HashMap<>();
        payments().forEach(p -> lastPaid.merge(p.invoiceId(), p.paidOn(), (a, b) -> a.isAfter(b) ? a : b));
        List<PromiseKeeping.Promise> promises = new ArrayList<>();
        answers.forEach(a -> promises.add(promise(a.getId(), a.getInvoice(), a.getPromisedDate(), lastPaid)));
        Map<String, LocalDate> callPromises = new HashMap<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery()
                .variableName(ProcessVariables.PROMISED_DATE).list()) {
            if (v.getValue() != null && v.getCreateTime() != null && !v.getCreateTime().toInstant().isBefore(since)) {
                callPromises.merge(v.getProcessInstanceId(), LocalDate.parse(v.getValue().toString().substring(0, 10)),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        Set<String> answered = answers.stream()
                .map(a -> a.getInvoice().getProcessInstanceId() + "/" + a.getPromisedDate()).collect(Collectors.toSet());
        callPromises.entrySet().removeIf(e -> answered.contains(e.getKey() + "/" + e.getValue()));
        List<String> instances = List.copyOf(callPromises.keySet());
        for (int from = 0; from < instances.size(); from += 500) {
            entities.createQuery("select i from Invoice i where i.processInstanceId in :ids", Invoice.class)
                    .setParameter("ids", instances.subList(from, Math.min(instances.size(), from + 500))).getResultList()
                    .forEach(i -> promises.add(promise(-1, i, callPromises.get(i.getProcessInstanceId()), lastPaid)));
        }
        return PromiseKeeping.of(promises, policy.promiseGraceDays(), today);
    }

    private PromiseKeeping.Promise promise(long answerId, Invoice invoice, LocalDate promised, Map<Long, LocalDate> lastPaid) {
        boolean paid = invoice.getStatus() == InvoiceStatus.PAID;
        LocalDate closed = day(invoice.getClosedAt(), clock.getZone());
        return new PromiseKeeping.Promise(answerId, invoice.getNumber(), promised,
                paid ? lastPaid.getOrDefault(invoice.getId(), closed) : null,
                !paid && invoice.getStatus().isClosed() ? closed : null);
    }

    /** Customer reminders sent (not internal notes to salespeople or agencies), per month and channel. */
    @Transactional(readOnly = true)
    public List<ChannelMonth> reminders(LocalDate today) {
        ZoneId zone = clock.getZone();
        LocalDate first = firstDay(today);
        // channel and time only: the texts stay in the database
        List<Object[]> sent = entities.createQuery("""
                        select c.channel, c.sentAt from Communication c
                        where c.status = :sent and c.stage in :stages and c.sentAt >= :since""", Object[].class)
                .setParameter("sent", CommunicationStatus.SENT).setParameter("stages", DunningStage.reminderStages())
                .setParameter("since", first.atStartOfDay(zone).toInstant()).getResultList();
        Map<YearMonth, Map<String, Long>> byMonth = new LinkedHashMap<>();
        for (int back = MONTHS - 1; back >= 0; back--) {
            byMonth.put(YearMonth.from(today).minusMonths(back), new TreeMap<>());
        }
        for (Object[] c : sent) {
            Map<String, Long> month = byMonth.get(YearMonth.from(((Instant) c[1]).atZone(zone)));
            if (month != null) {
                month.merge((String) c[0], 1L, Long::sum);
            }
        }
        return byMonth.entrySet().stream().map(e -> new ChannelMonth(e.getKey(), e.getValue())).toList();
    }

    /** Invoices whose dispute waits for its resolution task (raised by the customer or on a call). */
    @Transactional(readOnly = true)
    public OpenDisputes disputes() {
        Set<String> instances = tasks.createTaskQuery().taskDefinitionKeyIn(DISPUTE_TASKS.toArray(String[]::new))
                .list().stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        if (instances.isEmpty()) {
            return new OpenDisputes(0, Map.of(), List.of());
        }
        List<Invoice> disputed = entities.createQuery(
                        "select i from Invoice i where i.processInstanceId in :ids order by i.number", Invoice.class)
                .setParameter("ids", instances).getResultList();
        Map<String, BigDecimal> amounts = new TreeMap<>();
        disputed.forEach(i -> amounts.merge(i.getCurrency().getCurrencyCode(), money(i.getOutstandingAmount(), i.getCurrency()),
                BigDecimal::add));
        return new OpenDisputes(disputed.size(), amounts, disputed.stream().map(Invoice::getNumber).toList());
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private List<PaymentFact> payments() {
        return entities.createQuery("""
                select new com.relance.reporting.ReceivableFacts$PaymentFact(p.invoice.id, p.paidOn, p.amount)
                from Payment p""", PaymentFact.class).getResultList();
    }

    /** Plain amounts in the currency's minor unit (a database sum may come back as 2.4E+3). */
    static BigDecimal money(BigDecimal amount, Currency currency) {
        return amount.setScale(Math.max(0, currency.getDefaultFractionDigits()), java.math.RoundingMode.HALF_UP);
    }

    private static LocalDate firstDay(LocalDate today) {
        return YearMonth.from(today).minusMonths(MONTHS - 1L).atDay(1);
    }

    private static LocalDate day(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).toLocalDate();
    }

    private static int rank(List<String> order, String stage) {
        int i = order.indexOf(stage);
        return i < 0 ? order.size() : i;
    }
}
