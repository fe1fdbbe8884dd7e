package com.relance.invoice;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Turns raw text values (a JSON object's properties or a CSV row's cells) into a validated
 * {@link InvoiceIntake}, collecting every problem rather than stopping at the first.
 */
@Component
public class InvoiceIntakeReader {

    /** Plain decimals with a dot: no exponent, no thousands separator, no comma. */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final Validator validator;

    public InvoiceIntakeReader(Validator validator) {
        this.validator = validator;
    }

    public record Result(InvoiceIntake intake, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * @param values raw values by field; blank means absent
     * @param naming how errors spell a field (JSON property or CSV column)
     */
    public Result read(Map<InvoiceField, String> values, Function<InvoiceField, String> naming) {
        List<FieldError> errors = new ArrayList<>();
        Set<InvoiceField> unparsable = new HashSet<>();
        Map<InvoiceField, Object> typed = new EnumMap<>(InvoiceField.class);
        for (InvoiceField field : InvoiceField.values()) {
            String raw = values.get(field);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            String text = raw.strip();
            try {
                typed.put(field, switch (field.type()) {
                    case TEXT -> text;
                    case DATE -> LocalDate.parse(text);
                    case DECIMAL -> decimal(text);
                    case CURRENCY -> currency(text);
                    case BOOLEAN -> bool(text);
                });
            } catch (DateTimeParseException e) {
                unparsable.add(field);
                errors.add(new FieldError(naming.apply(field), "must be an ISO-8601 date (yyyy-mm-dd), got '" + text + "'"));
            } catch (IllegalArgumentException e) {
                unparsable.add(field);
                errors.add(new FieldError(naming.apply(field), e.getMessage() + ", got '" + text + "'"));
            }
        }
        InvoiceIntake intake = new InvoiceIntake(
                text(typed, InvoiceField.INVOICE_NUMBER), text(typed, InvoiceField.CUSTOMER_NUMBER),
                text(typed, InvoiceField.CUSTOMER_NAME), text(typed, InvoiceField.CUSTOMER_EMAIL),
                text(typed, InvoiceField.CUSTOMER_PHONE), lower(text(typed, InvoiceField.CUSTOMER_LANGUAGE)),
                upper(text(typed, InvoiceField.CUSTOMER_COUNTRY)), text(typed, InvoiceField.CUSTOMER_SEGMENT),
                text(typed, InvoiceField.SALES_REP),
                (LocalDate) typed.get(InvoiceField.ISSUE_DATE), (LocalDate) typed.get(InvoiceField.DUE_DATE),
                (Currency) typed.get(InvoiceField.CURRENCY),
                (BigDecimal) typed.get(InvoiceField.AMOUNT), (BigDecimal) typed.get(InvoiceField.OPEN_AMOUNT),
                text(typed, InvoiceField.CUSTOMER_TIME_ZONE), text(typed, InvoiceField.CUSTOMER_ADDRESS_LINE1),
                text(typed, InvoiceField.CUSTOMER_ADDRESS_LINE2), text(typed, InvoiceField.CUSTOMER_POSTAL_CODE),
                text(typed, InvoiceField.CUSTOMER_CITY), (Boolean) typed.get(InvoiceField.CUSTOMER_SMS_CONSENT));
        for (ConstraintViolation<InvoiceIntake> violation : validator.validate(intake)) {
            InvoiceField field = InvoiceField.byJsonName(violation.getPropertyPath().toString()).orElseThrow();
            if (!unparsable.contains(field)) { // "must not be null" after "not a date" says nothing new
                errors.add(new FieldError(naming.apply(field), violation.getMessage()));
            }
        }
        List<InvoiceField> order = List.of(InvoiceField.values());
        errors.sort(Comparator.comparingInt((FieldError e) -> fieldIndex(order, e.field(), naming))
                .thenComparing(FieldError::message));
        return new Result(errors.isEmpty() ? intake : null, List.copyOf(errors));
    }

    private static int fieldIndex(List<InvoiceField> order, String name, Function<InvoiceField, String> naming) {
        for (int i = 0; i < order.size(); i++) {
            if (name.equals(naming.apply(order.get(i)))) {
                return i;
            }
        }
        return order.size();
    }

    private static BigDecimal decimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("must be a decimal number with a dot, such as 1250.00");
        }
        return new BigDecimal(text);
    }

    private static Boolean bool(String text) {
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static Currency currency(String text) {
        if (!text.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("must be an ISO 4217 currency code such as EUR");
        }
        try {
            return Currency.getInstance(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not an ISO 4217 currency code");
        }
    }

    private static String text(Map<InvoiceField, Object> typed, InvoiceField field) {
        return (String) typed.get(field);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(java.util.Locale.ROOT);
    }
}
