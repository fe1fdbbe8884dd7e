package com.relance.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.relance.invoice.CustomerNotFoundException;
import com.relance.portal.CustomerAnswers;
import com.relance.invoice.FieldError;
import com.relance.invoice.ImportRejectedException;
import com.relance.invoice.InvalidInvoiceException;
import com.relance.invoice.InvoiceConflictException;
import com.relance.invoice.InvoiceNotFoundException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 9457 {@code application/problem+json}; bad input names each bad field
 * (or, for imports, each bad line and column) in an {@code errors} array.
 */
@RestControllerAdvice(basePackages = "com.relance")
public class ApiProblems extends ResponseEntityExceptionHandler {

    private static final URI INVALID = URI.create("urn:relance:problem:invalid-request");
    private static final URI IMPORT_REJECTED = URI.create("urn:relance:problem:import-rejected");
    private static final URI CONFLICT = URI.create("urn:relance:problem:conflict");
    private static final URI NOT_FOUND = URI.create("urn:relance:problem:not-found");

    @ExceptionHandler(InvalidInvoiceException.class)
    ProblemDetail invalid(InvalidInvoiceException e) {
        return invalidFields(e.errors());
    }

    @ExceptionHandler(ImportRejectedException.class)
    ProblemDetail importRejected(ImportRejectedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getMessage() + ". Fix the lines listed and send the whole file again.");
        problem.setType(IMPORT_REJECTED);
        problem.setTitle("Import rejected");
        problem.setProperty("errors", e.errors());
        return problem;
    }

    @ExceptionHandler(InvoiceConflictException.class)
    ProblemDetail conflict(InvoiceConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(CONFLICT);
        problem.setTitle("Conflict with the recorded invoice");
        problem.setProperty("invoiceNumber", e.invoiceNumber());
        return problem;
    }

    @ExceptionHandler(CustomerAnswers.InvoiceClosed.class)
    ProblemDetail closed(CustomerAnswers.InvoiceClosed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                e.getMessage() + ": nothing to promise or dispute any more");
        problem.setType(CONFLICT);
        problem.setTitle("Invoice closed");
        return problem;
    }

    @ExceptionHandler({InvoiceNotFoundException.class, CustomerNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        return problem;
    }

    /** A @Valid request body with bad fields: name each one. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage())).toList();
        return ResponseEntity.badRequest().body(invalidFields(errors));
    }

    /** Unreadable JSON, or a value of the wrong type: name the field Jackson stopped at. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = mapping instanceof UnrecognizedPropertyException ? "is not a known field"
                    : "has the wrong type or format (numbers as 1250.00, dates as yyyy-mm-dd)";
            return ResponseEntity.badRequest().body(invalidFields(List.of(new FieldError(field, message))));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not readable JSON");
        problem.setType(INVALID);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", "", "message", "the body must be valid JSON")));
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail invalidFields(List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() + " field(s) are invalid: "
                        + errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", ")));
        problem.setType(INVALID);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
