package com.relance.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import com.relance.security.AccessRules;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Invoice intake from the ERP (one by one or as a CSV export), payments, and the invoice's state. */
@RestController
@RequestMapping("/api/invoices")
public class InvoiceController {

    private final InvoiceIntakeReader reader;
    private final InvoiceRegistration registration;
    private final InvoiceCsvImport csvImport;
    private final InvoicePayments payments;
    private final InvoiceRepository invoices;
    private final PaymentRepository paymentRepository;
    private final DunningProgress dunning;
    private final AccessRules access;
    private final Clock clock;

    public InvoiceController(InvoiceIntakeReader reader, InvoiceRegistration registration, InvoiceCsvImport csvImport,
                             InvoicePayments payments, InvoiceRepository invoices, PaymentRepository paymentRepository,
                             DunningProgress dunning, AccessRules access, Clock clock) {
        this.access = access;
        this.reader = reader;
        this.registration = registration;
        this.csvImport = csvImport;
        this.payments = payments;
        this.invoices = invoices;
        this.paymentRepository = paymentRepository;
        this.dunning = dunning;
        this.clock = clock;
    }

    /** 201 for a new invoice, 200 when the same invoice was already registered, 409 when it differs. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<InvoiceView> register(@RequestBody JsonNode body) {
        InvoiceIntakeReader.Result result = reader.read(values(body), InvoiceField::jsonName);
        List<FieldError> errors = new ArrayList<>(unknownFields(body));
        errors.addAll(result.errors());
        if (!errors.isEmpty()) {
            throw new InvalidInvoiceException(errors);
        }
        InvoiceRegistration.Registered registered = registration.register(result.intake());
        InvoiceView view = view(registered.invoice().getNumber());
        if (registered.outcome() == InvoiceRegistration.Outcome.UNCHANGED) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(URI.create("/api/invoices/" + view.invoiceNumber())).body(view);
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public InvoiceCsvImport.Summary importFile(@RequestPart("file") MultipartFile file) throws IOException {
        return csvImport.importCsv(new String(file.getBytes(), StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    public InvoiceCsvImport.Summary importBody(@RequestBody byte[] body) {
        return csvImport.importCsv(new String(body, StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/{number}/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<InvoiceView> pay(@PathVariable String number, @RequestBody PaymentRequest request,
                                           Principal user) {
        InvoicePayments.Recorded recorded = payments.record(number, request, user == null ? null : user.getName());
        InvoiceView view = view(number);
        return recorded.duplicate() ? ResponseEntity.ok(view)
                : ResponseEntity.created(URI.create("/api/invoices/" + number)).body(view);
    }

    @GetMapping("/{number}")
    public InvoiceView get(@PathVariable String number) {
        return view(number);
    }

    private InvoiceView view(String number) {
        // Another salesperson's invoice does not exist for a salesperson.
        Invoice invoice = invoices.findByNumber(number)
                .filter(i -> access.mayAccessCustomerOf(i.getCustomer().getSalesRep()))
                .orElseThrow(() -> new InvoiceNotFoundException(number));
        LocalDate today = LocalDate.now(clock.withZone(invoice.getCustomer().zone()));
        return InvoiceView.of(invoice, paymentRepository.findByInvoiceOrderByPaidOnAscIdAsc(invoice),
                dunning.of(invoice), today);
    }

    private static Map<InvoiceField, String> values(JsonNode body) {
        Map<InvoiceField, String> values = new EnumMap<>(InvoiceField.class);
        if (body != null && body.isObject()) {
            body.properties().forEach(e -> InvoiceField.byJsonName(e.getKey()).ifPresent(field -> {
                JsonNode v = e.getValue();
                if (v.isNumber()) {
                    values.put(field, v.decimalValue().toPlainString());
                } else if (v.isTextual()) {
                    values.put(field, v.textValue());
                } else if (!v.isNull()) {
                    values.put(field, v.toString());
                }
            }));
        }
        return values;
    }

    private static List<FieldError> unknownFields(JsonNode body) {
        if (body == null || !body.isObject()) {
            return List.of(new FieldError("", "the body must be a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (InvoiceField.byJsonName(name).isEmpty()) {
                errors.add(new FieldError(name, "is not a known field"));
            }
        });
        return errors;
    }
}
