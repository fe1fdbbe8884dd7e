package com.relance.communication;

import java.util.List;

/** A postal address as printed on an envelope: the name line, then street, postal code and city, country. */
public record PostalAddress(String name, List<String> lines) {

    public PostalAddress {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
