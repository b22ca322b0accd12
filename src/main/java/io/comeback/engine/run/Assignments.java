package io.comeback.engine.run;

import io.comeback.engine.model.SetStep;

/** Applies a {@code set} step: records the write on the run and tells the runtime to store it. */
final class Assignments {

    private Assignments() {}

    static void apply(SetStep.Assignment assignment, Run run, VariableLookup variables) {
        if (assignment instanceof SetStep.AttributeValue fixed) {
            setAttribute(run, fixed.attribute(), fixed.value());
        } else if (assignment instanceof SetStep.AttributeFromVariable copy) {
            String value = variables.value(copy.variable());
            if (value != null) {
                setAttribute(run, copy.attribute(), value);
            }
        } else if (assignment instanceof SetStep.AddTag add) {
            run.tagsRemoved.remove(add.tag());
            run.tagsAdded.add(add.tag());
            run.emit(new Decision.AddTag(add.tag()));
        } else if (assignment instanceof SetStep.RemoveTag remove) {
            run.tagsAdded.remove(remove.tag());
            run.tagsRemoved.add(remove.tag());
            run.emit(new Decision.RemoveTag(remove.tag()));
        }
    }

    private static void setAttribute(Run run, String name, String value) {
        run.attributes.put(name, value);
        run.emit(new Decision.SetAttribute(name, value));
    }
}
