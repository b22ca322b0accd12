package io.comeback.audience.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateUploadTest {

    @Test
    void aCommaFileWithoutHeaderAndASemicolonFileWithDecimalCommasRead() {
        assertThat(RateUpload.ofCsv("eur,11.70\nSEK,1.02", "NOK").rates())
                .containsOnlyKeys("EUR", "SEK")
                .hasEntrySatisfying("EUR", r -> assertThat(r).isEqualByComparingTo("11.70"));
        assertThat(RateUpload.ofCsv("\uFEFFcurrency;rate\r\nEUR;11,7\r\nISK;0,085\r\n", "NOK")
                        .rates())
                .hasEntrySatisfying("ISK", r -> assertThat(r).isEqualByComparingTo("0.085"));
    }

    @Test
    void everyProblemIsNamedByLineAndNothingIsKept() {
        RateUpload.Judged judged = RateUpload.ofCsv("currency,rate\nEUR,11.7\nEUR,11.8\nXQQ,1\nSEK,0\nUSD\n", "NOK");
        assertThat(judged.rates()).isEmpty();
        assertThat(judged.problems()).extracting(RateUpload.Problem::line).containsExactly(3L, 4L, 5L, 6L);
        assertThat(RateUpload.ofCsv("currency,rate\n", "NOK").problems()).hasSize(1);
    }

    @Test
    void jsonProblemsNameTheirField() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("EUR", "11.70");
        body.put("nok", "1");
        body.put("GBP", "1e20");
        RateUpload.Judged judged = RateUpload.ofJson(body, "NOK");
        assertThat(judged.problems()).extracting(RateUpload.Problem::field).containsExactly("rates.nok", "rates.GBP");
        assertThat(RateUpload.ofJson(Map.of(), "NOK").problems())
                .extracting(RateUpload.Problem::field)
                .containsExactly("rates");
    }
}
