package com.relance.invoice;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;

/** Rules across fields of an intake; each violation names the field to fix. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentInvoice.Validator.class)
public @interface ConsistentInvoice {

    String message() default "inconsistent invoice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ConsistentInvoice, InvoiceIntake> {

        @Override
        public boolean isValid(InvoiceIntake in, ConstraintValidatorContext context) {
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            if (in.issueDate() != null && in.dueDate() != null && in.dueDate().isBefore(in.issueDate())) {
                valid = violation(context, "dueDate", "must not be before issueDate");
            }
            if (in.amount() != null && in.openAmount() != null && in.openAmount().compareTo(in.amount()) > 0) {
                valid = violation(context, "openAmount", "must not exceed amount");
            }
            if (in.currency() != null) {
                valid &= fitsCurrency(context, "amount", in.amount(), in.currency());
                valid &= fitsCurrency(context, "openAmount", in.openAmount(), in.currency());
            }
            // A reminder must reach the customer: by email, or by letter at a postal address.
            if (blank(in.customerEmail()) && (blank(in.customerAddressLine1()) || blank(in.customerPostalCode())
                    || blank(in.customerCity()))) {
                valid = violation(context, "customerEmail",
                        "must not be blank unless the customer's postal address (line 1, postal code, city) is given");
            }
            if (in.customerTimeZone() != null && !in.customerTimeZone().isBlank()) {
                try {
                    ZoneId.of(in.customerTimeZone());
                } catch (DateTimeException e) {
                    valid = violation(context, "customerTimeZone", "must be an IANA time zone such as Europe/Paris");
                }
            }
            return valid;
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }

        private static boolean fitsCurrency(ConstraintValidatorContext context, String field, BigDecimal value,
                                            Currency currency) {
            int digits = Math.max(currency.getDefaultFractionDigits(), 0);
            if (value != null && value.stripTrailingZeros().scale() > digits) {
                return violation(context, field, "has more than " + digits + " decimals for " + currency);
            }
            return true;
        }

        private static boolean violation(ConstraintValidatorContext context, String field, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }
}
