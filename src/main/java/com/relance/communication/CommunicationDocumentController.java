package com.relance.communication;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The PDFs kept with each message (letters, invoice copies), byte for byte as they went out. */
@RestController
class CommunicationDocumentController {

    private final CommunicationHistory history;

    CommunicationDocumentController(CommunicationHistory history) {
        this.history = history;
    }

    @GetMapping("/api/communications/{communicationId}/documents/{documentId}")
    ResponseEntity<byte[]> document(@PathVariable long communicationId, @PathVariable long documentId) {
        CommunicationDocument d = history.document(communicationId, documentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No document " + documentId + " of message " + communicationId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(d.getContentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(d.getFileName()).build().toString())
                .body(d.getContent());
    }
}
