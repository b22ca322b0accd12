package io.comeback.engine.model;

import java.util.Optional;

/**
 * Writes something onto the customer: an attribute (a fixed value, or one taken from a variable
 * such as {@code reply.score}), or a tag. Named {@code SetStep} rather than {@code Set} so it
 * never clashes with {@link java.util.Set}; the YAML key is {@code set}.
 */
public record SetStep(String id, Optional<Target> next, Assignment assignment, SourceLocation location)
        implements Step {

    public String kind() {
        return "set";
    }

    /** What a {@code set} step writes. */
    public sealed interface Assignment {}

    /** YAML: {@code set: {attribute: segment, value: vip}}. */
    public record AttributeValue(String attribute, String value) implements Assignment {}

    /** YAML: {@code set: {attribute: nps, from: reply.score}}; nothing is written if the variable has no value. */
    public record AttributeFromVariable(String attribute, String variable) implements Assignment {}

    /** YAML: {@code set: {tag: detractor}}. */
    public record AddTag(String tag) implements Assignment {}

    /** YAML: {@code set: {remove_tag: detractor}}. */
    public record RemoveTag(String tag) implements Assignment {}
}
