package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.relance.communication.SmsProperties.Gateway;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings that cannot send fail at start-up with what to set; the demo needs none. */
class SmsPropertiesTest {

    private static final URI URL = URI.create("https://sms.example.test/v1/messages");

    @Test
    void defaultsToTheLogGatewayThreeSegmentsAndTenSeconds() {
        SmsProperties sms = new SmsProperties(null, null, null, 0, null);

        assertThat(sms.gateway()).isEqualTo(Gateway.LOG);
        assertThat(sms.maxSegments()).isEqualTo(3);
        assertThat(sms.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void httpWithoutTokenFails() {
        assertThatThrownBy(() -> new SmsProperties(Gateway.HTTP, URL, null, 3, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relance.sms.token")
                .hasMessageContaining("RELANCE_SMS_TOKEN");
        assertThatThrownBy(() -> new SmsProperties(Gateway.HTTP, URL, "  ", 3, null))
                .hasMessageContaining("relance.sms.token");
    }

    @Test
    void httpWithoutUrlFails() {
        assertThatThrownBy(() -> new SmsProperties(Gateway.HTTP, null, "secret", 3, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relance.sms.url")
                .hasMessageContaining("RELANCE_SMS_URL");
        assertThatThrownBy(() -> new SmsProperties(Gateway.HTTP, URI.create("sms.example.test/v1"), "secret", 3, null))
                .hasMessageContaining("relance.sms.url");
        assertThatThrownBy(() -> new SmsProperties(Gateway.HTTP, URI.create("ftp://sms.example.test/"), "secret", 3,
                null)).hasMessageContaining("relance.sms.url");
    }

    @Test
    void negativeLimitsFail() {
        assertThatThrownBy(() -> new SmsProperties(Gateway.LOG, null, null, -1, null))
                .hasMessageContaining("max-segments");
        assertThatThrownBy(() -> new SmsProperties(Gateway.LOG, null, null, 3, Duration.ofSeconds(-1)))
                .hasMessageContaining("timeout");
    }

    @Test
    void theTokenIsNeverPrinted() {
        SmsProperties sms = new SmsProperties(Gateway.HTTP, URL, "secret-token", 3, null);

        assertThat(sms.toString()).doesNotContain("secret-token").contains("(set)");
    }

    @Test
    void theYamlDefaultsBindWithAnEmptyUrlAsAbsent() {
        // What application.yml gives when no RELANCE_SMS_* variable is set.
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "relance.sms.gateway", "log", "relance.sms.url", "", "relance.sms.token", "",
                "relance.sms.max-segments", "3", "relance.sms.timeout", "PT10S")));

        SmsProperties sms = binder.bind("relance.sms", SmsProperties.class).get();

        assertThat(sms.gateway()).isEqualTo(Gateway.LOG);
        assertThat(sms.url()).isNull();
        assertThat(sms.maxSegments()).isEqualTo(3);
        assertThat(sms.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void httpBindsFromEnvironmentStyleValues() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "relance.sms.gateway", "http", "relance.sms.url", URL.toString(), "relance.sms.token", "secret",
                "relance.sms.timeout", "5s")));

        SmsProperties sms = binder.bind("relance.sms", SmsProperties.class).get();

        assertThat(sms.gateway()).isEqualTo(Gateway.HTTP);
        assertThat(sms.url()).isEqualTo(URL);
        assertThat(sms.maxSegments()).isEqualTo(3);
        assertThat(sms.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void theConfigurationProvidesTheGatewayTheSettingsName() {
        SmsConfiguration configuration = new SmsConfiguration();
        ObjectMapper objectMapper = new ObjectMapper();

        assertThat(configuration.smsGateway(new SmsProperties(Gateway.LOG, null, null, 0, null), objectMapper))
                .isInstanceOf(LoggingSmsGateway.class);
        assertThat(configuration.smsGateway(new SmsProperties(Gateway.HTTP, URL, "secret", 0, null), objectMapper))
                .isInstanceOf(HttpSmsGateway.class);
    }
}
