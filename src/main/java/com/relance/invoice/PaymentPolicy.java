package com.relance.invoice;

import java.math.BigDecimal;

/** Below this outstanding amount an invoice counts as paid. Supplied by the dunning policy. */
public interface PaymentPolicy {

    BigDecimal toleranceFor(Invoice invoice);
}
