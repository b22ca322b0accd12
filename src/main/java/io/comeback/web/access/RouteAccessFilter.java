package io.comeback.web.access;

import io.comeback.web.ApiKeys;
import io.comeback.web.ProblemMappers;
import io.comeback.web.dashboard.SignedIn;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Decides who may call what. Two steps:
 * <ol>
 *   <li>Before routing, a path that is not canonical ({@link CanonicalPaths}) is refused with 400, so the
 *       router and this filter can never read one request as two different paths.</li>
 *   <li>After routing, the decision is taken on the resource that was matched, not on the text of the path:
 *       a resource on {@link PublicRoutes} is open, a {@link SignedIn} dashboard page is left to its session
 *       check, and everything else needs a valid API key.</li>
 * </ol>
 * Paths under {@code /api} and {@code /simulator} are for key holders only, so there the key is also asked for
 * before routing: a caller without one learns nothing about which of those paths exist. That early check is a
 * courtesy on a canonical path; the decision on the matched resource is the one that protects.
 */
public class RouteAccessFilter {

    private final ApiKeys keys;

    public RouteAccessFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public Optional<Response> refuseAmbiguousPaths(HttpServerRequest request) {
        String rawPath = rawPath(request.uri());
        Optional<String> ambiguity = CanonicalPaths.ambiguity(rawPath);
        if (ambiguity.isPresent()) {
            return Optional.of(ProblemMappers.status(400, "Ambiguous path",
                    "The request path is refused: " + ambiguity.get() + ". Write the path plainly."));
        }
        return isKeyHoldersOnly(rawPath) ? requireKey(request) : Optional.empty();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> requireAccess(HttpServerRequest request, ResourceInfo matched) {
        Class<?> resource = matched.getResourceClass();
        Method method = matched.getResourceMethod();
        if (resource != null && PublicRoutes.isPublic(resource)) {
            return Optional.empty();
        }
        if (resource != null && method != null
                && (resource.isAnnotationPresent(SignedIn.class) || method.isAnnotationPresent(SignedIn.class))) {
            return Optional.empty(); // SignedInFilter checks the session and sends a browser to the login form
        }
        return requireKey(request);
    }

    private Optional<Response> requireKey(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && keys.accepts(header.substring(7).trim())) {
            return Optional.empty();
        }
        String detail = header == null
                ? "Send the header 'Authorization: Bearer <api key>'."
                : "The API key is not valid.";
        return Optional.of(Response.fromResponse(ProblemMappers.status(401, "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"comeback\"").build());
    }

    private static boolean isKeyHoldersOnly(String canonicalPath) {
        return canonicalPath.equals("/api") || canonicalPath.startsWith("/api/")
                || canonicalPath.equals("/simulator") || canonicalPath.startsWith("/simulator/");
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
