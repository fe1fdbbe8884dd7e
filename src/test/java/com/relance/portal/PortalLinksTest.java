package com.relance.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signed links: what a genuine one says, and why anything else is refused. */
class PortalLinksTest {

    private static final String SECRET = "unit-test-portal-secret-0123456789-abcdef";
    private static final Instant ISSUED = Instant.parse("2026-03-26T08:00:00Z");
    private static final Duration VALIDITY = Duration.ofDays(60);

    private final TestClock clock = new TestClock(ISSUED);
    private final PortalLinks links = links(SECRET);

    private PortalLinks links(String secret) {
        return new PortalLinks(new PortalProperties(secret, "https://pay.example.test/", VALIDITY, 30, 60), clock);
    }

    @Test
    void roundTrip_aFreshLinkVerifiesToTheInvoiceCustomerAndTimesItWasIssuedWith() {
        String link = links.linkFor("INV-2026/42", "C-7");
        assertThat(link).startsWith("https://pay.example.test/portal/");

        clock.advance(Duration.ofDays(10));
        PortalLinks.Claims claims = links.verify(link.substring(link.lastIndexOf('/') + 1));

        assertThat(claims).isEqualTo(new PortalLinks.Claims("INV-2026/42", "C-7", ISSUED, ISSUED.plus(VALIDITY)));
    }

    @Test
    void tamperedPayload_anotherInvoiceNumberUnderTheSameSignature_isForged() {
        String token = links.token("INV-1", "C-7");
        String signature = token.substring(token.indexOf('.') + 1);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(payload).startsWith("INV-1|C-7|");
        String tampered = b64(payload.replace("INV-1|", "INV-2|").getBytes(StandardCharsets.UTF_8));

        assertRefused(tampered + "." + signature, PortalLinks.Refusal.FORGED);
        assertThat(links.verify(token).invoiceNumber()).as("the untouched token").isEqualTo("INV-1");
    }

    @Test
    void flippedSignatureCharacter_isForged() {
        String token = links.token("INV-1", "C-7");
        int at = token.indexOf('.') + 10; // inside the signature, away from its last (partly padding) character
        char flipped = token.charAt(at) == 'A' ? 'B' : 'A';

        assertRefused(token.substring(0, at) + flipped + token.substring(at + 1), PortalLinks.Refusal.FORGED);
    }

    @Test
    void tokenSignedWithAnotherSecret_isForged() {
        String foreign = links("another-portal-secret-0123456789-abcdef").token("INV-1", "C-7");

        assertRefused(foreign, PortalLinks.Refusal.FORGED);
    }

    @Test
    void garbageNoDotOrBadBase64_isMalformed() {
        String token = links.token("INV-1", "C-7");
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);

        assertRefused(null, PortalLinks.Refusal.MALFORMED);
        assertRefused("", PortalLinks.Refusal.MALFORMED);
        assertRefused("garbage", PortalLinks.Refusal.MALFORMED);
        assertRefused(payload + signature, PortalLinks.Refusal.MALFORMED); // no dot
        assertRefused("." + signature, PortalLinks.Refusal.MALFORMED); // nothing before the dot
        assertRefused("not*base64!." + signature, PortalLinks.Refusal.MALFORMED);
        assertRefused(payload + ".%%%", PortalLinks.Refusal.MALFORMED);
        assertRefused(payload + "." + signature + "A".repeat(600), PortalLinks.Refusal.MALFORMED); // too long
    }

    @Test
    void genuineSignatureOverAPayloadOfTheWrongShape_isMalformed() {
        assertRefused(signed("INV-1|C-7|" + ISSUED.getEpochSecond()), PortalLinks.Refusal.MALFORMED);
        assertRefused(signed("INV-1|C-7|yesterday|tomorrow"), PortalLinks.Refusal.MALFORMED);
        // the same shape with numbers is accepted: the refusals above are about the shape alone
        assertThat(links.verify(signed("INV-1|C-7|" + ISSUED.getEpochSecond() + "|"
                + ISSUED.plus(VALIDITY).getEpochSecond())).customerNumber()).isEqualTo("C-7");
    }

    @Test
    void expiredAtExactlyTheExpiryInstant_validOneSecondBefore() {
        String token = links.token("INV-1", "C-7");

        clock.set(ISSUED.plus(VALIDITY).minusSeconds(1));
        assertThat(links.verify(token).invoiceNumber()).isEqualTo("INV-1");

        clock.set(ISSUED.plus(VALIDITY));
        assertRefused(token, PortalLinks.Refusal.EXPIRED);
        clock.advance(Duration.ofDays(1));
        assertRefused(token, PortalLinks.Refusal.EXPIRED);
    }

    private void assertRefused(String token, PortalLinks.Refusal refusal) {
        assertThatThrownBy(() -> links.verify(token)).as(String.valueOf(token))
                .isInstanceOfSatisfying(PortalLinks.RefusedLink.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
    }

    /** A token with a genuine signature over any payload (as only the secret's holder could make). */
    private static String signed(String payload) {
        try {
            String encoded = b64(payload.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return encoded + "." + b64(mac.doFinal(encoded.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
