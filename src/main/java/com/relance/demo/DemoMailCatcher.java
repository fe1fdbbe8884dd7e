package com.relance.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo's SMTP server: GreenMail on loopback catches every message Relance sends, so the
 * demo needs no mail server and no mail leaves the machine. Read it at {@code /mailbox}.
 */
@Configuration
@Profile("demo")
class DemoMailCatcher {

    @Bean(initMethod = "start", destroyMethod = "stop")
    GreenMail mailCatcher(@Value("${relance.demo.mail-catcher-port:3025}") int port) {
        return new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }
}
