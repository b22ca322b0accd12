package io.comeback.engine.validate;

import io.comeback.engine.model.Problem;
import java.nio.file.Path;
import java.util.List;

/** A flow's id should match its file name, so people find the file from the id shown in reports. */
final class FileNameCheck {

    private FileNameCheck() {}

    static void check(Path file, ValidationResult result, List<Problem> problems) {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        result.flow().filter(flow -> !flow.id().equals(name)).ifPresent(flow -> {
            String id = flow.id();
            problems.add(Problem.warning(
                    flow.location(),
                    "id",
                    "The flow id `" + id + "` differs from the file name `" + file.getFileName() + "`: name the file "
                            + id + ".yaml, or write `id: " + name + "`."));
        });
    }
}
