package com.relance.banking;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Close the bank line": accounting says the credit pays no Relance invoice; nothing is posted. */
@Component("closeBankLine")
class CloseBankLine implements JavaDelegate {

    private final BankStatementImport bankStatements;

    CloseBankLine(BankStatementImport bankStatements) {
        this.bankStatements = bankStatements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        bankStatements.closeNotOurs(((Number) execution.getVariable("bankLineId")).longValue(),
                PostBankLinePayment.reviewer(execution));
    }
}
