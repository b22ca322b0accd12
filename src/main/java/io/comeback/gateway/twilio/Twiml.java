package io.comeback.gateway.twilio;

import java.util.Optional;

/** The TwiML answers to an inbound text: nothing, or one message back to the sender. */
final class Twiml {

    static final String MEDIA_TYPE = "application/xml";

    private Twiml() {}

    static String reply(Optional<String> text) {
        return text.filter(t -> !t.isBlank())
                .map(t -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + escape(t)
                        + "</Message></Response>")
                .orElse("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
