package io.comeback.audience.imports;

import java.util.List;
import java.util.function.Consumer;

/** The merger threads of all lanes: started together, closed together, the first failure surfacing. */
final class LaneMergers implements AutoCloseable {

    private final List<ImportLane> lanes;

    LaneMergers(List<ImportLane> lanes) {
        this.lanes = lanes;
        for (ImportLane lane : lanes) {
            lane.merger = new BatchMerger(lane::merge, 1);
        }
    }

    /** A lane that failed stops the import at once, not when its next batch is handed over. */
    void rethrowFailure() {
        onEveryLane(BatchMerger::rethrowFailure);
    }

    /** The failure to report of two: a lane's own failure rather than another lane stopping because of it. */
    private static RuntimeException cause(RuntimeException first, RuntimeException next) {
        return first == null || first instanceof SealedBatches.StoppedByAnotherLane ? next : first;
    }

    @Override
    public void close() {
        onEveryLane(BatchMerger::close);
    }

    /** Runs on every lane even when one throws, then throws the failure to report. */
    private void onEveryLane(Consumer<BatchMerger> action) {
        RuntimeException first = null;
        for (ImportLane lane : lanes) {
            try {
                action.accept(lane.merger);
            } catch (RuntimeException e) {
                first = cause(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
