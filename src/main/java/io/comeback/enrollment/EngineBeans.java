package io.comeback.enrollment;

import io.comeback.audience.ShopNameConfig;
import io.comeback.engine.run.CouponCodes;
import io.comeback.engine.run.FlowInterpreter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The pure engine as beans. Coupon codes are derived per enrollment until codes are reserved in the database. */
@ApplicationScoped
public class EngineBeans {

    @Produces
    @ApplicationScoped
    FlowInterpreter interpreter(CouponCodes coupons, ShopNameConfig shopName) {
        return new FlowInterpreter(coupons, shopName.globals());
    }

    /** A seam: the unique-code issue replaces this with codes stored and checked for redemption. */
    @Produces
    @ApplicationScoped
    @io.quarkus.arc.DefaultBean
    CouponCodes couponCodes() {
        return CouponCodes.deterministic();
    }
}
