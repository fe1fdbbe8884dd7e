package com.relance.communication;

/** A message's text as rendered from its template, in the language actually used. */
public record RenderedMessage(String subject, String body, String language) {
}
