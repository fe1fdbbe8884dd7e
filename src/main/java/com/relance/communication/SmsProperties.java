package com.relance.communication;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMS channel. Invalid settings fail at start-up, not at the first reminder.
 *
 * @param gateway LOG (demo, tests) or HTTP (a provider's API)
 * @param url the provider's send endpoint (HTTP only)
 * @param token the provider's bearer token (HTTP only)
 * @param maxSegments a longer text is refused
 * @param timeout connecting, and the whole request
 */
@ConfigurationProperties("relance.sms")
public record SmsProperties(Gateway gateway, URI url, String token, int maxSegments, Duration timeout) {

    public enum Gateway { LOG, HTTP }

    public SmsProperties {
        gateway = gateway == null ? Gateway.LOG : gateway;
        // An unset RELANCE_SMS_URL binds as "", which is no address.
        url = url == null || url.toString().isBlank() ? null : url;
        maxSegments = maxSegments == 0 ? 3 : maxSegments;
        timeout = timeout == null || timeout.isZero() ? Duration.ofSeconds(10) : timeout;
        if (maxSegments < 0) {
            throw new IllegalArgumentException("relance.sms.max-segments must be positive, was " + maxSegments);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("relance.sms.timeout must be positive, was " + timeout);
        }
        if (gateway == Gateway.HTTP) {
            if (url == null || !url.isAbsolute() || url.getHost() == null
                    || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
                throw new IllegalArgumentException("relance.sms.gateway is http: set relance.sms.url"
                        + " (RELANCE_SMS_URL) to the provider's http(s) address" + (url == null ? "" : ", was " + url));
            }
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("relance.sms.gateway is http: set relance.sms.token"
                        + " (RELANCE_SMS_TOKEN) to the provider's API token");
            }
        }
    }

    /** Never prints the token: properties end up in logs and failure reports. */
    @Override
    public String toString() {
        return "SmsProperties[gateway=" + gateway + ", url=" + url + ", token=" + (token == null || token.isBlank()
                ? "(none)" : "(set)") + ", maxSegments=" + maxSegments + ", timeout=" + timeout + "]";
    }
}
