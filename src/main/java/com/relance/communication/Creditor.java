package com.relance.communication;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The company that is owed the money: signs every reminder. */
@ConfigurationProperties("relance.creditor")
public record Creditor(String name, String email, String phone, String address) {
}
