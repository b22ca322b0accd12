package io.comeback.flows;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two flow texts (longest common subsequence), as {@code diff} shows it: kept, removed and added
 * lines in order. Flow files are small; past {@link #MAX_LINES} lines per side the texts are compared whole.
 */
public final class FlowLineDiff {

    static final int MAX_LINES = 4000;

    public enum Kind {
        SAME,
        REMOVED,
        ADDED
    }

    /** {@code oldLine}/{@code newLine}: the line's number on each side, 0 where it is not on that side. */
    public record Line(Kind kind, int oldLine, int newLine, String text) {}

    private FlowLineDiff() {}

    public static List<Line> of(String older, String newer) {
        String[] a = older.split("\r?\n", -1);
        String[] b = newer.split("\r?\n", -1);
        List<Line> out = new ArrayList<>();
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            for (int i = 0; i < a.length; i++) {
                out.add(new Line(Kind.REMOVED, i + 1, 0, a[i]));
            }
            for (int j = 0; j < b.length; j++) {
                out.add(new Line(Kind.ADDED, 0, j + 1, b[j]));
            }
            return out;
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Line(Kind.SAME, i + 1, j + 1, a[i]));
                i++;
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                // Removed lines before the added ones that replace them, as diff shows a change.
                out.add(new Line(Kind.REMOVED, i + 1, 0, a[i]));
                i++;
            } else {
                out.add(new Line(Kind.ADDED, 0, j + 1, b[j]));
                j++;
            }
        }
        return out;
    }
}
