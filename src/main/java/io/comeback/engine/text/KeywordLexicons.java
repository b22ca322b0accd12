package io.comeback.engine.text;

import static io.comeback.engine.text.KeywordLexicon.phrases;
import static io.comeback.engine.text.KeywordLexicon.words;

import java.util.List;

/**
 * The languages Comeback understands in texts to the shop's number: English, Norwegian, Danish, Swedish, Finnish
 * and Icelandic. STOP, START and INFO belong to every one of them (people write them whatever their language), so
 * a text of only those says nothing about its language; the number's country decides then (see the inbound
 * package). Polite words are few and plain on purpose: a word that could carry meaning ("ikke", "never", "my")
 * is never one, so "stop" beside it is not a command.
 */
public final class KeywordLexicons {

    private KeywordLexicons() {}

    public static final KeywordLexicon ENGLISH = new KeywordLexicon(
            "en",
            words("stop, stopall, unsubscribe, cancel, end, quit, optout, opt-out, revoke"),
            words("start, unstop, yes"),
            words("help, info"),
            words("yes"),
            phrases(
                    "(stop|quit|cease) (texting|messaging|sending|contacting|spamming)",
                    "(unsubscribe|opt me out|opt out|remove me|take me off)",
                    "(don't|dont|do not) (text|message|sms|contact|send) me",
                    "(don't|dont|do not) want (any )?(more )?(texts|messages|sms|offers)",
                    "no more (texts|messages|sms|offers)"),
            words("please, pls, plz, thanks, thank you, thx, ty, cheers, now, right now, asap, immediately, already,"
                    + " again, just, it, this, these, them, all, me, ok, okay, hi, hello, hey, sorry"),
            words("not, don't, dont, never"));

    public static final KeywordLexicon NORWEGIAN = new KeywordLexicon(
            "nb",
            words("stop, stopp, avmeld, avslutt"),
            words("start"),
            words("hjelp, info"),
            words("ja"),
            phrases(
                    "(stopp|stop|stoppe|slutt|slutte) (å|aa|med å) (sende|tekste|kontakte|spamme|sms-e)",
                    "ikke send (meg )?(noe |noen )?(flere|mer)",
                    "ikke send (meg )?(sms|meldinger|tekstmeldinger|reklame|tilbud)",
                    "(meld meg av|meld meg ut|avmeld meg|fjern meg|slett meg)",
                    "(vil|ønsker) ikke (ha|motta|få) (flere|mer|noe mer)",
                    "ikke (flere|mer) (sms|meldinger|tekstmeldinger|tilbud|reklame)"),
            words("takk, tusen takk, takk skal du ha, nå, med en gang, straks, dette, det, disse, denne, meg, bare, da,"
                    + " igjen, alle, alt, hei, ok, okei, vær så snill, er du snill, vennligst, nei"),
            words("ikke, ikkje, aldri"));

    public static final KeywordLexicon DANISH = new KeywordLexicon(
            "da",
            words("stop, stopp, afmeld, frameld, afslut"),
            words("start"),
            words("hjælp, info"),
            words("ja"),
            phrases(
                    "(stop|stoppe|hold op|hold nu op) med at (sende|skrive|sms'e|kontakte)",
                    "(afmeld mig|frameld mig|meld mig af|meld mig fra|fjern mig|slet mig)",
                    "send (mig )?ikke (flere|mere)",
                    "ikke (flere|mere) (sms|sms'er|beskeder|tilbud|reklame)",
                    "(vil|ønsker) ikke (have|modtage|få) (flere|mere)"),
            words("tak, tusind tak, mange tak, nu, lige nu, med det samme, straks, dette, det, disse, denne, mig, bare,"
                    + " igen, alle, alt, hej, ok, venligst, nej, så"),
            words("ikke, aldrig"));

    public static final KeywordLexicon SWEDISH = new KeywordLexicon(
            "sv",
            words("stop, stopp, stoppa, sluta, avsluta, avregistrera"),
            words("start, starta"),
            words("hjälp, info"),
            words("ja"),
            phrases(
                    "(sluta|stoppa) (att )?(skicka|sms:a|smsa|messa|kontakta|spamma)",
                    "skicka (inte|inga) (fler|mer)",
                    "(avregistrera mig|avanmäl mig|ta bort mig|stryk mig|avsluta prenumerationen)",
                    "vill inte (ha|få) (fler|mer|några)",
                    "inga fler (sms|meddelanden|utskick|erbjudanden)"),
            words("tack, tack så mycket, tusen tack, nu, direkt, genast, på en gång, detta, det, dessa, denna, mig,"
                    + " bara, igen, alla, allt, hej, ok, snälla, vänligen, då, nej"),
            words("inte, aldrig, ej"));

    public static final KeywordLexicon FINNISH = new KeywordLexicon(
            "fi",
            words("stop, lopeta, peru, pois"),
            words("start, aloita"),
            words("apua, ohje, info"),
            words("kyllä, kylla, joo"),
            phrases(
                    "lopeta (viestit|viestien lähettäminen|lähettäminen|tekstiviestit|viestittely|mainokset"
                            + "|markkinointi|tilaus)",
                    "(älä|älkää) (enää )?(lähetä|lähettäkö|laita)",
                    "en halua (enää )?(viestejä|tekstiviestejä|mainoksia|tarjouksia|markkinointia)",
                    "poista minut"),
            words("kiitos, kiitti, kiitoksia, nyt, heti, tämä, tätä, nämä, näitä, minut, vaan, jo, kaikki, moi, hei,"
                    + " ok, ole hyvä, olkaa hyvä, ystävällisesti"),
            words("ei, en, älä, älkää"));

    public static final KeywordLexicon ICELANDIC = new KeywordLexicon(
            "is",
            words("stop, stopp, hætta, haetta, afskrá"),
            words("start, byrja"),
            words("hjálp, info"),
            words("já"),
            phrases(
                    "hætta (að senda|áskrift|áskriftinni)",
                    "ekki senda (mér )?(fleiri|meira|sms|skilaboð)",
                    "(afskrá mig|taktu mig af listanum)",
                    "vil ekki fá (fleiri|meira)",
                    "engin (fleiri|meiri) (sms|skilaboð|tilboð)"),
            words("takk, takk fyrir, takk kærlega, núna, strax, þetta, þessu, þessi, mig, bara, aftur, öll, allt, hæ,"
                    + " halló, ok, vinsamlegast, nei"),
            words("ekki, aldrei"));

    /** Every lexicon; the order is the order of the languages a text is said to be in when it could be several. */
    public static final List<KeywordLexicon> ALL = List.of(ENGLISH, NORWEGIAN, DANISH, SWEDISH, FINNISH, ICELANDIC);
}
