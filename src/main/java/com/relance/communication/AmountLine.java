package com.relance.communication;

/** An extra row under a letter's invoice table, such as late-payment interest or the fixed compensation. */
public record AmountLine(String label, String amount) {
}
