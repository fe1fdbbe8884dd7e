package com.relance.invoice;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of an invoice intake, one spelling per channel: camelCase in JSON, the ERP's
 * snake_case column in CSV. Fields without a column are JSON-only extras.
 */
public enum InvoiceField {
    INVOICE_NUMBER("invoiceNumber", "invoice_number", Type.TEXT),
    CUSTOMER_NUMBER("customerNumber", "customer_number", Type.TEXT),
    CUSTOMER_NAME("customerName", "customer_name", Type.TEXT),
    CUSTOMER_EMAIL("customerEmail", "customer_email", Type.TEXT),
    CUSTOMER_PHONE("customerPhone", "customer_phone", Type.TEXT),
    CUSTOMER_LANGUAGE("customerLanguage", "customer_language", Type.TEXT),
    CUSTOMER_COUNTRY("customerCountry", "customer_country", Type.TEXT),
    CUSTOMER_SEGMENT("customerSegment", "customer_segment", Type.TEXT),
    SALES_REP("salesRep", "sales_rep", Type.TEXT),
    ISSUE_DATE("issueDate", "issue_date", Type.DATE),
    DUE_DATE("dueDate", "due_date", Type.DATE),
    CURRENCY("currency", "currency", Type.CURRENCY),
    AMOUNT("amount", "amount", Type.DECIMAL),
    OPEN_AMOUNT("openAmount", "open_amount", Type.DECIMAL),
    CUSTOMER_TIME_ZONE("customerTimeZone", null, Type.TEXT),
    CUSTOMER_ADDRESS_LINE1("customerAddressLine1", null, Type.TEXT),
    CUSTOMER_ADDRESS_LINE2("customerAddressLine2", null, Type.TEXT),
    CUSTOMER_POSTAL_CODE("customerPostalCode", null, Type.TEXT),
    CUSTOMER_CITY("customerCity", null, Type.TEXT),
    CUSTOMER_SMS_CONSENT("customerSmsConsent", null, Type.BOOLEAN);

    enum Type { TEXT, DATE, DECIMAL, CURRENCY, BOOLEAN }

    private final String jsonName;
    private final String csvColumn;
    private final Type type;

    InvoiceField(String jsonName, String csvColumn, Type type) {
        this.jsonName = jsonName;
        this.csvColumn = csvColumn;
        this.type = type;
    }

    public String jsonName() { return jsonName; }
    public String csvColumn() { return csvColumn; }
    Type type() { return type; }

    public boolean inCsv() { return csvColumn != null; }

    public static Optional<InvoiceField> byJsonName(String name) {
        return Arrays.stream(values()).filter(f -> f.jsonName.equals(name)).findFirst();
    }

    public static Optional<InvoiceField> byCsvColumn(String column) {
        return Arrays.stream(values()).filter(f -> column.equals(f.csvColumn)).findFirst();
    }
}
