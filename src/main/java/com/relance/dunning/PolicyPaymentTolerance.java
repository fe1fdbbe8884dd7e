package com.relance.dunning;

import com.relance.invoice.Invoice;
import com.relance.invoice.PaymentPolicy;
import com.relance.policy.PolicyDecision;
import com.relance.policy.PolicyVariables;
import java.math.BigDecimal;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The tolerance under which an invoice counts as paid: the one its dunning process was given by
 * the policy, or, for an invoice no process runs for, what the policy decides for it today.
 */
@Component
class PolicyPaymentTolerance implements PaymentPolicy {

    private final RuntimeService runtime;
    private final PolicyDecision decision;

    PolicyPaymentTolerance(RuntimeService runtime, PolicyDecision decision) {
        this.runtime = runtime;
        this.decision = decision;
    }

    @Override
    public BigDecimal toleranceFor(Invoice invoice) {
        String instance = invoice.getProcessInstanceId();
        if (instance != null && runtime.createProcessInstanceQuery().processInstanceId(instance).count() > 0) {
            Object tolerance = runtime.getVariable(instance, PolicyVariables.PAYMENT_TOLERANCE);
            if (tolerance != null) {
                return new BigDecimal(tolerance.toString());
            }
        }
        return new BigDecimal(decision.decide(invoice).get(PolicyVariables.PAYMENT_TOLERANCE).toString());
    }
}
