package com.relance.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The creditor's account is checked when the application starts: a bad IBAN or BIC stops it. */
class CreditorAccountTest {

    @Configuration
    @EnableConfigurationProperties(CreditorAccount.class)
    static class Binding {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Binding.class)
            .withPropertyValues("relance.creditor.name=Relance Demo SAS");

    @Test
    void validIban_printedWithSpaces_isAccepted_andNormalised() {
        context.withPropertyValues("relance.creditor.iban=fr76 3000 6000 0112 3456 7890 189", "relance.creditor.bic=rlncfrpp")
                .run(c -> {
                    assertThat(c).hasNotFailed();
                    CreditorAccount account = c.getBean(CreditorAccount.class);
                    assertThat(account.iban()).isEqualTo("FR7630006000011234567890189");
                    assertThat(account.printedIban()).isEqualTo("FR76 3000 6000 0112 3456 7890 189");
                    assertThat(account.bic()).isEqualTo("RLNCFRPP");
                });
    }

    @Test
    void ibanWithWrongCheckDigits_failsStartUp_namingTheKey() {
        context.withPropertyValues("relance.creditor.iban=FR77 3000 6000 0112 3456 7890 189").run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("check digit");
            assertThat(allMessages(c.getStartupFailure())).contains("relance.creditor.iban 'FR77 3000 6000 0112 3456 7890 189' is not a valid IBAN");
        });
    }

    @Test
    void ibanOfWrongLength_orBadBic_orUnknownPlaceholder_failStartUp() {
        context.withPropertyValues("relance.creditor.iban=DE89 3704 0044 0532 0130").run(c ->
                assertThat(allMessages(c.getStartupFailure())).contains("is not a valid IBAN"));
        context.withPropertyValues("relance.creditor.iban=DE89370400440532013000", "relance.creditor.bic=NOPE").run(c ->
                assertThat(allMessages(c.getStartupFailure())).contains("relance.creditor.bic 'NOPE' is not a valid BIC"));
        context.withPropertyValues("relance.creditor.iban=DE89370400440532013000",
                "relance.creditor.pay-link-template=https://pay.example/{invoiceNumber}").run(c ->
                assertThat(allMessages(c.getStartupFailure())).contains("unknown placeholder {invoiceNumber}"));
        context.withPropertyValues("relance.creditor.iban=DE89370400440532013000",
                "relance.creditor.pay-link-template=javascript:alert({invoice})").run(c ->
                assertThat(allMessages(c.getStartupFailure())).contains("must be an http(s) URL"));
    }

    @Test
    void noIban_isAllowed_andMeansNoPaymentDetails() {
        context.run(c -> {
            assertThat(c).hasNotFailed();
            assertThat(c.getBean(CreditorAccount.class).hasAccount()).isFalse();
        });
        assertThatThrownBy(() -> new CreditorAccount(" ", "DE89370400440532013000", null, null))
                .hasMessageContaining("relance.creditor.name");
    }

    private static String allMessages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
