package io.comeback.messaging;

import java.time.Duration;
import java.util.List;

/**
 * @param rows claimed rows, to hand to the gateway
 * @param next when to try again: zero at once (more may fit now), a duration until the next waiting
 *             row's tokens are there, null when nothing waits (the usual poll interval)
 */
record ClaimedBatch(List<DispatchStore.Claimed> rows, Duration next) {}
