package io.comeback.shops;

import io.comeback.testing.RuntimeDriver;

/**
 * The suite shares one database, and the discount-code tests run years ahead of the others: every text and code
 * other test classes left waiting is due when they start. With a shop connected, those texts issue codes at the
 * fake shop too, and a batch of the outbox may take them before the test's own, consuming the failures the test
 * scripted. Sending and creating them first makes the test's codes and the shop's scripted answers its own.
 */
final class LeftoverCodes {

    private LeftoverCodes() {}

    static void settle(RuntimeDriver runtime, ShopCodeOutbox outbox) {
        runtime.runDue();
        while (outbox.processDue() > 0) {
            // until no code is due
        }
        runtime.runDue();
    }
}
