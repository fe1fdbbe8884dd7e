package com.relance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An SMS provider's HTTP API on loopback (a real HTTP server), as the test profile's
 * {@code relance.sms.url} names it: records each request, answers 202, or 503 while "down".
 */
public class SmsGatewayStub implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    public static final int PORT = Integer.getInteger("relance.test.sms-port", 3126);

    /** One request as the provider received it. */
    public record Received(String authorization, String idempotencyKey, String json) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private HttpServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/sms", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = down ? 503 : 202;
            if (!down) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("Idempotency-Key"), new String(body, StandardCharsets.UTF_8)));
            }
            byte[] answer = (down ? "{\"error\":\"maintenance\"}" : "{\"id\":\"sms-" + received.size() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        received.clear();
        down = false;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void down(boolean down) {
        this.down = down;
    }
}
