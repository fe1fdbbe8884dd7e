package com.relance.communication;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where letters go once rendered. Every letter is kept in Relance (downloadable from the invoice);
 * optionally it is also dropped into a print-and-post folder (a mail room's or a hybrid-mail
 * provider's pick-up folder) and/or emailed to a print service.
 */
@ConfigurationProperties("relance.letters")
public record LetterProperties(Path handOffFolder, String printServiceEmail) {

    boolean toFolder() {
        return handOffFolder != null && !handOffFolder.toString().isBlank();
    }

    boolean toPrintService() {
        return printServiceEmail != null && !printServiceEmail.isBlank();
    }
}
