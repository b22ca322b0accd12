package io.comeback.enrollment;

import io.comeback.audience.links.ShortLinkCodes;
import io.comeback.audience.referrals.ReferralCodes;
import io.comeback.engine.run.TextLinks;
import io.comeback.engine.text.LinkShape;
import java.util.Optional;

/**
 * {@link TextLinks} for one enrollment: a link's code is derived from the enrollment, the text's send key and the
 * link's name ({@link ShortLinkCodes}), so the batch that writes the text writes its link too, and a batch run again
 * renders the same code. Referral codes are the customer's own, made on first use.
 */
final class EnrollmentTextLinks implements TextLinks {

    private final long enrollmentId;
    private final LinkShape shape;
    private final ShortLinkCodes codes;
    private final ReferralCodes referrals;

    EnrollmentTextLinks(long enrollmentId, LinkShape shape, ShortLinkCodes codes, ReferralCodes referrals) {
        this.enrollmentId = enrollmentId;
        this.shape = shape;
        this.codes = codes;
        this.referrals = referrals;
    }

    @Override
    public ShortLink shorten(LinkRequest request) {
        if (!shape.tracked()) {
            return TextLinks.untracked().shorten(request);
        }
        String code = codes.forFlowText(enrollmentId, request.sendKey(), request.linkName());
        return new ShortLink(request.linkName(), request.target(), code, shape.link(request.target(), code));
    }

    @Override
    public Optional<Referral> referral(String customerId) {
        String code = referrals.codeFor(Long.parseLong(customerId));
        return Optional.of(new Referral(code, referrals.link(code).orElse(null)));
    }
}
