package io.comeback.shops;

import io.comeback.audience.imports.ImportReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The rows of a shop's export that its translation refused, by line; the first ones listed, all counted. Joined to
 * the import's own report, whose rejections speak of the import's columns, named here as the export names them.
 */
public final class ExportRejections {

    private final int maxListed;
    private final List<ImportReport.Rejection> listed = new ArrayList<>();
    private long count;

    ExportRejections(int maxListed) {
        this.maxListed = maxListed;
    }

    /** Rows are translated in line order: the first {@code maxListed} are the ones a report lists. */
    public void reject(long line, String column, String reason) {
        count++;
        if (listed.size() < maxListed) {
            listed.add(new ImportReport.Rejection(line, column, reason));
        }
    }

    /**
     * The import's report with these rejections among its own, in line order.
     *
     * @param columnOf the export's column for a field of the import (its rejections name those)
     */
    public ImportReport joinedTo(ImportReport report, UnaryOperator<String> columnOf) {
        List<ImportReport.Rejection> all = new ArrayList<>(listed);
        for (ImportReport.Rejection r : report.rejected()) {
            all.add(new ImportReport.Rejection(
                    r.line(), r.field() == null ? null : columnOf.apply(r.field()), r.reason()));
        }
        all.sort(Comparator.comparingLong(ImportReport.Rejection::line));
        long total = count + report.rejectedCount();
        List<ImportReport.Rejection> shown = List.copyOf(all.subList(0, (int) Math.min(all.size(), maxListed)));
        return new ImportReport(
                report.imported(),
                report.updated(),
                report.unchanged(),
                total,
                shown,
                total > shown.size(),
                report.entered(),
                report.goalsMet(),
                report.awaitingApproval(),
                report.flows(),
                report.format());
    }
}
