package com.relance.invoice;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

/** A two-letter ISO code: 639-1 language (lower case) or 3166-1 country (upper case). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = IsoCode.Validator.class)
public @interface IsoCode {

    Kind value();

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Kind {
        LANGUAGE(Set.of(Locale.getISOLanguages()), "must be an ISO 639-1 language code such as en or fr"),
        COUNTRY(Set.of(Locale.getISOCountries()), "must be an ISO 3166-1 country code such as FR or GB");

        private final Set<String> codes;
        private final String message;

        Kind(Set<String> codes, String message) {
            this.codes = codes;
            this.message = message;
        }
    }

    class Validator implements ConstraintValidator<IsoCode, String> {
        private Kind kind;

        @Override
        public void initialize(IsoCode annotation) {
            kind = annotation.value();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank() || kind.codes.contains(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(kind.message).addConstraintViolation();
            return false;
        }
    }
}
