package io.comeback.engine.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads flow files from {@code src/test/resources/flows} and {@code flows/}. */
final class Fixtures {

    static final Path TEST_FLOWS = Path.of("src/test/resources/flows");
    static final Path SHIPPED_FLOWS = Path.of("flows");

    private Fixtures() {}

    static String invalid(String name) {
        return read(TEST_FLOWS.resolve("invalid").resolve(name));
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> yamlFilesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
