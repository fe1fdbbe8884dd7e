package com.relance.banking;

import java.io.IOException;
import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bank statements (ISO 20022 camt.053, camt.054) as the bank delivers them, uploaded as a file or
 * posted as the XML body. The same groups as every {@code /api/payments} call.
 */
@RestController
@RequestMapping("/api/payments")
class BankStatementController {

    private final BankStatementImport bankStatements;

    BankStatementController(BankStatementImport bankStatements) {
        this.bankStatements = bankStatements;
    }

    @PostMapping(path = "/bank-statements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    BankStatementImport.Summary upload(@RequestPart("file") MultipartFile file, Principal user) throws IOException {
        return bankStatements.importStatement(file.getBytes(), user == null ? null : user.getName());
    }

    @PostMapping(path = "/bank-statements", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    BankStatementImport.Summary body(@RequestBody byte[] xml, Principal user) {
        return bankStatements.importStatement(xml, user == null ? null : user.getName());
    }
}
