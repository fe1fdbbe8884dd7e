package com.relance.communication;

import java.util.List;

/**
 * A customer's statement of account as of a day, formatted for the reader: every open item, the
 * credit notes and payments of the last year, and the balance per currency (open amounts; credits
 * and payments are already deducted from them). Level 2 and the formal notice carry it.
 */
public record StatementOfAccount(String asOf, List<Item> openItems, List<Movement> credits, List<Movement> payments,
                                 List<Balance> balances) {

    public record Item(String number, String issueDate, String dueDate, String amount, String outstanding,
                       long daysLate) {
    }

    /** A credit note or a payment: on which invoice, when, how much (and the payment's reference). */
    public record Movement(String invoiceNumber, String date, String reference, String amount) {
    }

    public record Balance(String currency, String amount) {
    }

    StatementOfAccount printable() {
        return new StatementOfAccount(LetterRenderer.printable(asOf),
                openItems.stream().map(i -> new Item(LetterRenderer.printable(i.number()),
                        LetterRenderer.printable(i.issueDate()), LetterRenderer.printable(i.dueDate()),
                        LetterRenderer.printable(i.amount()), LetterRenderer.printable(i.outstanding()), i.daysLate()))
                        .toList(),
                credits.stream().map(StatementOfAccount::printable).toList(),
                payments.stream().map(StatementOfAccount::printable).toList(),
                balances.stream().map(b -> new Balance(b.currency(), LetterRenderer.printable(b.amount()))).toList());
    }

    private static Movement printable(Movement m) {
        return new Movement(LetterRenderer.printable(m.invoiceNumber()), LetterRenderer.printable(m.date()),
                LetterRenderer.printable(m.reference()), LetterRenderer.printable(m.amount()));
    }
}
