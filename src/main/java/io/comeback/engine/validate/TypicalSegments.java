package io.comeback.engine.validate;

import io.comeback.engine.model.Flow;
import io.comeback.engine.model.Send;
import io.comeback.engine.model.TextVariant;
import io.comeback.engine.text.LinkShape;
import io.comeback.engine.text.SmsSegments;
import io.comeback.engine.text.Template;

/**
 * How many SMS segments a text is with typical values filled in and links as they are sent: the count the linter
 * warns with, for a campaign preview's cost estimate.
 */
public final class TypicalSegments {

    private TypicalSegments() {}

    public static SmsSegments.SegmentCount of(Flow flow, Send send, TextVariant text, LinkShape links) {
        Template template = Template.parse(text.template());
        return SmsSegments.count(TextChecks.fill(template, new SampleValues(flow, send.coupon(), links)));
    }
}
