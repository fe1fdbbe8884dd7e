package com.relance;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Clock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring context the suite shares (context caching keeps CI fast): the whole
 * application on H2 in memory, a real SMTP server (GreenMail) and an SMS provider's HTTP API on
 * loopback, no job executor —
 * tests execute jobs and move the engine clock themselves.
 */
@SpringBootTest(classes = {RelanceApplication.class, RelanceTest.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class RelanceTest {

    /**
     * Fixed loopback ports the test profile points at (SMTP here, the SMS gateway in SmsGatewayStub);
     * {@code -Drelance.test.smtp-port=… -Drelance.test.sms-port=…} move them, so two checkouts can run
     * their tests at once.
     */
    public static final int SMTP_PORT = Integer.getInteger("relance.test.smtp-port", 3125);

    public static final ServerSetup SMTP = new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);

    @RegisterExtension
    protected static final GreenMailExtension mail = new GreenMailExtension(SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

    @RegisterExtension
    protected static final SmsGatewayStub sms = new SmsGatewayStub();

    @Autowired
    protected ProcessEngine engine;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock engineClock() {
            return new EngineClock();
        }
    }

    @BeforeEach
    void initAssertions() {
        AbstractAssertions.init(engine);
    }

    @AfterEach
    void resetClock() {
        EngineClock.reset();
    }
}
