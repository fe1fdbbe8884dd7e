package com.relance.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The customer's answer page.
 *
 * @param secret        signs the links (HMAC-SHA256); at least 32 characters, from the environment
 * @param baseUrl       the public address the links start with
 * @param linkValidity  how long a link in a reminder works
 * @param answersPerHour per client address, on the public page (a brake on guessing and flooding)
 * @param maxPromiseDays how far ahead a customer may promise to pay
 */
@ConfigurationProperties("relance.portal")
public record PortalProperties(String secret, String baseUrl, Duration linkValidity, int answersPerHour,
                               int maxPromiseDays) {

    public PortalProperties {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("relance.portal.secret (RELANCE_PORTAL_SECRET) must be set, at least 32 "
                    + "characters: it signs the links customers answer reminders with");
        }
        baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        linkValidity = linkValidity == null ? Duration.ofDays(60) : linkValidity;
        answersPerHour = answersPerHour <= 0 ? 30 : answersPerHour;
        maxPromiseDays = maxPromiseDays <= 0 ? 60 : maxPromiseDays;
    }
}
