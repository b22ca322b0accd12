package io.comeback.web;

import io.comeback.audience.CsvDialect;

/** The {@code ?dialect=} of a CSV export: absent is the standard dialect, an unknown name a 400 naming it. */
final class CsvDialects {

    static final String DOC = "excel-nordic (';', decimal comma, UTF-8 with BOM) or rfc4180 (default)";

    private CsvDialects() {}

    /** @return null when the parameter is absent */
    static CsvDialect parseOrNull(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return CsvDialect.fromWire(raw)
                .orElseThrow(() -> ReportRange.badRequest(
                        "dialect", "'" + raw + "' is not a CSV dialect; use excel-nordic or rfc4180"));
    }

    static CsvDialect parse(String raw) {
        CsvDialect dialect = parseOrNull(raw);
        return dialect == null ? CsvDialect.STANDARD : dialect;
    }
}
