package io.comeback.audience.referrals;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code comeback.referrals.*} (README "Referrals"): where a referral link lands. {@code /r/<code>} redirects to the
 * landing URL with the code in {@code parameter}; the shop passes it back as {@code referredBy} when the friend signs
 * up. Without a landing URL, {@code {{ referral.link }}} has no value and {@code /r/<code>} answers 404.
 */
@ConfigMapping(prefix = "comeback.referrals")
public interface ReferralsConfig {

    /** The shop's page a referred friend lands on, e.g. {@code https://shop.example.com/}. */
    Optional<String> landingUrl();

    /** The query parameter carrying the code to the landing page. */
    String parameter();
}
