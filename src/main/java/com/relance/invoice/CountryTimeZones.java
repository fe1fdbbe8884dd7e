package com.relance.invoice;

import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The time zone a customer gets when the ERP does not say: by country, else the default. */
@ConfigurationProperties("relance.countries")
public record CountryTimeZones(ZoneId defaultTimeZone, Map<String, ZoneId> timeZones) {

    public CountryTimeZones {
        timeZones = timeZones == null ? Map.of() : Map.copyOf(timeZones);
        defaultTimeZone = defaultTimeZone == null ? ZoneId.of("UTC") : defaultTimeZone;
    }

    public ZoneId forCountry(String country) {
        return timeZones.getOrDefault(country, defaultTimeZone);
    }
}
