package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A letter handed to the print room's folder: whole files only, the same file again on a resend. */
class LetterPostTest {

    @TempDir
    Path folder;

    @Test
    void aLetterLandsInTheHandOffFolder_andAResendReplacesItInsteadOfAddingASecond() throws Exception {
        LetterPost post = new LetterPost(new LetterProperties(folder.resolve("print"), null), null,
                new MailProperties("credit@relance.test", null, null, null));
        Communication letter = letter();
        CommunicationDocument pdf = new CommunicationDocument(1L, new ComposedMessage.Document(
                CommunicationDocument.Kind.LETTER, "INV-1-level_2-1.pdf", "application/pdf",
                "%PDF-1.4 letter".getBytes(StandardCharsets.US_ASCII)), Instant.now());

        String via = post.send(letter, List.of(pdf), "INV-1");
        String again = post.send(letter, List.of(pdf), "INV-1");

        assertThat(via).isEqualTo(again).startsWith("folder ").endsWith("INV-1-level_2-1.pdf");
        try (Stream<Path> files = Files.list(folder.resolve("print"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("INV-1-level_2-1.pdf");
        }
        assertThat(Files.readString(folder.resolve("print/INV-1-level_2-1.pdf"))).isEqualTo("%PDF-1.4 letter");
    }

    @Test
    void withoutHandOff_theLetterIsKeptInRelanceForPrinting() {
        LetterPost post = new LetterPost(new LetterProperties(null, null), null,
                new MailProperties("credit@relance.test", null, null, null));
        CommunicationDocument pdf = new CommunicationDocument(1L, new ComposedMessage.Document(
                CommunicationDocument.Kind.LETTER, "x.pdf", "application/pdf", new byte[] {1}), Instant.now());

        assertThat(post.send(letter(), List.of(pdf), "INV-1")).isEqualTo("kept in Relance for printing");
    }

    private static Communication letter() {
        return new Communication("pi/LEVEL_2/LETTER/1", null, "pi", "LEVEL_2", "LETTER", "Dupont SA", "fr", "Relance",
                "Madame, Monsieur", "<id@relance.test>", Instant.now());
    }
}
