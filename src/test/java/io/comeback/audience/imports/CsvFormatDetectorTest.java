package io.comeback.audience.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvFormatDetectorTest {

    @Test
    void theSeparatorIsTheOneTheHeaderHoldsMostOfOutsideQuotes() {
        assertThat(CsvFormatDetector.separatorOf("a,b,c")).isEqualTo(',');
        assertThat(CsvFormatDetector.separatorOf("a;b;c")).isEqualTo(';');
        assertThat(CsvFormatDetector.separatorOf("a\tb\tc")).isEqualTo('\t');
        assertThat(CsvFormatDetector.separatorOf("\"a,b\";c")).isEqualTo(';');
        assertThat(CsvFormatDetector.separatorOf("externalId")).isEqualTo(',');
    }

    @Test
    void aUtf8SequenceCutByTheEndOfTheSampleIsStillUtf8() {
        byte[] oe = "ø".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvFormatDetector.isUtf8(new byte[] {'a', oe[0]})).isTrue();
        assertThat(CsvFormatDetector.isUtf8("aø".getBytes(Charset.forName("windows-1252"))))
                .isFalse();
    }

    @Test
    void onlyTheFirstBytesAreReadBeforeTheFileIsHandedOnWhole() throws IOException {
        byte[] file = new byte[3 * CsvFormatDetector.SAMPLE];
        System.arraycopy("a;b\n".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 4);
        file[file.length - 1] = (byte) 0xF8; // ø in Windows-1252, far past the sample: not looked at
        CountingStream in = new CountingStream(file);
        CsvFormatDetector.Detected detected = CsvFormatDetector.detect(in, null);
        assertThat(in.read).isEqualTo(CsvFormatDetector.SAMPLE);
        assertThat(detected.format().encoding()).isEqualTo("utf-8");
        assertThat(detected.format().separator()).isEqualTo(";");
        assertThat(detected.input().readAllBytes()).isEqualTo(file);
    }

    @Test
    void aStatedCharsetIsTakenAndAByteOrderMarkOverrulesIt() throws IOException {
        byte[] latin = "a,b\nø,å\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(CsvFormatDetector.detect(new ByteArrayInputStream(latin), StandardCharsets.ISO_8859_1)
                        .format()
                        .encodingFrom())
                .isEqualTo("content-type");
        byte[] marked = "\uFEFFa;b\n".getBytes(StandardCharsets.UTF_16LE);
        CsvFormat format = CsvFormatDetector.detect(new ByteArrayInputStream(marked), StandardCharsets.ISO_8859_1)
                .format();
        assertThat(format.charset()).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(format.separator()).isEqualTo(";");
        assertThat(format.bom()).isTrue();
    }

    @Test
    void decimalCommaAmountsGetAPoint() {
        assertThat(DecimalComma.toPoint("1 234,50")).isEqualTo("1234.50");
        assertThat(DecimalComma.toPoint("1\u00A0234,50")).isEqualTo("1234.50");
        assertThat(DecimalComma.toPoint("1.234.567,5")).isEqualTo("1234567.5");
        assertThat(DecimalComma.toPoint("1234,5")).isEqualTo("1234.5");
        assertThat(DecimalComma.toPoint("-12,00")).isEqualTo("-12.00");
        assertThat(DecimalComma.toPoint("1 234")).isEqualTo("1234");
        assertThat(DecimalComma.toPoint("12.50")).isEqualTo("12.50");
        assertThat(DecimalComma.toPoint("12,3,4")).isEqualTo("12,3,4");
        assertThat(DecimalComma.toPoint("12 34,5")).isEqualTo("12 34,5");
    }

    private static final class CountingStream extends ByteArrayInputStream {
        int read;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
