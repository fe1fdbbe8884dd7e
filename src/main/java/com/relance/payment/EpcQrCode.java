package com.relance.payment;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The European Payments Council's "SEPA credit transfer" QR code (EPC069-12, version 002), which
 * banking apps read to fill in a transfer: service tag {@code BCD}, version {@code 002}, character
 * set {@code 1} (UTF-8), {@code SCT}, BIC (may be empty in 002), beneficiary name (≤ 70), IBAN,
 * {@code EUR} amount with two decimals, an empty purpose, the structured RF reference; lines
 * separated by LF, no unstructured text when there is a structured reference. Only for euros.
 * Encoded with error correction M, as the guideline requires.
 */
public final class EpcQrCode {

    public static final int MAX_NAME = 70;
    static final BigDecimal MIN_AMOUNT = new BigDecimal("0.01");
    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");
    /** The guideline's limit on the whole payload. */
    static final int MAX_BYTES = 331;
    /** Pixels a side: about 8 px per module for the usual payload, sharp at 35 mm on paper. */
    static final int SIZE = 400;

    private EpcQrCode() {
    }

    /** The payload text, or an exception naming the field the guideline does not allow. */
    public static String payload(String bic, String beneficiary, String iban, BigDecimal amount,
                                 CreditorReference reference) {
        if (amount.compareTo(MIN_AMOUNT) < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            throw new IllegalArgumentException("EPC QR amount must be EUR 0.01 to 999999999.99, is " + amount);
        }
        String name = beneficiary.strip();
        name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        String text = String.join("\n",
                "BCD",
                "002",
                "1",
                "SCT",
                bic == null ? "" : bic,
                name,
                iban.replace(" ", ""),
                "EUR" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString(),
                "",
                reference.value());
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("EPC QR payload longer than " + MAX_BYTES + " bytes");
        }
        return text;
    }

    /** The QR code of {@code payload} as a PNG image. */
    public static byte[] png(String payload) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 4);
        // Plain ASCII is encoded as bytes without an ECI header (what every banking app reads); only a
        // name with accents needs the UTF-8 ECI that the payload's "1" announces.
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(payload)) {
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            BitMatrix matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, SIZE, SIZE, hints);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("EPC QR payload cannot be encoded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
