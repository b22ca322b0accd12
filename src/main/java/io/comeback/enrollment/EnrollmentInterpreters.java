package io.comeback.enrollment;

import io.comeback.audience.ShopNameConfig;
import io.comeback.audience.coupons.CouponService;
import io.comeback.audience.links.ShortLinkCodes;
import io.comeback.audience.links.ShortLinkForm;
import io.comeback.audience.referrals.ReferralCodes;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.FlowInterpreter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * The interpreter as one enrollment sees it: its coupon codes are issued in the database, unique to
 * the person and this enrollment, so an order carrying one is attributed to the flow; its links are
 * short links made for this enrollment's texts ({@link EnrollmentTextLinks}).
 */
@ApplicationScoped
public class EnrollmentInterpreters {

    private final CouponService coupons;
    private final ShortLinkForm links;
    private final ShortLinkCodes codes;
    private final ReferralCodes referrals;
    private final Map<String, String> globals;

    public EnrollmentInterpreters(
            CouponService coupons,
            ShortLinkForm links,
            ShortLinkCodes codes,
            ReferralCodes referrals,
            ShopNameConfig shopName) {
        this.coupons = coupons;
        this.links = links;
        this.codes = codes;
        this.referrals = referrals;
        this.globals = shopName.globals();
    }

    FlowInterpreter forEnrollment(long enrollmentId, long customerId, CustomerView customer, Instant now) {
        return new FlowInterpreter(
                coupons.forEnrollment(Long.toString(enrollmentId), customerId, now, customer.timeZone()),
                new EnrollmentTextLinks(enrollmentId, links.shape(), codes, referrals),
                globals);
    }
}
