package com.relance.communication;

import java.util.List;

/**
 * A message in the exact form its channel sends it: the text (an SMS, an email's plain-text part,
 * the words of a letter), an email's HTML alternative, and the PDFs that go with it.
 *
 * @param postalAddress a letter's recipient block, one line per line; null for other channels
 * @param words         the text as written (or approved), without what the layout adds; what a reviewer edits
 */
public record ComposedMessage(String recipient, String postalAddress, String language, String subject, String body,
                              String html, List<Document> documents, String words) {

    public ComposedMessage {
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /** A PDF carried by the message. */
    public record Document(CommunicationDocument.Kind kind, String fileName, String contentType, byte[] content) {
    }
}
