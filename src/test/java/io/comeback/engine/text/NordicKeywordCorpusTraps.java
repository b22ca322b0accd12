package io.comeback.engine.text;

import java.util.List;

/**
 * Texts people send that hold a keyword but are no command, in the six languages: questions, negations, and stop or
 * cancel about something else. {@link NordicKeywordCorpusTest} and the webhook test through the running service hold
 * that none of them opts anybody out.
 */
public final class NordicKeywordCorpusTraps {

    private NordicKeywordCorpusTraps() {}

    public static final List<String> TRAPS = List.of(
            "Når stopper salget?",
            "Når slutter salget?",
            "Stopp bestillingen min",
            "Ikke stopp tilbudene, de er fine!",
            "Stopp! Feil adresse på pakken",
            "Avslutt bestillingen min",
            "Hvordan melder jeg meg av nyhetsbrevet på e-post?",
            "Ikke slutt å sende meg tilbud!",
            "Hvornår stopper udsalget?",
            "Stop min ordre",
            "I må ikke stoppe med at sende tilbud",
            "När slutar rean?",
            "Sluta aldrig skicka erbjudanden!",
            "Avsluta min beställning",
            "Stoppa leveransen",
            "Milloin ale loppuu?",
            "Peru tilaukseni",
            "Toimitatteko Peruun?",
            "Älä lopeta näitä tarjouksia!",
            "Hvenær hættir útsalan?",
            "Ekki hætta að senda tilboð",
            "Hætta við pöntun",
            "When does the sale stop?",
            "I love it, never stop",
            "Please don't stop sending me offers",
            "Cancel my order",
            "End of season sale?",
            "Can I stop by the shop tomorrow?",
            "The bus stop is closed, where do I pick up?",
            "Stop the press, this deal is great",
            "ja takk",
            "Takk for tilbudet!");
}
