package com.relance.communication;

import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("relance.mail")
public record MailProperties(String from, String replyTo, String tasklistUrl, String internalLanguage) {

    public MailProperties {
        internalLanguage = internalLanguage == null || internalLanguage.isBlank() ? "en" : internalLanguage;
    }

    /** The domain part of Message-IDs: the sender's domain. */
    String messageIdDomain() {
        int at = from.indexOf('@');
        return at < 0 ? "relance.invalid" : from.substring(at + 1);
    }
}
