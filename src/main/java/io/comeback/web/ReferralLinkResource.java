package io.comeback.web;

import io.comeback.audience.referrals.ReferralCodes;
import io.comeback.audience.referrals.Referrals;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /r/<code>}, a customer's referral link (README "Referrals"): public, it is shared with friends. Lands at the
 * shop's page with the code as a parameter ({@code ?ref=K7M2Q9XA}); the shop passes it back as {@code referredBy} when
 * the friend signs up. A landing records nothing: the sign-up does.
 */
@Path("/r/{code}")
public class ReferralLinkResource {

    private final Referrals referrals;
    private final ReferralCodes codes;

    public ReferralLinkResource(Referrals referrals, ReferralCodes codes) {
        this.referrals = referrals;
        this.codes = codes;
    }

    @GET
    @Operation(hidden = true) // a link people follow, not part of the API
    public Response land(@PathParam("code") String code) {
        return answer(code, false);
    }

    @HEAD
    @Operation(hidden = true)
    public Response check(@PathParam("code") String code) {
        return answer(code, true);
    }

    private Response answer(String code, boolean head) {
        if (!codes.landingKnown()) {
            return LinkPages.notFound(head);
        }
        return ReferralCodes.normalized(code)
                .filter(c -> referrals.ownerOf(c).isPresent())
                .map(c -> LinkPages.redirect(codes.landing(c)))
                .orElseGet(() -> LinkPages.notFound(head));
    }
}
