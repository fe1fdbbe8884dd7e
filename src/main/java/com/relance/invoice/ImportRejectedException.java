package com.relance.invoice;

import java.util.List;

/** A file with any bad line is refused whole; every bad line is listed. */
public class ImportRejectedException extends RuntimeException {

    private final List<LineError> errors;

    public ImportRejectedException(List<LineError> errors) {
        super("Import rejected: " + errors.size() + " problem(s); nothing was stored");
        this.errors = List.copyOf(errors);
    }

    public List<LineError> errors() {
        return errors;
    }
}
