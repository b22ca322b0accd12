package io.comeback.web.dashboard;

import io.comeback.web.access.AccessLevel;
import io.comeback.web.access.RequiredAccess;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Optional;

/**
 * Lets a request to a {@link SignedIn} page through only with a live session whose role covers the page's
 * {@link RequiredAccess} (viewers read, marketers also act); without a session a page view is sent to
 * {@code /login?next=<this page>} and a form post is refused.
 */
@Provider
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public class SignedInFilter implements ContainerRequestFilter {

    public static final String COOKIE = "comeback_session";

    private final DashboardSessions sessions;
    private final CurrentSession current;

    @Context
    ResourceInfo matched;

    public SignedInFilter(DashboardSessions sessions, CurrentSession current) {
        this.sessions = sessions;
        this.current = current;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(COOKIE);
        Optional<DashboardSessions.Session> session =
                Optional.ofNullable(cookie).map(Cookie::getValue).flatMap(sessions::find);
        boolean reading = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (session.isEmpty()) {
            if (reading) {
                String here = request.getUriInfo().getRequestUri().getRawPath();
                String query = request.getUriInfo().getRequestUri().getRawQuery();
                String next = query == null ? here : here + "?" + query;
                request.abortWith(Response.seeOther(URI.create("/login?next=" + LoginTargets.encode(next)))
                        .build());
            } else {
                // A form posted after the session ended: go back to the login form, nothing is changed.
                request.abortWith(
                        Response.seeOther(URI.create("/login?expired=true")).build());
            }
            return;
        }
        AccessLevel needed =
                RequiredAccess.of(matched.getResourceClass(), matched.getResourceMethod(), request.getMethod());
        if (!session.get().role().level().allows(needed)) {
            request.abortWith(Response.status(403)
                    .type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("Your role (" + session.get().role().wireName()
                            + ") may not do this; ask an admin for the marketer role.")
                    .build());
            return;
        }
        current.set(session.get());
    }
}
