package com.relance.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * A brake on the public page, per client address and hour (fixed windows): enough for a customer
 * who answers a few reminders, too little to guess links or flood a collector's queue. Per node:
 * behind several nodes the limit is per node, which still bounds a flood.
 */
@Component
class PortalRateLimit {

    /** Page views count too, at a tenth of an answer. */
    static final int VIEWS_PER_ANSWER = 10;

    private record Window(Instant start, AtomicInteger used) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final PortalProperties properties;
    private final Clock clock;

    PortalRateLimit(PortalProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** @param cost 1 for a page view, {@link #VIEWS_PER_ANSWER} for an answer */
    boolean allow(String client, int cost) {
        Instant now = clock.instant();
        if (windows.size() > 10_000) { // forget finished windows rather than grow without bound
            windows.values().removeIf(w -> w.start().plus(Duration.ofHours(1)).isBefore(now));
        }
        Window window = windows.compute(client, (k, w) ->
                w == null || !w.start().plus(Duration.ofHours(1)).isAfter(now) ? new Window(now, new AtomicInteger()) : w);
        // A refused request costs nothing: it neither eats what is left for a cheaper one, nor
        // pushes the counter on (a flood can't overflow it back to "allowed").
        int budget = properties.answersPerHour() * VIEWS_PER_ANSWER;
        int before = window.used().getAndUpdate(used -> used + cost <= budget ? used + cost : used);
        return before + cost <= budget;
    }
}
