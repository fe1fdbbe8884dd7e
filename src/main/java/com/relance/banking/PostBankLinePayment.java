package com.relance.banking;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Post the bank line payment": the invoice accounting chose (another invoice number typed in wins
 * over the list) receives the credit as a payment, recorded with the reviewer's name. An invoice
 * that cannot take it (unknown, other currency) throws {@code BankLine_ChoiceNotPayable}: the
 * task comes back with the reason in {@code reviewProblem}.
 */
@Component("postBankLinePayment")
class PostBankLinePayment implements JavaDelegate {

    static final String CHOICE_NOT_PAYABLE = "BankLine_ChoiceNotPayable";

    private final BankStatementImport bankStatements;

    PostBankLinePayment(BankStatementImport bankStatements) {
        this.bankStatements = bankStatements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object other = execution.getVariable("otherInvoice");
        Object chosen = execution.getVariable("chosenInvoice");
        String invoice = other != null && !other.toString().isBlank() ? other.toString() : chosen == null ? null : chosen.toString();
        long lineId = ((Number) execution.getVariable("bankLineId")).longValue();
        try {
            BankStatementImport.PostedChoice posted = bankStatements.postReviewed(lineId, invoice, reviewer(execution));
            execution.setVariable("postedInvoice", posted.invoiceNumber());
            execution.setVariable("invoiceSettled", posted.settled());
            execution.setVariable("reviewProblem", null);
        } catch (BankStatementImport.UnpayableChoice e) {
            execution.setVariable("reviewProblem", e.getMessage());
            throw new BpmnError(CHOICE_NOT_PAYABLE, e.getMessage());
        }
    }

    /**
     * Who completed the review task: the task's complete listener stores {@code currentUser()}
     * (Tasklist and the REST API authenticate the engine call); "accounting" when nobody was.
     */
    static String reviewer(DelegateExecution execution) {
        Object user = execution.getVariable("reviewedBy");
        return user == null || user.toString().isBlank() ? "accounting" : user.toString();
    }
}
