package io.comeback.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<CsvReader.Row> read(String csv) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(csv), CsvReader.Limits.GENEROUS);
        List<CsvReader.Row> rows = new ArrayList<>();
        for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void plainRowsCountLinesFromTheHeader() throws IOException {
        List<CsvReader.Row> rows = read("a,b\n1,2\n3,4");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(2).fields()).containsExactly("3", "4");
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws IOException {
        List<CsvReader.Row> rows = read("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\nlast,row\r\n");
        assertThat(rows.get(1).fields()).containsExactly("x, y", "say \"hi\"");
        assertThat(rows.get(2).fields()).containsExactly("two\nlines", "z");
        assertThat(rows.get(3).line()).isEqualTo(5);
        assertThat(rows.get(3).fields()).containsExactly("last", "row");
    }

    @Test
    void blankLinesAreSkippedButCounted() throws IOException {
        List<CsvReader.Row> rows = read("\uFEFFa\n\n\nb\n");
        assertThat(rows).extracting(CsvReader.Row::line).containsExactly(1L, 4L);
        assertThat(rows.get(0).fields()).containsExactly("a");
    }

    @Test
    void emptyFieldsAreKept() throws IOException {
        assertThat(read("a,,c,\n").get(0).fields()).containsExactly("a", "", "c", "");
    }

    @Test
    void malformedQuotingIsReportedOnItsLineAndReadingGoesOn() throws IOException {
        List<CsvReader.Row> rows = read("h1,h2\n\"ab\"c,d\nok,1\n\"never closed,2\n");
        assertThat(rows.get(1).malformed()).contains("text after a closing quote");
        assertThat(rows.get(2).isMalformed()).isFalse();
        assertThat(rows.get(2).fields()).containsExactly("ok", "1");
        assertThat(rows.get(3).line()).isEqualTo(4);
        assertThat(rows.get(3).malformed()).contains("never closed");
    }

    private static final CsvReader.Limits SMALL = new CsvReader.Limits(5, 3, 13);

    /** Reads every record under {@link #SMALL}; the last one. */
    private static CsvReader.Row last(String csv) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(csv), SMALL);
        CsvReader.Row last = null;
        for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
            last = row;
        }
        return last;
    }

    @Test
    void aRecordAtEveryLimitIsRead() throws IOException {
        // Fields of 5, 4 and 1 characters, 3 columns, 13 characters with a separator each.
        assertThat(last("abcde,\"ab\"\"c\",x\n").fields()).containsExactly("abcde", "ab\"c", "x");
    }

    @Test
    void aRecordOneBeyondALimitStopsTheReadingNamingItsLineAndTheLimit() {
        assertThatThrownBy(() -> last("h\nabcdef\n"))
                .isInstanceOf(CsvReader.RecordTooLargeException.class)
                .hasMessage("field 1 is longer than 5 characters (comeback.limits.csv.max-field-length)")
                .extracting(e -> ((ImportRejectedException) e).line())
                .isEqualTo(2L);
        assertThatThrownBy(() -> last("h\n\"never closed, and on and on\n"))
                .hasMessageContaining("is its closing quote missing?");
        assertThatThrownBy(() -> last("a,b,c,d\n")).hasMessage("more than 3 columns (comeback.limits.csv.max-columns)");
        assertThatThrownBy(() -> last("h\nabcde,abcde,ab\n"))
                .hasMessage("the record is longer than 13 characters (comeback.limits.csv.max-record-length)");
    }
}
