package io.comeback.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsAndSuggestionsTest {

    @Test
    void explainsWhatToWriteForCommonSlips() {
        assertThat(Durations.explain("3 days")).contains("write P3D");
        assertThat(Durations.explain("2 uker")).contains("write P2W");
        assertThat(Durations.explain("1 day 12 hours")).contains("write P1DT12H");
        assertThat(Durations.explain("30min")).contains("write PT30M");
        assertThat(Durations.explain("P1D2H")).contains("write P1DT2H");
        assertThat(Durations.explain("PT1.5H")).contains("whole numbers").contains("PT90M");
        assertThat(Durations.explain("-P1D")).contains("cannot be negative");
        assertThat(Durations.explain("48")).contains("P48D").contains("PT48H");
        assertThat(Durations.explain("soon"))
                .contains("write an ISO-8601 duration")
                .contains("P3D = 3 days");
    }

    @Test
    void suggestsTheClosestKnownWord() {
        List<String> kinds = List.of("send", "wait", "wait_for_reply", "branch", "set", "exit");
        assertThat(Suggestions.closest("sned", kinds)).contains("send");
        assertThat(Suggestions.closest("waitForReply", kinds)).contains("wait_for_reply");
        assertThat(Suggestions.closest("wait-for-reply", kinds)).contains("wait_for_reply");
        assertThat(Suggestions.closest("brnach", kinds)).contains("branch");
        assertThat(Suggestions.closest("coupon", kinds)).isEmpty();
        assertThat(Suggestions.didYouMean("zzz", kinds)).isEmpty();
    }
}
