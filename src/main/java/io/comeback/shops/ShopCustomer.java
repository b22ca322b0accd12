package io.comeback.shops;

import io.comeback.engine.model.ConsentStatus;
import java.time.Instant;

/**
 * A customer as a shop describes them, in the shop's words turned into Comeback's. Any field may be missing.
 *
 * @param shopId        the shop's id of the customer; null for a guest (an order or checkout without an account)
 * @param newExternalId the external id to create them under when no customer is found: {@code shopify-<id>},
 *                      or {@code shopify-guest-<order id>} for a guest
 * @param updatedAt     when the shop last changed them (an older record applied later changes nothing)
 * @param consent       SMS marketing consent, when the shop says something definite about it
 */
public record ShopCustomer(
        String shopId,
        String newExternalId,
        String email,
        String phone,
        String firstName,
        String lastName,
        String locale,
        Instant updatedAt,
        Consent consent) {

    /** What the shop says about SMS marketing, with when and where it was given. */
    public record Consent(ConsentStatus status, Instant at, String source) {}
}
