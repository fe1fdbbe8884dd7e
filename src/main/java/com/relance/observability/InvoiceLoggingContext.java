package com.relance.observability;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An API call about one invoice ({@code /api/invoices/{number}…}) logs with {@code invoiceNumber}
 * in the MDC, like the engine's work on its process (the engine adds {@code processInstanceId}
 * while it runs a command on the instance: camunda.bpm.generic-properties in application.yml).
 */
@Component
class InvoiceLoggingContext extends OncePerRequestFilter {

    static final String INVOICE_NUMBER = "invoiceNumber";
    private static final Pattern INVOICE_PATH = Pattern.compile("^/api/invoices/([^/]+)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher invoice = INVOICE_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!invoice.find() || invoice.group(1).equals("import")) {
            chain.doFilter(request, response);
            return;
        }
        MDC.put(INVOICE_NUMBER, invoice.group(1));
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(INVOICE_NUMBER);
        }
    }
}
