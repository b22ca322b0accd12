package io.comeback.testing;

import java.time.Instant;
import java.util.Properties;

/**
 * Values the tests must not share: phone numbers, customer, order and other ids. Tests share one database per
 * run (and a database may outlive a run), so every value is unique by construction, not by chance:
 * <ul>
 *   <li>a counter per kind of value hands out every number once per JVM. Quarkus loads test classes again for
 *   each test profile (another class loader, other statics), so the counters live in system properties, the one
 *   object all of them share;</li>
 *   <li>the phone numbers of a run come from a block of 10,000 chosen by its process id (one of 800), so test runs
 *   side by side on one machine and one database use different numbers unless their process ids are a multiple of
 *   800 apart; within the block a run starts where its start time points (in seconds, modulo 10,000), which sets
 *   apart runs that share a block (a reused database, or that rare pair of process ids) unless they also started a
 *   multiple of 10,000 seconds apart, give or take the thousand numbers a run uses;</li>
 *   <li>ids carry a tag of the run (process id and start time, fixed widths) before the counter.</li>
 * </ul>
 * Numbers are valid mobiles for libphonenumber ({@code TestDataTest}); their subscriber part is never below
 * 2,000,000, so they never meet the fixed numbers tests write by hand (+47 9123 4567, +47 9000 0000, +46 70 123 45 67).
 */
public final class TestData {

    /** Numbers one run may use; a run uses about a thousand. */
    static final int BLOCK = 10_000;
    /** Subscriber parts (seven digits) below this are left to hand-written numbers. */
    private static final int FIRST = 2_000_000;

    private static final int BLOCKS = (10_000_000 - FIRST) / BLOCK;

    private static final String PHONES = "comeback.test-data.phones";
    private static final String IDS = "comeback.test-data.ids";
    private static final long PID = ProcessHandle.current().pid();
    private static final long STARTED = ProcessHandle.current()
            .info()
            .startInstant()
            .orElseGet(Instant::now)
            .getEpochSecond();
    private static final int BLOCK_START = FIRST + (int) (PID % BLOCKS) * BLOCK;
    private static final int OFFSET = (int) (STARTED % BLOCK);
    // Fixed widths, so that run tag and counter never run into each other: 36^5 > any pid, 36^4 s ≈ 19 days.
    private static final String RUN =
            fixed(Long.toString(PID, 36), 5) + fixed(Long.toString(STARTED % 1_679_616, 36), 4);

    private TestData() {}

    /** A Norwegian mobile number (+47 9…) no other test uses. */
    public static String norwegianMobile() {
        return "+479" + subscriber();
    }

    /** A Swedish mobile number (+46 70…) no other test uses. */
    public static String swedishMobile() {
        return "+4670" + subscriber();
    }

    /**
     * A Danish number (+45 26…, for mobiles and fixed lines alike) no other test of this run uses. Not every Danish
     * range is open, so this one keeps the last six digits of the run's subscriber part after 26: unique within a
     * run (a run uses fewer than 10,000), not across runs sharing a database.
     */
    public static String danishNumber() {
        String subscriber = subscriber();
        return "+4526" + subscriber.substring(subscriber.length() - 6);
    }

    /** A New York number (+1 646 2…) no other test of this run uses: the last six digits of the run's subscriber part. */
    public static String usMobile() {
        return "+16462" + subscriber().substring(1);
    }

    /** A Finnish mobile number (+358 40…) no other test uses. */
    public static String finnishMobile() {
        return "+35840" + subscriber();
    }

    /**
     * An Icelandic mobile number (+354 77…) no other test of this run uses. Iceland's numbers have seven digits, so
     * this one keeps the last five of the run's subscriber part: unique within a run (a run uses fewer than 10,000),
     * not across runs sharing a database.
     */
    public static String icelandicMobile() {
        String subscriber = subscriber();
        return "+35477" + subscriber.substring(subscriber.length() - 5);
    }

    /** An id no other test uses: {@code prefix-<run><n>}. */
    public static String id(String prefix) {
        return prefix + "-" + RUN + Long.toString(next(IDS), 36);
    }

    /** A customer's external id no other test uses. */
    public static String customerId() {
        return id("c");
    }

    /** An order's id no other test uses. */
    public static String orderId() {
        return id("o");
    }

    /** A provider's message id in Twilio's shape ({@code SM} and 32 hex digits) no other test uses. */
    public static String messageSid() {
        return "SM" + fixed(Long.toHexString(PID), 8) + fixed(Long.toHexString(STARTED), 10)
                + fixed(Long.toHexString(next(IDS)), 14);
    }

    /**
     * A negative id, which no row has (the database counts ids up from 1): for ledger rows written without an
     * enrollment, or messages that have no ledger row. No other test uses it.
     */
    public static long negativeId() {
        long n = next(IDS);
        if (n >= 1 << 21) {
            throw new IllegalStateException("This run used 2^21 ids: widen TestData.negativeId");
        }
        // 22 bits of process id, 20 of start second (about 12 days), 21 of counter.
        return -(((PID & 0x3F_FFFFL) << 41 | (STARTED & 0xF_FFFFL) << 21 | n) + 1);
    }

    /** Lower-case letters only (never a number in any spelling) no other test uses: for names and words in texts. */
    public static String letters() {
        return letters(PID, 5) + letters(STARTED % 11_881_376, 5) + letters(next(IDS), 0); // 26^5 s ≈ 137 days
    }

    /** Seven digits of this run's block, each handed out once. */
    private static String subscriber() {
        long n = next(PHONES);
        if (n >= BLOCK) {
            throw new IllegalStateException("This run used its " + BLOCK + " phone numbers: raise TestData.BLOCK");
        }
        return String.format("%07d", BLOCK_START + (OFFSET + n) % BLOCK);
    }

    private static long next(String counter) {
        Properties shared = System.getProperties();
        synchronized (shared) {
            long n = Long.parseLong(shared.getProperty(counter, "0"));
            shared.setProperty(counter, Long.toString(n + 1));
            return n;
        }
    }

    private static String fixed(String digits, int width) {
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /** {@code value} in base 26 (a–z), at least {@code width} letters. */
    private static String letters(long value, int width) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + value % 26));
            value /= 26;
        } while (value > 0 || s.length() < width);
        return s.reverse().toString();
    }
}
