package io.comeback.web;

import io.comeback.audience.referrals.Referrals;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/customers/{id}/referral}: the customer's referral code and link (made on first ask, then never
 * changed), for the shop to show in the customer's account, and how their referrals went.
 */
@Path("/api/customers/{externalId}/referral")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerReferralResource {

    private final Referrals referrals;

    public CustomerReferralResource(Referrals referrals) {
        this.referrals = referrals;
    }

    @GET
    @Operation(summary = "The customer's referral code and link, who referred them, and whom they referred")
    public Referrals.Standing get(@PathParam("externalId") String externalId) {
        return referrals
                .standing(externalId)
                .orElseThrow(() -> ProblemException.notFound("no customer '" + externalId + "'"));
    }
}
