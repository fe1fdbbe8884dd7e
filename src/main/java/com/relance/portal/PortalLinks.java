package com.relance.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed links to the customer's answer page: bound to one invoice and its customer, valid until
 * an expiry, unforgeable without the secret (HMAC-SHA256). Nothing is stored: the link carries
 * its own proof.
 */
@Component
public class PortalLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What a valid link says. */
    public record Claims(String invoiceNumber, String customerNumber, Instant issuedAt, Instant expiresAt) {
    }

    /** Why a link was refused. */
    public enum Refusal { MALFORMED, FORGED, EXPIRED }

    public static final class RefusedLink extends RuntimeException {
        private final Refusal refusal;

        RefusedLink(Refusal refusal) {
            super("Link refused: " + refusal);
            this.refusal = refusal;
        }

        public Refusal refusal() { return refusal; }
    }

    private final PortalProperties properties;
    private final Clock clock;

    public PortalLinks(PortalProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public String linkFor(String invoiceNumber, String customerNumber) {
        return properties.baseUrl() + "/portal/" + token(invoiceNumber, customerNumber);
    }

    String token(String invoiceNumber, String customerNumber) {
        Instant now = clock.instant();
        String payload = String.join("|", invoiceNumber, customerNumber, Long.toString(now.getEpochSecond()),
                Long.toString(now.plus(properties.linkValidity()).getEpochSecond()));
        String encoded = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + B64.encodeToString(mac(encoded));
    }

    /** @throws RefusedLink when the token is malformed, forged or expired */
    public Claims verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || token.length() > 600) {
            throw new RefusedLink(Refusal.MALFORMED);
        }
        String encoded = token.substring(0, dot);
        byte[] signature;
        String[] parts;
        try {
            signature = B64D.decode(token.substring(dot + 1));
            parts = new String(B64D.decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw new RefusedLink(Refusal.MALFORMED);
        }
        // Constant-time comparison: the time taken says nothing about how much of a guess was right.
        if (!MessageDigest.isEqual(mac(encoded), signature)) {
            throw new RefusedLink(Refusal.FORGED);
        }
        if (parts.length != 4) {
            throw new RefusedLink(Refusal.MALFORMED);
        }
        Claims claims = parse(parts).orElseThrow(() -> new RefusedLink(Refusal.MALFORMED));
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new RefusedLink(Refusal.EXPIRED);
        }
        return claims;
    }

    private static Optional<Claims> parse(String[] parts) {
        try {
            return Optional.of(new Claims(parts[0], parts[1], Instant.ofEpochSecond(Long.parseLong(parts[2])),
                    Instant.ofEpochSecond(Long.parseLong(parts[3]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
