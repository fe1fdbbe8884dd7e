package com.relance.invoice;

/** One problem in an imported file: line 1 is the header. {@code column} is null for whole-line problems. */
public record LineError(long line, String column, String message) {
}
