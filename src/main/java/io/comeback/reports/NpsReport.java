package io.comeback.reports;

/** Net Promoter Score of the answers in a period: % promoters (9–10) − % detractors (0–6); null without answers. */
public record NpsReport(long responses, long promoters, long passives, long detractors, Double score) {

    public static NpsReport of(long promoters, long passives, long detractors) {
        long responses = promoters + passives + detractors;
        Double score = responses == 0 ? null : 100.0 * (promoters - detractors) / responses;
        return new NpsReport(responses, promoters, passives, detractors, score);
    }
}
