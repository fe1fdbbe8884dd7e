package com.relance.communication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through a provider's JSON API. The idempotency key goes with every attempt, so a retry
 * after a lost answer is recognised by the provider (409) instead of sending a second SMS.
 */
public class HttpSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(HttpSmsGateway.class);
    /** Enough of an error body to read the provider's reason without flooding incidents. */
    private static final int MAX_REASON_CHARS = 300;

    private final URI url;
    private final String token;
    private final int maxSegments;
    private final Duration timeout;
    private final ObjectMapper objectMapper;
    private final HttpClient client;

    public HttpSmsGateway(SmsProperties sms, ObjectMapper objectMapper) {
        if (sms.gateway() != SmsProperties.Gateway.HTTP) {
            throw new IllegalArgumentException("HttpSmsGateway needs relance.sms.gateway=http, was " + sms.gateway());
        }
        this.url = sms.url();
        this.token = sms.token();
        this.maxSegments = sms.maxSegments();
        this.timeout = sms.timeout();
        this.objectMapper = objectMapper;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    private record Payload(String to, String text, String encoding, int segments, String reference) {
    }

    @Override
    public void send(SmsMessage message) {
        SmsText text = SmsText.of(message.text()).requireAtMostSegments(maxSegments);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", message.idempotencyKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(new Payload(message.to(), text.text(),
                        text.encoding().label(), text.segments(), message.idempotencyKey()))))
                .build();
        HttpResponse<String> response = exchange(request, message);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            log.debug("SMS {} to {} accepted (HTTP {})", message.idempotencyKey(), message.to(), status);
        } else if (status == 409) {
            log.info("SMS {} to {} had already been accepted by the gateway (HTTP 409): not sent again",
                    message.idempotencyKey(), message.to());
        } else {
            throw new SmsDeliveryException("SMS " + message.idempotencyKey() + " to " + message.to()
                    + " refused by the gateway: HTTP " + status + reason(response.body()));
        }
    }

    /**
     * The request timeout only covers the wait for the response headers; the overall deadline
     * also bounds a body that never ends, so a job thread is never held indefinitely.
     */
    private HttpResponse<String> exchange(HttpRequest request, SmsMessage message) {
        CompletableFuture<HttpResponse<String>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        String failure = "SMS " + message.idempotencyKey() + " to " + message.to() + " not sent: ";
        try {
            return future.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SmsDeliveryException(failure + "no answer from " + url + " within " + timeout, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SmsDeliveryException(failure + "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw new SmsDeliveryException(failure + "could not connect to " + url + " within " + timeout, cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new SmsDeliveryException(failure + "no answer from " + url + " within " + timeout, cause);
            }
            if (cause instanceof IOException) {
                throw new SmsDeliveryException(failure + "gateway " + url + " unreachable (" + cause + ")", cause);
            }
            throw new SmsDeliveryException(failure + cause, cause);
        }
    }

    private String json(Payload payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SMS payload cannot be written as JSON", e);
        }
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String reason = body.strip();
        return ": " + (reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason);
    }
}
