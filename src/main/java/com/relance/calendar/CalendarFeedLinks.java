package com.relance.calendar;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed calendar-feed URLs: one per user, unforgeable without the secret (HMAC-SHA256). A
 * calendar app keeps polling the same URL, so it does not expire; a new
 * {@code relance.calendar.feed-secret} revokes every one, and a user removed from Relance gets
 * nothing.
 */
@Component
public class CalendarFeedLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Keeps this MAC apart from any other the same secret might ever sign. */
    private static final String PURPOSE = "relance-calendar-feed:";

    private final CalendarProperties properties;

    public CalendarFeedLinks(CalendarProperties properties) {
        this.properties = properties;
    }

    /** The path of a user's feed ({@code /calendar/feed/<token>.ics}). */
    public String pathFor(String user) {
        return "/calendar/feed/" + token(user) + ".ics";
    }

    String token(String user) {
        String encoded = B64.encodeToString(user.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + B64.encodeToString(mac(encoded));
    }

    /** The user a token was signed for; empty when it is malformed or forged. */
    public Optional<String> verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || token.length() > 400) {
            return Optional.empty();
        }
        String encoded = token.substring(0, dot);
        try {
            byte[] signature = B64D.decode(token.substring(dot + 1));
            // Constant-time comparison: the time taken says nothing about how much of a guess was right.
            if (!MessageDigest.isEqual(mac(encoded), signature)) {
                return Optional.empty();
            }
            return Optional.of(new String(B64D.decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(properties.feedSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal((PURPOSE + data).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
