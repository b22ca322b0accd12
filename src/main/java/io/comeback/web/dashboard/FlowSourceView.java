package io.comeback.web.dashboard;

import io.comeback.engine.model.Problem;
import io.quarkus.qute.TemplateData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A flow file's source with line numbers and each problem marked under its line, a caret at its column —
 * how a compiler shows an error, so a marketer sees exactly where to edit.
 */
@TemplateData
public record FlowSourceView(String flowId, List<Line> lines, List<Marker> problems, String unreadable) {

    static final long MAX_BYTES = 1_000_000;

    @TemplateData
    public record Line(int number, String anchor, String text, List<Marker> markers) {}

    /** One problem: {@code pad} is the text before the caret, so the caret sits under the column. */
    @TemplateData
    public record Marker(
            String severity, int line, int column, String anchor, String pad, String path, String message) {}

    static FlowSourceView of(String flowId, Path path, List<Problem> problems) {
        String source;
        String unreadable = null;
        try {
            source = Files.size(path) > MAX_BYTES ? "" : Files.readString(path, StandardCharsets.UTF_8);
            if (source.isEmpty() && Files.size(path) > MAX_BYTES) {
                unreadable = "the file is larger than 1 MB";
            }
        } catch (IOException e) {
            source = "";
            unreadable =
                    e instanceof java.nio.file.NoSuchFileException ? "the file is gone" : "the file cannot be read";
        }
        String[] texts = source.split("\r?\n", -1);
        int count = source.endsWith("\n") ? texts.length - 1 : texts.length;
        List<Marker> markers = problems.stream()
                .sorted(Problem.IN_FILE_ORDER)
                .map(p -> marker(flowId, p, texts))
                .toList();
        List<Line> lines = new ArrayList<>();
        for (int n = 1; n <= Math.max(count, 1); n++) {
            int number = n;
            lines.add(new Line(
                    n,
                    anchor(flowId, n),
                    n <= texts.length ? texts[n - 1] : "",
                    markers.stream()
                            .filter(m -> m.line() == number)
                            .sorted(Comparator.comparingInt(Marker::column))
                            .toList()));
        }
        // A problem past the end of the file (e.g. "missing key" reported after the last line) is shown on the last
        // line.
        int last = lines.size();
        List<Marker> beyond =
                markers.stream().filter(m -> m.line() > last || m.line() < 1).toList();
        if (!beyond.isEmpty()) {
            Line end = lines.get(last - 1);
            List<Marker> all = new ArrayList<>(end.markers());
            all.addAll(beyond);
            lines.set(last - 1, new Line(end.number(), end.anchor(), end.text(), all));
        }
        return new FlowSourceView(flowId, lines, markers, unreadable);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    private static Marker marker(String flowId, Problem p, String[] texts) {
        String lineText = p.line() >= 1 && p.line() <= texts.length ? texts[p.line() - 1] : "";
        int column = Math.max(1, p.column());
        // Keep tabs as tabs so the caret lines up however wide the browser draws them.
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column - 1; i++) {
            pad.append(i < lineText.length() && lineText.charAt(i) == '\t' ? '\t' : ' ');
        }
        return new Marker(
                p.severity().label().toLowerCase(Locale.ROOT),
                p.line(),
                column,
                anchor(flowId, p.line()),
                pad.toString(),
                p.path(),
                p.message());
    }

    private static String anchor(String flowId, int line) {
        return flowId.replaceAll("[^A-Za-z0-9_-]", "_") + "-L" + line;
    }
}
