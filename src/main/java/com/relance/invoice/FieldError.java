package com.relance.invoice;

/** One bad input field and why, named as the client spelled it (JSON property or CSV column). */
public record FieldError(String field, String message) {
}
