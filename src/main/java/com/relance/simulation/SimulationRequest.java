package com.relance.simulation;

import com.relance.invoice.FieldError;
import com.relance.invoice.InvalidInvoiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/** What a what-if asks for, from the page's form or the API's multipart request; checked before any work starts. */
record SimulationRequest(Integer version, Integer days, MultipartFile draft) {

    /** The table to play, checked: a draft file or a deployed version (null: the latest). */
    PolicyTables.Table table(PolicyTables tables) {
        if (days == null || !WhatIf.HORIZONS.contains(days)) {
            throw new InvalidInvoiceException(List.of(new FieldError("days", "must be 30, 60 or 90")));
        }
        if (draft != null && draft.getSize() > 0) {
            if (version != null) {
                throw new InvalidInvoiceException(List.of(new FieldError("version",
                        "give either a deployed version or a draft file, not both")));
            }
            try {
                return tables.draft(draft.getOriginalFilename(), draft.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (draft != null && draft.getOriginalFilename() != null && !draft.getOriginalFilename().isBlank()) {
            return tables.draft(draft.getOriginalFilename(), new byte[0]); // an empty file: refused, named
        }
        return tables.deployed(version);
    }
}
