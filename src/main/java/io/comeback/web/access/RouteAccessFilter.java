package io.comeback.web.access;

import io.comeback.web.ProblemMappers;
import io.comeback.web.dashboard.SignedIn;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Decides who may call what. Two steps:
 * <ol>
 *   <li>Before routing, a path that is not canonical ({@link CanonicalPaths}) is refused with 400, so the
 *       router and this filter can never read one request as two different paths.</li>
 *   <li>After routing, the decision is taken on the resource that was matched, not on the text of the path:
 *       a resource on {@link PublicRoutes} is open, a {@link SignedIn} dashboard page is left to its session
 *       check, and everything else needs an API key whose scope covers the {@link RequiredAccess} of the route.</li>
 * </ol>
 * Paths under {@code /api} and {@code /simulator} are for key holders only, so there the key is also asked for
 * before routing: a caller without one learns nothing about which of those paths exist. That early check is a
 * courtesy on a canonical path; the decision on the matched resource is the one that protects.
 * A client that keeps sending wrong keys is refused with 429 for a while ({@link AuthFailures}).
 */
public class RouteAccessFilter {

    private static final String CALLER = RouteAccessFilter.class.getName() + ".caller";

    private final ApiKeyStore keys;
    private final AuthFailures failures;

    public RouteAccessFilter(ApiKeyStore keys, AuthFailures failures) {
        this.keys = keys;
        this.failures = failures;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public Optional<Response> refuseAmbiguousPaths(ContainerRequestContext context, HttpServerRequest request) {
        String rawPath = rawPath(request.uri());
        Optional<String> ambiguity = CanonicalPaths.ambiguity(rawPath);
        if (ambiguity.isPresent()) {
            return Optional.of(ProblemMappers.status(
                    400,
                    "Ambiguous path",
                    "The request path is refused: " + ambiguity.get() + ". Write the path plainly."));
        }
        return isKeyHoldersOnly(rawPath) ? identify(context, request).left() : Optional.empty();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> requireAccess(
            ContainerRequestContext context, HttpServerRequest request, ResourceInfo matched) {
        Class<?> resource = matched.getResourceClass();
        if (resource != null && PublicRoutes.isPublic(resource)) {
            return Optional.empty();
        }
        if (resource != null
                && matched.getResourceMethod() != null
                && (resource.isAnnotationPresent(SignedIn.class)
                        || matched.getResourceMethod().isAnnotationPresent(SignedIn.class))) {
            return Optional
                    .empty(); // SignedInFilter checks the session and its role, and sends a browser to the login form
        }
        Identified identified = identify(context, request);
        if (identified.left().isPresent()) {
            return identified.left();
        }
        AccessLevel needed = RequiredAccess.of(resource, matched.getResourceMethod(), context.getMethod());
        if (!identified.caller().level().allows(needed)) {
            return Optional.of(ProblemMappers.status(
                    403,
                    "Forbidden",
                    "This API key has the scope '" + identified.caller().level().scope() + "'; this call needs '"
                            + needed.scope() + "'."));
        }
        return Optional.empty();
    }

    /** The API caller this filter let through (for resources that record who did something). */
    public static Caller callerOf(ContainerRequestContext context) {
        return (Caller) context.getProperty(CALLER);
    }

    /** Either the caller, or the answer that refuses the request. */
    private record Identified(Caller caller, Optional<Response> left) {}

    private Identified identify(ContainerRequestContext context, HttpServerRequest request) {
        if (context.getProperty(CALLER) instanceof Caller known) {
            return new Identified(known, Optional.empty());
        }
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refused("Send the header 'Authorization: Bearer <api key>'.");
        }
        Optional<Caller> caller = keys.authenticate(header.substring(7).trim());
        if (caller.isPresent()) {
            context.setProperty(CALLER, caller.get());
            return new Identified(caller.get(), Optional.empty());
        }
        String client = ClientAddress.of(request);
        Optional<Duration> wait = failures.blockedFor(AuthFailures.Subject.CLIENT, client);
        if (wait.isPresent()) {
            return new Identified(null, Optional.of(TooManyFailures.answer(wait.get())));
        }
        failures.record(AuthFailures.Subject.CLIENT, client);
        return refused("The API key is not valid.");
    }

    private static Identified refused(String detail) {
        return new Identified(
                null,
                Optional.of(Response.fromResponse(ProblemMappers.status(401, "Unauthorized", detail))
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"comeback\"")
                        .build()));
    }

    private static boolean isKeyHoldersOnly(String canonicalPath) {
        return canonicalPath.equals("/api")
                || canonicalPath.startsWith("/api/")
                || canonicalPath.equals("/simulator")
                || canonicalPath.startsWith("/simulator/");
    }

    /** The path of a request target as sent: origin form ({@code /a/b?q}) or absolute form ({@code http://h/a/b?q}). */
    static String rawPath(String uri) {
        String target = uri;
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < target.indexOf('/')) {
            int pathStart = target.indexOf('/', scheme + 3);
            target = pathStart < 0 ? "/" : target.substring(pathStart);
        }
        int query = target.indexOf('?');
        int fragment = target.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : target.length();
        return target.substring(0, end);
    }
}
