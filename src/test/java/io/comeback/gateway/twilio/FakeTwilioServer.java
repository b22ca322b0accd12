package io.comeback.gateway.twilio;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@link FakeTwilioApi} as a process of its own, for {@code deploy/bench/handover-bench.sh}: it keeps no requests or
 * messages, only {@link FakeTwilioLoad}'s counts, served as JSON at {@code GET /bench/stats}.
 *
 * <pre>java -cp target/test-classes io.comeback.gateway.twilio.FakeTwilioServer PORT LATENCY_MS MAX_IN_FLIGHT</pre>
 */
public final class FakeTwilioServer {

    private FakeTwilioServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        FakeTwilioApi api = new FakeTwilioApi(port, false);
        api.load().latency = Duration.ofMillis(Long.parseLong(args[1]));
        api.load().maxInFlight = Integer.parseInt(args[2]);
        Runtime.getRuntime().addShutdownHook(new Thread(api::close));
        System.out.printf(
                "fake Twilio on http://127.0.0.1:%d (account %s): %s ms per answer, at most %s in flight%n",
                port, FakeTwilioApi.ACCOUNT_SID, args[1], args[2]);
        new CountDownLatch(1).await();
    }
}
