package com.relance.invoice;

import java.util.List;

/** A request with bad fields; every one is named. */
public class InvalidInvoiceException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidInvoiceException(List<FieldError> errors) {
        super("Invalid request: " + errors.size() + " bad field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
