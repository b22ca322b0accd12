package io.comeback.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * Keyword entries ("reply VIP to join"): a recipient who texts one of {@code words} within {@code openFor} of the
 * campaign's start is recorded once as an entry, gets {@code confirm} in their language, and enters {@code then}
 * when it names a flow.
 */
public record CampaignKeyword(
        List<String> words,
        FlowDuration openFor,
        LocalizedText confirm,
        Optional<String> then,
        SourceLocation location) {

    public CampaignKeyword {
        words = List.copyOf(words);
    }
}
