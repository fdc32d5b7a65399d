package dev.tribune.e2e;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Locator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads the text of a QR code a page shows, as a phone's camera would: from the pixels, with ZXing's decoder. */
public final class QrCodes {

    private QrCodes() {
    }

    /**
     * The text encoded in the QR code {@code image} shows: from its PNG data URL when it has one (the exact picture),
     * else from a screenshot of the element.
     */
    public static String read(Locator image) {
        String src = image.getAttribute("src");
        boolean exact = src != null && src.startsWith("data:image/png;base64,");
        byte[] png = exact ? Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)) : image.screenshot();
        try {
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
            // the exact picture is read as a pure code: the finder-pattern search misread the format of about 2 in
            // 100 of the client's codes (one failed a CI run); a screenshot needs the search
            return exact ? decode(picture, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                    : decode(withQuietZone(picture), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(BufferedImage picture, Map<DecodeHintType, Object> hints) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        int[] pixels = picture.getRGB(0, 0, width, height, null, 0, width);
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        try {
            return new QRCodeReader().decode(bitmap, hints).getText();
        } catch (NotFoundException e) {
            throw new AssertionError("no QR code could be read from the image", e);
        } catch (ReaderException e) {
            throw new AssertionError("the QR code could not be decoded: " + e, e);
        }
    }

    /** The picture on white with a margin around it: a narrow quiet zone (or a transparent one) trips the finder. */
    private static BufferedImage withQuietZone(BufferedImage picture) {
        int margin = Math.max(16, picture.getWidth() / 8);
        BufferedImage framed = new BufferedImage(picture.getWidth() + 2 * margin, picture.getHeight() + 2 * margin, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = framed.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, framed.getWidth(), framed.getHeight());
            g.drawImage(picture, margin, margin, null);
        } finally {
            g.dispose();
        }
        return framed;
    }
}
