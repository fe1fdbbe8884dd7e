package com.relance.invoice;

public class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(String customerNumber) {
        super("No customer " + customerNumber);
    }
}
