package io.comeback.audience.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds a CSV file's encoding and separator from its first bytes only ({@link #SAMPLE} at most), then hands back a
 * stream that replays those bytes before the rest: a file of millions of rows is never buffered.
 *
 * <p>Encoding: a byte order mark decides (UTF-8, or UTF-16 as Excel's "Unicode text" saves); else the charset the
 * Content-Type states; else UTF-8 when the sample is valid UTF-8 (plain ASCII is), Windows-1252 when it is not —
 * what Excel on Windows saves as "CSV" in the Nordics. A later invalid byte in a file judged UTF-8 is rejected on
 * its row ({@link CsvColumns}). Separator: whichever of {@code ,} {@code ;} and tab the header line holds most of
 * outside quotes; {@code ,} for a header of one column.
 */
public final class CsvFormatDetector {

    /** Bytes looked at: enough for any header line and many rows, small enough to never matter. */
    static final int SAMPLE = 64 * 1024;

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The format, and the stream to read the file from (the sample, then the rest). */
    public record Detected(CsvFormat format, InputStream input) {}

    private CsvFormatDetector() {}

    /** @param declared the charset the Content-Type states, or null */
    public static Detected detect(InputStream in, Charset declared) throws IOException {
        byte[] sample = in.readNBytes(SAMPLE);
        InputStream replay = new SequenceInputStream(new ByteArrayInputStream(sample), in);
        Charset charset;
        boolean bom = true;
        String from = "bom";
        if (startsWith(sample, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
        } else if (startsWith(sample, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
        } else if (startsWith(sample, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
        } else {
            bom = false;
            if (declared != null) {
                charset = declared;
                from = "content-type";
            } else {
                charset = isUtf8(sample) ? StandardCharsets.UTF_8 : WINDOWS_1252;
                from = "bytes";
            }
        }
        return new Detected(new CsvFormat(separatorOf(headerLine(sample, charset)), charset, bom, from), replay);
    }

    private static boolean startsWith(byte[] sample, int... prefix) {
        if (sample.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((sample[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Valid UTF-8, a sequence cut off by the end of the sample counting as valid (the rest follows it). */
    static boolean isUtf8(byte[] sample) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample);
        CharBuffer out = CharBuffer.allocate(sample.length);
        return !decoder.decode(in, out, false).isError();
    }

    /** The sample's text up to its first line break outside quotes (all of it when there is none). */
    private static String headerLine(byte[] sample, Charset charset) {
        String text = new String(sample, charset);
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    static char separatorOf(String header) {
        int commas = 0, semicolons = 0, tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> {}
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return ',';
    }
}
