package com.relance.communication;

import java.util.Properties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mail sender, configured from Spring Boot's {@code spring.mail.*} as Boot's own would be
 * (host, port, user, password, protocol, encoding, JavaMail properties such as STARTTLS), but
 * keeping its SMTP connections open. Boot's mail sender backs off when this bean exists, so its
 * properties are enabled here.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(org.springframework.boot.autoconfigure.mail.MailProperties.class)
class MailConfiguration {

    @Bean
    PooledMailSender mailSender(org.springframework.boot.autoconfigure.mail.MailProperties boot,
                                SmtpConnectionProperties connections) {
        PooledMailSender sender = new PooledMailSender(connections);
        sender.setHost(boot.getHost());
        if (boot.getPort() != null) {
            sender.setPort(boot.getPort());
        }
        sender.setUsername(boot.getUsername());
        sender.setPassword(boot.getPassword());
        sender.setProtocol(boot.getProtocol());
        if (boot.getDefaultEncoding() != null) {
            sender.setDefaultEncoding(boot.getDefaultEncoding().name());
        }
        Properties javaMail = new Properties();
        javaMail.putAll(boot.getProperties());
        sender.setJavaMailProperties(javaMail);
        return sender;
    }
}
