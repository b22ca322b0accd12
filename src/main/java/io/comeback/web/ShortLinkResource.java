package io.comeback.web;

import io.comeback.audience.links.LinkClicks;
import io.comeback.audience.links.LinkVisitors;
import io.comeback.audience.links.VisitKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /l/<code>}, the short links in texts (README "Links"): public, since the person following one carries no key.
 * A code is 71 bits of an HMAC nobody outside the service can compute, so guessing one is pointless; every code that
 * leads nowhere gets the same 404 page.
 */
@Path("/l/{code}")
public class ShortLinkResource {

    private final LinkClicks clicks;

    public ShortLinkResource(LinkClicks clicks) {
        this.clicks = clicks;
    }

    @GET
    @Operation(hidden = true) // a link people follow, not part of the API
    public Response follow(
            @PathParam("code") String code,
            @HeaderParam("User-Agent") String agent,
            @HeaderParam("Sec-Purpose") String secPurpose,
            @HeaderParam("Purpose") String purpose,
            @HeaderParam("X-Purpose") String xPurpose,
            @HeaderParam("X-Moz") String xMoz) {
        VisitKind kind = LinkVisitors.classify("GET", agent, LinkPages.purpose(secPurpose, purpose, xPurpose, xMoz));
        return answer(clicks.follow(code, kind), false);
    }

    @HEAD
    @Operation(hidden = true) // a link people follow, not part of the API
    public Response check(@PathParam("code") String code) {
        return answer(clicks.follow(code, VisitKind.HEAD_REQUEST), true);
    }

    private static Response answer(Optional<LinkClicks.Redirect> redirect, boolean head) {
        return redirect.map(r -> LinkPages.redirect(r.location())).orElseGet(() -> LinkPages.notFound(head));
    }
}
