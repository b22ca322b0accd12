package io.comeback.audience.imports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.Charset;

/**
 * How an import read its file, as its answer tells it: the separator, the encoding (and where that came from: a
 * byte order mark, the Content-Type's charset, or the bytes themselves) and the decimal mark of amounts. A file
 * separated by {@code ;} is what a spreadsheet writes where the comma is the decimal mark (the Nordics,
 * Germany…), so its amounts are read with a decimal comma ({@link DecimalComma}).
 */
public record CsvFormat(
        @JsonIgnore char separatorChar, @JsonIgnore Charset charset, boolean bom, String encodingFrom) {

    /** The plain RFC 4180 file in UTF-8: what the reader assumes when nothing is detected. */
    public static final CsvFormat DEFAULT = new CsvFormat(',', java.nio.charset.StandardCharsets.UTF_8, false, "bytes");

    @JsonProperty
    public String separator() {
        return String.valueOf(separatorChar);
    }

    /** The charset's IANA name in lower case, e.g. {@code utf-8}, {@code windows-1252}. */
    @JsonProperty
    public String encoding() {
        return charset.name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonProperty
    public String decimal() {
        return decimalComma() ? "," : ".";
    }

    @JsonIgnore
    public boolean decimalComma() {
        return separatorChar == ';';
    }
}
