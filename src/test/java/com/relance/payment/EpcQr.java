package com.relance.payment;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Test helper: what a banking app reads from an EPC QR image (ZXing's reader, as phones use it). */
public record EpcQr(String text, String errorCorrection) {

    public static EpcQr read(byte[] png) throws IOException {
        return read(ImageIO.read(new ByteArrayInputStream(png)));
    }

    public static EpcQr read(BufferedImage image) {
        try {
            Result result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
            Object level = result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL);
            return new EpcQr(result.getText(), level == null ? null : level.toString());
        } catch (Exception e) {
            throw new AssertionError("no QR code readable in the image: " + e, e);
        }
    }

    /** The payload's lines (LF-separated), empty ones kept. */
    public List<String> fields() {
        return List.of(text.split("\n", -1));
    }
}
