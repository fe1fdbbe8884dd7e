package com.relance.policy;

import com.relance.invoice.Customer;
import com.relance.invoice.Invoice;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates {@code dunning-policy} (its latest deployed version) for an invoice outside a process:
 * the demo's staged invoices, the payment tolerance of an invoice that is not being dunned. The
 * process evaluates the same table in its business rule task, from the same inputs.
 */
@Component
public class PolicyDecision {

    private final DecisionService decisions;

    public PolicyDecision(DecisionService decisions) {
        this.decisions = decisions;
    }

    /** The table's inputs, as process variables of the same names. */
    public static Map<String, Object> inputs(Invoice invoice) {
        Customer customer = invoice.getCustomer();
        Map<String, Object> inputs = new HashMap<>();
        inputs.put(PolicyVariables.CUSTOMER_SEGMENT, customer.getSegment());
        inputs.put(PolicyVariables.RISK_CLASS, customer.getRiskClass());
        inputs.put(PolicyVariables.CUSTOMER_COUNTRY, customer.getCountry());
        inputs.put(PolicyVariables.INVOICE_AMOUNT, invoice.getAmount().doubleValue());
        return inputs;
    }

    /** @return the matching row's outputs, by output name */
    public Map<String, Object> decide(Invoice invoice) {
        VariableMap variables = Variables.fromMap(inputs(invoice));
        return new HashMap<>(decisions.evaluateDecisionTableByKey(DunningPolicy.DECISION, variables).getSingleResult()
                .getEntryMap());
    }
}
