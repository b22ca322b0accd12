package io.comeback.messaging;

import io.comeback.messaging.port.SmsGateway;
import java.util.List;

/**
 * How a batch's rows reach the gateway: {@link CallPerRow} for a provider that takes one message per
 * request, {@link CallPerBatch} for one that takes the batch in one ({@link SmsGateway#takesBatches()}).
 * Both apply the same {@link HandOverRules} before and after the call.
 */
interface GatewayCalls {

    /** What became of each row, in the rows' order. */
    List<HandOverResult> handOver(List<DispatchStore.Claimed> rows, SmsGateway gateway);
}
