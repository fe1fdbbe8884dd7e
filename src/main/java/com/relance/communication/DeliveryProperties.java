package com.relance.communication;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param interruptedAfter an attempt this old with no outcome was interrupted (its node died) */
@ConfigurationProperties("relance.delivery")
public record DeliveryProperties(Duration interruptedAfter) {
}
