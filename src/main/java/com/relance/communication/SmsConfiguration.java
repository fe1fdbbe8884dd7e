package com.relance.communication;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one SMS gateway, chosen by {@code relance.sms.gateway}. */
@Configuration
@EnableConfigurationProperties(SmsProperties.class)
public class SmsConfiguration {

    @Bean
    SmsGateway smsGateway(SmsProperties sms, ObjectMapper objectMapper) {
        return switch (sms.gateway()) {
            case LOG -> new LoggingSmsGateway(sms.maxSegments());
            case HTTP -> new HttpSmsGateway(sms, objectMapper);
        };
    }
}
