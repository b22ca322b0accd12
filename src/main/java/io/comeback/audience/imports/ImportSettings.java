package io.comeback.audience.imports;

/**
 * How a {@link CsvImport} runs.
 *
 * @param what                what the rows are, as the progress log names them ("customers", "orders")
 * @param batchSize           rows per batch: one transaction each
 * @param maxListedRejections rejections listed one by one in the report (all are counted)
 * @param lanes               how many connections merge batches at once ({@link CsvImport#laneOf}); lanes beyond
 *                            the first take their connection from {@code moreConnections}
 * @param moreConnections     null for one lane, on the importing connection
 * @param lanesTakeTurns      true: batches go to the lanes in turn, and a batch that shares a key
 *                            ({@link CsvImport#claim}) with an earlier batch not committed yet waits for its commit
 *                            before it merges; for tables with more than one unique key, where no single key
 *                            routes every clash to one lane
 */
record ImportSettings(
        String what,
        int batchSize,
        int maxListedRejections,
        int lanes,
        ConnectionSource moreConnections,
        boolean lanesTakeTurns) {

    /** How many lanes there are: one without more connections. */
    int laneCount() {
        return moreConnections == null ? 1 : Math.max(1, lanes);
    }
}
