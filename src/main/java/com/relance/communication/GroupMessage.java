package com.relance.communication;

import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import java.util.List;

/**
 * A grouped message about to be composed: the customer, the family's text, the message's stage (the
 * highest of its invoices), and the invoices it lists.
 */
record GroupMessage(long groupId, Customer customer, String family, String stage, List<GroupedInvoice> invoices,
                    List<Invoice> listed) {

    /** The text under templates/grouped/: {@code pre-due}, {@code reminder}, … */
    String template() {
        return family.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
