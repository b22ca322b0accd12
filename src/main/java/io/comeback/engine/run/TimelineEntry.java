package io.comeback.engine.run;

import java.time.Instant;

/**
 * One thing the simulated enrollment did. Fields that do not apply to a kind are null.
 *
 * <ul>
 *   <li>{@code enter}: the trigger fired and the customer entered; {@code reason} says why then.</li>
 *   <li>{@code send}: {@code step}, {@code text}; {@code value} is the locale used.</li>
 *   <li>{@code defer}: quiet hours held the text of {@code step}; {@code value} is when it goes out.</li>
 *   <li>{@code set}: {@code attribute} = {@code value}; tags as attribute {@code tag}
 *       (reason {@code removed} when a tag was taken off).</li>
 *   <li>{@code exit}: {@code reason} such as {@code completed}, {@code goal_reached}, {@code opted_out}
 *       or an exit step's own reason.</li>
 * </ul>
 */
public record TimelineEntry(
        Instant at, String kind, String step, String text, String attribute, String value, String reason) {

    public static final String ENTER = "enter";
    public static final String SEND = "send";
    public static final String DEFER = "defer";
    public static final String SET = "set";
    public static final String EXIT = "exit";

    static TimelineEntry of(Instant at, Decision decision) {
        if (decision instanceof Decision.Send send) {
            return new TimelineEntry(
                    at,
                    SEND,
                    send.stepId(),
                    send.text(),
                    null,
                    send.locale(),
                    send.purpose() == Decision.SendPurpose.RE_ASK ? "re_ask" : null);
        }
        if (decision instanceof Decision.Defer defer) {
            return new TimelineEntry(
                    at, DEFER, defer.stepId(), null, null, defer.until().toString(), defer.reason());
        }
        if (decision instanceof Decision.SetAttribute set) {
            return new TimelineEntry(at, SET, null, null, set.name(), set.value(), null);
        }
        if (decision instanceof Decision.AddTag tag) {
            return new TimelineEntry(at, SET, null, null, "tag", tag.tag(), null);
        }
        if (decision instanceof Decision.RemoveTag tag) {
            return new TimelineEntry(at, SET, null, null, "tag", tag.tag(), "removed");
        }
        if (decision instanceof Decision.Exit exit) {
            return new TimelineEntry(at, EXIT, exit.stepId(), null, null, null, exit.label());
        }
        return null; // timers and reply deadlines are how the simulator moves, not entries
    }
}
