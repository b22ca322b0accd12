package io.comeback.web.dashboard;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets a request to a {@link SignedIn} page through only with a live session whose API key is still configured;
 * otherwise a page view is sent to {@code /login?next=<this page>} and a form post is refused.
 */
@Provider
@SignedIn
@Priority(Priorities.AUTHENTICATION)
public class SignedInFilter implements ContainerRequestFilter {

    public static final String COOKIE = "comeback_session";

    private final DashboardSessions sessions;
    private final CurrentSession current;
    private final Set<String> keyFingerprints;

    public SignedInFilter(DashboardSessions sessions, CurrentSession current,
                          @ConfigProperty(name = "comeback.api-keys") Optional<String> keys) {
        this.sessions = sessions;
        this.current = current;
        this.keyFingerprints = Arrays.stream(keys.orElse("").split(",")).map(String::trim).filter(k -> !k.isEmpty())
                .map(DashboardSessions::fingerprint).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(COOKIE);
        Optional<DashboardSessions.Session> session = Optional.ofNullable(cookie).map(Cookie::getValue)
                .flatMap(sessions::find).filter(s -> keyFingerprints.contains(s.keyFingerprint()));
        if (session.isPresent()) {
            current.set(session.get());
            return;
        }
        if (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())) {
            String here = request.getUriInfo().getRequestUri().getRawPath();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            String next = query == null ? here : here + "?" + query;
            request.abortWith(Response.seeOther(URI.create("/login?next=" + LoginTargets.encode(next))).build());
        } else {
            // A form posted after the session ended: go back to the login form, nothing is changed.
            request.abortWith(Response.seeOther(URI.create("/login?expired=true")).build());
        }
    }
}
