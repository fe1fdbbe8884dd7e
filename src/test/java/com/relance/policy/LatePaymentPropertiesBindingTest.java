package com.relance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The {@code relance.late-payment} block of application.yml binds to the same tables as the worked examples use. */
class LatePaymentPropertiesBindingTest {

    static LatePaymentProperties bound() throws IOException {
        var sources = new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bind("relance.late-payment", LatePaymentProperties.class)
                .get();
    }

    @Test
    void applicationYmlBindsToTheWorkedExamplesTables() throws IOException {
        LatePaymentProperties yml = bound();
        LatePaymentProperties expected = LatePaymentChargesTest.properties();

        assertThat(yml.defaultJurisdiction()).isEqualTo(Jurisdiction.EU);
        assertThat(yml.jurisdictions()).isEqualTo(expected.jurisdictions()).hasSize(28);
        assertThat(yml.fixedCompensation()).containsOnlyKeys(Currency.getInstance("EUR"));
        assertThat(yml.fixedCompensation().get(Currency.getInstance("EUR"))).isEqualByComparingTo("40");
        assertThat(yml.referenceRates()).containsOnlyKeys("ECB", "BOE", "FR_LEGAL");
        expected.referenceRates().forEach((name, table) -> {
            assertThat(yml.referenceRates().get(name)).extracting(LatePaymentProperties.DatedRate::from)
                    .as(name).containsExactlyElementsOf(table.stream().map(LatePaymentProperties.DatedRate::from).toList());
            assertThat(yml.referenceRates().get(name)).extracting(LatePaymentProperties.DatedRate::rate)
                    .as(name).usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(table.stream().map(LatePaymentProperties.DatedRate::rate).toList());
        });
        assertThat(yml.rateOn(LatePaymentProperties.BOE, LocalDate.of(2025, 6, 30))).isEqualByComparingTo("4.25");
    }

    @Test
    void chargesFromTheBoundConfiguration() throws IOException {
        // The first FR worked example: 45 days at 3.15 + 10 = 13.15 % on 10,000.00 → 162.12 + EUR 40.00.
        LateCharges c = new LatePaymentCharges(bound()).compute("FR", new BigDecimal("10000.00"),
                new BigDecimal("10000.00"), Currency.getInstance("EUR"), LocalDate.of(2025, 3, 31),
                LocalDate.of(2025, 5, 15), null);
        assertThat(c.interest()).isEqualTo(new BigDecimal("162.12"));
        assertThat(c.compensation()).isEqualTo(new BigDecimal("40.00"));
    }
}
