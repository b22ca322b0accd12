package io.comeback.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The answers in each language, with the shop's name and the inbox's next opening in that language's words. */
class RepliesTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private record Texts(String language) implements RepliesConfig.Texts {
        public String optOut() {
            return language + ": stopped by {shop}";
        }

        public String start() {
            return language + ": started";
        }

        public String help() {
            return language + ": help";
        }

        public String confirmRequest() {
            return language + ": confirm";
        }

        public String inboxOpen() {
            return language + ": open";
        }

        public String inboxClosed() {
            return language + ": we answer {when}.";
        }
    }

    private final Replies replies = new Replies(
            Map.of(
                    "nb",
                    new Texts("nb"),
                    "da",
                    new Texts("da"),
                    "sv",
                    new Texts("sv"),
                    "fi",
                    new Texts("fi"),
                    "is",
                    new Texts("is"),
                    "en",
                    new Texts("en")),
            "nb",
            "Kaffebrenneriet",
            new BusinessHours("Europe/Oslo", "MON,TUE,WED,THU,FRI", "09:00", "16:00"));

    private static Instant at(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(OSLO).toInstant();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nb|i dag fra kl. 09.00|i morgen fra kl. 09.00|på mandag fra kl. 09.00",
                "da|i dag fra kl. 09.00|i morgen fra kl. 09.00|på mandag fra kl. 09.00",
                "sv|i dag från kl. 09.00|i morgon från kl. 09.00|på måndag från kl. 09.00",
                "fi|tänään klo 9.00 alkaen|huomenna klo 9.00 alkaen|maanantaina klo 9.00 alkaen",
                "is|í dag frá kl. 09:00|á morgun frá kl. 09:00|á mánudag frá kl. 09:00",
                "en|today from 09:00|tomorrow from 09:00|on Monday from 09:00",
            })
    void theClosedAutoReplySaysWhenInTheSendersLanguage(String language, String today, String tomorrow, String monday) {
        assertThat(replies.inboxAutoReply(language, at(2030, 3, 5, 7)))
                .isEqualTo(language + ": we answer " + today + ".");
        assertThat(replies.inboxAutoReply(language, at(2030, 3, 5, 17)))
                .isEqualTo(language + ": we answer " + tomorrow + ".");
        assertThat(replies.inboxAutoReply(language, at(2030, 3, 8, 18)))
                .isEqualTo(language + ": we answer " + monday + ".");
        assertThat(replies.inboxAutoReply(language, at(2030, 3, 5, 10))).isEqualTo(language + ": open");
    }

    @Test
    void theShopsNameStandsForShopAndALanguageWithoutTextsGetsTheDefault() {
        assertThat(replies.optOut("sv")).isEqualTo("sv: stopped by Kaffebrenneriet");
        assertThat(replies.optOut("de")).isEqualTo("nb: stopped by Kaffebrenneriet");
        assertThat(replies.help(null)).isEqualTo("nb: help");
    }

    @Test
    void aDefaultLanguageWithoutTextsIsRefusedAtStart() {
        assertThatThrownBy(() -> new Replies(
                        Map.of("nb", new Texts("nb")),
                        "de",
                        "Shop",
                        new BusinessHours("Europe/Oslo", "MON", "09:00", "16:00")))
                .hasMessageContaining("comeback.replies.default-language is de");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "nb|den 10. juli fra kl. 09.00",
                "sv|den 10 juli från kl. 09.00",
                "fi|10.7. klo 9.00 alkaen",
                "en|on 10 July from 09:00",
            })
    void anOpeningAWeekOrMoreAwayIsNamedByItsDate(String language, String when) {
        Replies summer = new Replies(
                Map.of(language, new Texts(language)),
                language,
                "Shop",
                new BusinessHours(
                        "Europe/Oslo",
                        "MON,TUE,WED,THU,FRI",
                        "09:00",
                        "16:00",
                        "2030-07-01,2030-07-02,2030-07-03,2030-07-04,2030-07-05,2030-07-08,2030-07-09"));
        // Saturday 29 June 2030: closed until Wednesday 10 July.
        assertThat(summer.inboxAutoReply(language, at(2030, 6, 29, 12)))
                .isEqualTo(language + ": we answer " + when + ".");
    }
}
