package com.relance.dunning;

import java.time.LocalDate;

/** A dunning hold: why, and until when (inclusive; capped by the policy). */
public record HoldRequest(String reason, LocalDate until) {
}
