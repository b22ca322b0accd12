package io.comeback.enrollment;

import io.comeback.audience.ShopNameConfig;
import io.comeback.audience.coupons.CouponService;
import io.comeback.engine.run.CustomerView;
import io.comeback.engine.run.FlowInterpreter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;

/**
 * The interpreter as one enrollment sees it: its coupon codes are issued in the database, unique to
 * the person and this enrollment, so an order carrying one is attributed to the flow.
 */
@ApplicationScoped
public class EnrollmentInterpreters {

    private final CouponService coupons;
    private final Map<String, String> globals;

    public EnrollmentInterpreters(CouponService coupons, ShopNameConfig shopName) {
        this.coupons = coupons;
        this.globals = Map.of("shop.name", shopName.name());
    }

    FlowInterpreter forEnrollment(long enrollmentId, long customerId, CustomerView customer, Instant now) {
        return new FlowInterpreter(
                coupons.forEnrollment(Long.toString(enrollmentId), customerId, now, customer.timeZone()), globals);
    }
}
