package com.relance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** Test clock: Relance's time is the engine's, so moving one moves both. */
public class EngineClock extends Clock {

    public static void moveTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    public static void reset() {
        ClockUtil.reset();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
