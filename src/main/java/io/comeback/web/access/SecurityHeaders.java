package io.comeback.web.access;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Headers on every answer: nothing is sniffed into another type, nothing personal is kept by a browser or a proxy
 * cache, and a strict Content-Security-Policy (scripts, styles and images from this service only, never in a frame),
 * which the dashboard meets: it has no inline scripts or styles. The policy goes on every answer, not only on pages,
 * because a page's type is only settled after this filter runs, and the policy harms no JSON or CSV answer.
 */
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        if (!headers.containsKey("Cache-Control")) {
            headers.putSingle("Cache-Control", "no-store");
        }
        headers.putSingle("Content-Security-Policy", PAGE_POLICY);
        headers.putSingle("X-Frame-Options", "DENY");
    }
}
