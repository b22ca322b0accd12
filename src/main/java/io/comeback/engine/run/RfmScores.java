package io.comeback.engine.run;

/**
 * Recency, frequency and monetary scores, each 1 (lowest fifth of the customers who ordered) to 5
 * (highest fifth). Recency 5 means the most recent buyers.
 */
public record RfmScores(int recency, int frequency, int monetary) {

    public RfmScores {
        check("recency", recency);
        check("frequency", frequency);
        check("monetary", monetary);
    }

    /** The usual three-digit segment code, e.g. {@code 545}. */
    public String code() {
        return "" + recency + frequency + monetary;
    }

    private static void check(String name, int score) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException(name + " score must be 1–5, was " + score);
        }
    }
}
