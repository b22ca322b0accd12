package io.comeback.engine.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the SMS segments a text costs, the way carriers split it (3GPP TS 23.038 / 23.040).
 *
 * <p>A text that fits the GSM-7 default alphabet (plus its extension table) is sent in 7-bit
 * septets: 160 in a single message, 153 per part once a user-data header is needed for
 * concatenation. Extension characters ({@code ^ { } \ [ ~ ] | €} and form feed) take two septets
 * (escape + char) and are never split across parts. Any other character forces UCS-2 for the
 * whole message: 70 UTF-16 code units alone, 67 per part, and a surrogate pair (emoji) is
 * never split across parts, so a part can end one unit short. An empty text still costs one
 * message, as it does at the carrier.
 */
public final class SmsSegments {

    public enum Encoding {
        GSM_7,
        UCS_2
    }

    /** {@code units} is septets for GSM-7 and UTF-16 code units for UCS-2. */
    public record SegmentCount(Encoding encoding, int segments, int units) {}

    static final int GSM_SINGLE = 160;
    static final int GSM_PART = 153;
    static final int UCS_SINGLE = 70;
    static final int UCS_PART = 67;

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

    // Lookup table over the BMP: 0 = not GSM, 1 = basic (one septet), 2 = extension (two septets).
    private static final byte[] SEPTETS = new byte[0x10000];

    static {
        GSM_BASIC.chars().forEach(c -> SEPTETS[c] = 1);
        GSM_EXTENSION.chars().forEach(c -> SEPTETS[c] = 2);
    }

    private SmsSegments() {}

    /** Septets the character costs in GSM-7: 1, 2 (extension table) or 0 when it is not GSM-7. */
    public static int gsmSeptets(int codePoint) {
        return codePoint < SEPTETS.length ? SEPTETS[codePoint] : 0;
    }

    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (SEPTETS[text.charAt(i)] == 0) {
                return false;
            }
        }
        return true;
    }

    public static SegmentCount count(String text) {
        return isGsm7(text) ? countGsm(text) : countUcs2(text);
    }

    /** The distinct characters that force UCS-2, in order of first appearance (whole code points). */
    public static List<String> nonGsmCharacters(String text) {
        Set<String> found = new LinkedHashSet<>();
        text.codePoints().filter(cp -> gsmSeptets(cp) == 0).forEach(cp -> found.add(new String(Character.toChars(cp))));
        return new ArrayList<>(found);
    }

    private static SegmentCount countGsm(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += SEPTETS[text.charAt(i)];
        }
        if (septets <= GSM_SINGLE) {
            return new SegmentCount(Encoding.GSM_7, 1, septets);
        }
        // Fill parts greedily; an escape pair that would straddle the boundary moves to the next part.
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int cost = SEPTETS[text.charAt(i)];
            if (used + cost > GSM_PART) {
                segments++;
                used = 0;
            }
            used += cost;
        }
        return new SegmentCount(Encoding.GSM_7, segments, septets);
    }

    private static SegmentCount countUcs2(String text) {
        int units = text.length();
        if (units <= UCS_SINGLE) {
            return new SegmentCount(Encoding.UCS_2, 1, units);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int cost = Character.charCount(text.codePointAt(i));
            if (used + cost > UCS_PART) {
                segments++;
                used = 0;
            }
            used += cost;
            i += cost;
        }
        return new SegmentCount(Encoding.UCS_2, segments, units);
    }
}
