package io.comeback.engine.validate;

import io.comeback.engine.model.CouponSpec;
import io.comeback.engine.model.Flow;
import io.comeback.engine.model.FlowSettings;
import io.comeback.engine.model.Languages;
import io.comeback.engine.model.Problem;
import io.comeback.engine.model.Severity;
import io.comeback.engine.model.SourceLocation;
import io.comeback.engine.model.TextVariant;
import io.comeback.engine.text.LinkShape;
import io.comeback.engine.text.SmsSegments;
import io.comeback.engine.text.Template;
import io.comeback.engine.text.TemplateSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one message text: placeholders well-formed and known where they are used, GSM-7
 * characters, length in SMS segments once filled in, and an opt-out hint in marketing texts.
 */
final class TextChecks {

    /**
     * STOP (en, da) or STOPP (nb, nn, sv, is) as a word, the keywords gateways act on; LOPETA (fi) and HÆTTA (is),
     * the words Finns and Icelanders are told to answer.
     */
    private static final Pattern OPT_OUT = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(STOPP?|LOPETA|HÆTTA)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final String ICELANDIC_LETTERS = "áðíóúýþÁÐÍÓÚÝÞ";

    private static final Map<String, String> REPLACEMENTS = Map.of(
            "’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", "-", "…", "...", "\u00a0", "a normal space");

    private final Flow flow;
    private final VariableScope scope;
    private final LinkShape links;
    private final List<Problem> out;

    TextChecks(Flow flow, VariableScope scope, LinkShape links, List<Problem> out) {
        this.flow = flow;
        this.scope = scope;
        this.links = links;
        this.out = out;
    }

    /**
     * @param stepIndex   the step the text belongs to, for variable scope
     * @param needsOptOut true for texts of send steps in marketing flows
     */
    void check(TextVariant text, String path, int stepIndex, Optional<CouponSpec> coupon, boolean needsOptOut) {
        Template template;
        try {
            template = Template.parse(text.template());
        } catch (TemplateSyntaxException e) {
            out.add(Problem.error(text.locate(e.offset()), path, e.reason() + "."));
            return;
        }
        for (Template.Placeholder p : template.placeholders()) {
            scope.check(p.path(), stepIndex)
                    .ifPresent(f -> out.add(new Problem(
                            f.severity(),
                            text.locate(p.offset()).line(),
                            text.locate(p.offset()).column(),
                            path,
                            f.message())));
        }
        SampleValues samples = new SampleValues(flow, coupon, links);
        String filled = fill(template, samples);
        nonGsm(text, path);
        segments(text, path, filled, template.literalText());
        if (needsOptOut && !OPT_OUT.matcher(text.template()).find()) {
            out.add(Problem.warning(
                    text.location(),
                    path,
                    "Marketing texts should say how to opt out: add " + optOutExample(text.locale()) + "."));
        }
    }

    static String fill(Template template, SampleValues samples) {
        Map<String, String> fallbacks = new java.util.HashMap<>();
        template.placeholders()
                .forEach(p -> fallbacks.merge(
                        p.path(),
                        p.fallback() == null ? "" : p.fallback(),
                        (a, b) -> a.length() >= b.length() ? a : b));
        return template.render(v -> Optional.of(samples.valueFor(v, fallbacks.get(v))));
    }

    private void nonGsm(TextVariant text, String path) {
        // Icelandic needs letters GSM-7 lacks: its texts go as UCS-2 whatever one writes, so only other characters
        // are worth a word (the segment count still says what they cost).
        String ownLetters = "is".equals(Languages.language(text.locale())) ? ICELANDIC_LETTERS : "";
        List<String> odd = SmsSegments.nonGsmCharacters(text.template()).stream()
                .filter(c -> !ownLetters.contains(c))
                .toList();
        if (odd.isEmpty()) {
            return;
        }
        StringBuilder which = new StringBuilder();
        for (String c : odd) {
            which.append(which.length() == 0 ? "" : ", ").append(describe(c));
        }
        SourceLocation at = text.locate(text.template().indexOf(odd.get(0)));
        out.add(Problem.warning(
                at,
                path,
                "The " + text.locale() + " text has characters outside the GSM-7 SMS alphabet: "
                        + which + ". Then the whole message goes as UCS-2, 70 characters per SMS instead of 160 "
                        + "(67 instead of 153 per part). Replace or remove them."));
    }

    private static String describe(String c) {
        String replacement = REPLACEMENTS.get(c);
        String shown = c.equals("\u00a0") ? "non-breaking space" : c;
        if (replacement != null) {
            return shown + " (write " + replacement + ")";
        }
        return shown + " (U+" + String.format("%04X", c.codePointAt(0)) + ")";
    }

    /**
     * Above {@code max_segments} the runtime refuses a text instead of sending it: an error when even the
     * fixed words are too long (no customer would ever get it), a warning when typical values make it so.
     */
    private void segments(TextVariant text, String path, String filled, String fixedWordsOnly) {
        int max = flow.settings().maxSegments();
        SmsSegments.SegmentCount least = SmsSegments.count(fixedWordsOnly);
        if (least.segments() > max) {
            out.add(new Problem(
                    Severity.ERROR,
                    text.location().line(),
                    text.location().column(),
                    path,
                    "The " + text.locale() + " text is " + least.segments() + " SMS segments without any "
                            + "placeholder filled in (" + describe(least) + "), more than max_segments " + max
                            + ", so it would never be sent: texts longer than max_segments are refused. "
                            + shorten(least, max)));
            return;
        }
        SmsSegments.SegmentCount count = SmsSegments.count(filled);
        if (count.segments() <= max) {
            return;
        }
        out.add(new Problem(
                Severity.WARNING,
                text.location().line(),
                text.location().column(),
                path,
                "The " + text.locale() + " text is about " + count.segments() + " SMS segments (" + describe(count)
                        + " with typical values filled in), more than max_segments " + max + "; a text that long is "
                        + "refused, not sent. " + shorten(count, max)));
    }

    private static String describe(SmsSegments.SegmentCount count) {
        return (count.encoding() == SmsSegments.Encoding.GSM_7 ? "GSM-7, " : "UCS-2, ") + count.units() + " characters";
    }

    private static String shorten(SmsSegments.SegmentCount count, int max) {
        boolean gsm = count.encoding() == SmsSegments.Encoding.GSM_7;
        int perPart = gsm ? 153 : 67;
        int limit = max == 1 ? (gsm ? 160 : 70) : max * perPart;
        return "Shorten it to at most " + limit + " characters"
                + (gsm ? "" : ", or remove the non-GSM characters to get 153 per segment") + ", or raise max_segments "
                + "(up to " + FlowSettings.MOST_SEGMENTS + ").";
    }

    private static String optOutExample(String locale) {
        String language = locale.split("-")[0];
        return switch (language) {
            case "nb", "no", "nn" -> "\"Svar STOPP for å melde deg av\"";
            case "sv" -> "\"Svara STOPP för att avregistrera dig\"";
            case "da" -> "\"Svar STOP for at afmelde\"";
            case "fi" -> "\"Vastaa LOPETA, niin et saa enää viestejä\"";
            case "is" -> "\"Svaraðu STOPP til að hætta\"";
            default -> "\"Reply STOP to opt out\"";
        };
    }
}
