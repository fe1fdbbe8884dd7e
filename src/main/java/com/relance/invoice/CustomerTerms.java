package com.relance.invoice;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * What credit management sets on a customer: the typology and risk class the dunning policy
 * decides on, and a contractual late-payment rate. An absent field is left as it is.
 */
public record CustomerTerms(
        @Size(max = 64) String segment,
        @Pattern(regexp = "low|medium|high", message = "must be low, medium or high") String riskClass,
        @DecimalMin(value = "0.0", message = "must be 0 or more") @DecimalMax(value = "100.0", message = "must be at most 100")
        BigDecimal contractInterestRate) {
}
