package com.relance.audit;

import com.relance.audit.InvoiceAudit.Decision;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.relance.communication.LetterRenderer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The audit trail as it leaves Relance (CSV, PDF; the JSON API counts too), each export recorded
 * with who took it and when.
 */
@Service
public class AuditExports {

    static final String[] CSV_HEADER = {"at", "kind", "what", "who", "details"};

    private final InvoiceTimeline timeline;
    private final AuditExportRepository exports;
    private final ITemplateEngine templates;
    private final Clock clock;

    public AuditExports(InvoiceTimeline timeline, AuditExportRepository exports, ITemplateEngine templates, Clock clock) {
        this.timeline = timeline;
        this.exports = exports;
        this.templates = templates;
        this.clock = clock;
    }

    /** The trail as a CSV download; recorded after it is read, so it lists the exports before it. */
    public ResponseEntity<byte[]> csvFile(String number, String user) {
        byte[] csv = csv(timeline.of(number)).getBytes(StandardCharsets.UTF_8);
        record(user, number, "csv");
        return file(csv, new MediaType("text", "csv", StandardCharsets.UTF_8), "audit-" + number + ".csv");
    }

    public ResponseEntity<byte[]> pdfFile(String number, String user) {
        byte[] pdf = pdf(timeline.of(number), user);
        record(user, number, "pdf");
        return file(pdf, MediaType.APPLICATION_PDF, "audit-" + number + ".pdf");
    }

    private static ResponseEntity<byte[]> file(byte[] content, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(content);
    }

    @Transactional
    public void record(String user, String invoiceNumber, String format) {
        exports.save(new AuditExport(user, invoiceNumber, format, Instant.now(clock)));
    }

    /** RFC 4180, one record per timeline entry; the details as "key: value" lines in one field. */
    public String csv(InvoiceAudit audit) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get())) {
            for (TimelineEntry e : audit.entries()) {
                csv.printRecord(e.at(), e.kind(), e.what(), e.who(), e.details().entrySet().stream()
                        .map(d -> d.getKey() + ": " + d.getValue()).collect(Collectors.joining("\n")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code templates/audit/timeline-pdf.html} laid out by openhtmltopdf (base-14 fonts, as the letters). */
    public byte[] pdf(InvoiceAudit audit, String exportedBy) {
        Map<String, Object> model = new HashMap<>();
        model.put("audit", printable(audit));
        model.put("exportedBy", exportedBy);
        model.put("exportedAt", Instant.now(clock));
        String html = templates.process("audit/timeline-pdf", new Context(java.util.Locale.ENGLISH, model));
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.withProducer("Relance");
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the audit trail of " + audit.invoice().get("number"), e);
        }
    }

    /** The base-14 fonts lack the narrow spaces French amounts are formatted with: they would print as '#'. */
    private static InvoiceAudit printable(InvoiceAudit a) {
        return new InvoiceAudit(printable(a.invoice()), a.process(), a.decisions().stream()
                .map(d -> new Decision(d.evaluatedAt(), d.key(), d.name(), d.version(), d.versionTag(), d.activityId(),
                        printable(d.inputs()), d.outputs().stream().map(AuditExports::printable).toList()))
                .toList(), a.entries().stream().map(e -> new TimelineEntry(e.at(), e.kind(), printable(e.what()),
                printable(e.who()), printable(e.details()))).toList());
    }

    private static Map<String, String> printable(Map<String, String> map) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(printable(k), printable(v)));
        return out;
    }

    private static String printable(String s) {
        return LetterRenderer.printable(s);
    }
}
