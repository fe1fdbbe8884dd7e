package com.relance.communication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP gateway against a real server on loopback: what goes on the wire and how answers are read. */
class SmsGatewayHttpTest {

    private static final String TOKEN = "test-token-123";
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final ObjectMapper objectMapper = new ObjectMapper();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Holds a "never answers" handler until the test ends, so stop() is not left waiting. */
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    private record Received(String method, String path, String authorization, String idempotencyKey,
                            String contentType, String body) {
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** A server answering every request with this status and body, recording what it received. */
    private HttpSmsGateway gatewayAnswering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(request, StandardCharsets.UTF_8)));
            if (status < 0) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/sms");
        return new HttpSmsGateway(new SmsProperties(SmsProperties.Gateway.HTTP, url, TOKEN, 3, TIMEOUT), objectMapper);
    }

    private static SmsMessage message(String text) {
        return new SmsMessage("sms-INV-42-level1", "+33612345678", text);
    }

    @Test
    void postsTheMessageAsJsonWithBearerTokenAndIdempotencyKey() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(202, "{\"id\":\"abc\"}");
        String text = "Facture INV-42 échue : merci de régler 1 250,00 €. " + "x".repeat(120);

        gateway.send(message(text));

        assertThat(received).hasSize(1);
        Received request = received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/sms");
        assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(request.idempotencyKey()).isEqualTo("sms-INV-42-level1");
        assertThat(request.contentType()).isEqualTo("application/json");
        JsonNode json = objectMapper.readTree(request.body());
        assertThat(json.get("to").asText()).isEqualTo("+33612345678");
        assertThat(json.get("text").asText()).isEqualTo(text);
        assertThat(json.get("encoding").asText()).isEqualTo("GSM-7");
        assertThat(json.get("segments").isInt()).isTrue();
        assertThat(json.get("segments").asInt()).isEqualTo(2);
        assertThat(json.get("reference").asText()).isEqualTo("sms-INV-42-level1");
        assertThat(json.size()).isEqualTo(5);
    }

    @Test
    void sendsUcs2AsSuch() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(200, "");

        gateway.send(message("Nous n'avons pas reçu votre règlement."));

        JsonNode json = objectMapper.readTree(received.get(0).body());
        assertThat(json.get("encoding").asText()).isEqualTo("UCS-2");
        assertThat(json.get("segments").asInt()).isEqualTo(1);
    }

    @Test
    void conflictMeansTheKeyWasAlreadyAcceptedSoItCountsAsSent() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(409, "{\"error\":\"duplicate idempotency key\"}");

        gateway.send(message("Rappel : facture INV-42 échue."));

        assertThat(received).hasSize(1);
    }

    @Test
    void aClientErrorNamesTheStatusAndTheGatewaysReason() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(400, "{\"error\":\"invalid destination number\"}");

        assertThatThrownBy(() -> gateway.send(message("Rappel : facture INV-42 échue.")))
                .isInstanceOf(SmsDeliveryException.class)
                .hasMessageContaining("+33612345678")
                .hasMessageContaining("400")
                .hasMessageContaining("invalid destination number");
    }

    @Test
    void aLongErrorBodyIsCutTo300Characters() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(422, "r".repeat(1000));

        assertThatThrownBy(() -> gateway.send(message("Rappel.")))
                .isInstanceOf(SmsDeliveryException.class)
                .hasMessageContaining("422")
                .hasMessageContaining("r".repeat(300))
                .hasMessageNotContaining("r".repeat(301));
    }

    @Test
    void aServerErrorFailsSoTheJobRetries() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(503, "maintenance");

        assertThatThrownBy(() -> gateway.send(message("Rappel.")))
                .isInstanceOf(SmsDeliveryException.class)
                .hasMessageContaining("503")
                .hasMessageContaining("maintenance");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(-1, "");
        long start = System.nanoTime();

        assertThatThrownBy(() -> gateway.send(message("Rappel.")))
                .isInstanceOf(SmsDeliveryException.class)
                .hasMessageContaining("within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnreachableGatewayFails() throws Exception {
        // Bind then free a port: nothing listens there any more, the connection is refused.
        HttpServer closed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = closed.getAddress().getPort();
        closed.stop(0);
        HttpSmsGateway gateway = new HttpSmsGateway(new SmsProperties(SmsProperties.Gateway.HTTP,
                URI.create("http://127.0.0.1:" + port + "/v1/sms"), TOKEN, 3, TIMEOUT), objectMapper);

        assertThatThrownBy(() -> gateway.send(message("Rappel.")))
                .isInstanceOf(SmsDeliveryException.class)
                .hasMessageContaining("+33612345678");
    }

    @Test
    void aTextOverTheAllowedSegmentsIsRefusedBeforeAnyRequest() throws Exception {
        HttpSmsGateway gateway = gatewayAnswering(200, "");

        assertThatThrownBy(() -> gateway.send(message("a".repeat(460))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 segments");
        assertThat(received).isEmpty();
    }

    @Test
    void theLoggingGatewayRefusesTheSameTextsAndSendsNothing() {
        LoggingSmsGateway gateway = new LoggingSmsGateway(3);

        gateway.send(message("a".repeat(459)));
        assertThatThrownBy(() -> gateway.send(message("a".repeat(460))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
