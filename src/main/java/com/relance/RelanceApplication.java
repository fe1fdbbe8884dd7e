package com.relance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import java.time.Clock;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RelanceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RelanceApplication.class, args);
    }

    /** Relance reads time only from here, so tests can move it together with the engine's clock. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
