package io.comeback.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void cellsThatWouldRunAsFormulasAreWrittenAsText() {
        assertThat(CsvCells.of("=HYPERLINK(\"http://evil.example\",\"click\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
        assertThat(CsvCells.of("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(CsvCells.of("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.of("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(CsvCells.of("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCells.of("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(CsvCells.of("\uFF1D1+1")).isEqualTo("'\uFF1D1+1");
    }

    @Test
    void plainNumbersAndOrdinaryTextAreLeftAlone() {
        assertThat(CsvCells.of("+4791234567")).isEqualTo("+4791234567");
        assertThat(CsvCells.of(new BigDecimal("-0.2500"))).isEqualTo("-0.2500");
        assertThat(CsvCells.of(-3L)).isEqualTo("-3");
        assertThat(CsvCells.of("1e-5")).isEqualTo("1e-5");
        assertThat(CsvCells.of("Oslo, Norway")).isEqualTo("\"Oslo, Norway\"");
        assertThat(CsvCells.of("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.of(null)).isEmpty();
    }
}
