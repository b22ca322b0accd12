package io.comeback.web.limits;

import io.comeback.audience.LimitsConfig;
import io.comeback.web.ProblemDetails;
import io.comeback.web.ProblemException;
import io.comeback.web.ProblemMappers;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Reads every request body, except the streamed CSV imports, before anything parses it, counting as it goes:
 * a body over its route's limit is refused with 413 as soon as the count passes the limit (at once when its
 * Content-Length says so), so neither a huge declared nor a huge chunked body is ever held. Webhooks, which
 * anyone can call, get a small limit and a cap on form parameters; the signature check comes after this.
 * <p>
 * Runs after the access filter's pre-routing step, so an {@code /api} caller without a key is refused before
 * its body is read. A body within its limit is handed to the resource as read (entity stream and routing
 * context body), so Quarkus REST and its form parser never read the connection themselves.
 */
public class BodyLimits {

    /** The routes that stream their body (millions of CSV rows); their limits are per record ({@code comeback.limits.csv.*}). */
    static final Set<String> STREAMED = Set.of(
            "/api/import/customers",
            "/api/import/orders",
            "/api/import/shopify/customers",
            "/api/import/shopify/orders");

    private static final String WEBHOOKS = "/webhooks/";

    /** Shops' webhooks carry whole orders (every line with its taxes and discounts): they get a limit of their own. */
    static final Set<String> SHOP_WEBHOOKS = Set.of("/webhooks/shopify", "/webhooks/woocommerce");

    private final long webhookBodySize;
    private final long shopWebhookBodySize;
    private final long bodySize;
    private final int formParameters;

    public BodyLimits(LimitsConfig limits) {
        this.webhookBodySize = limits.webhookBodySize().asLongValue();
        this.shopWebhookBodySize = limits.shopWebhookBodySize().asLongValue();
        this.bodySize = limits.bodySize().asLongValue();
        this.formParameters = limits.formParameters();
    }

    /** The limit a request's body is read under, or empty for the streamed routes. */
    Optional<Limit> limitFor(String rawPath, String normalizedPath) {
        // Exactly these spellings, read and routed alike; any other spelling gets the smaller webhook limit.
        if (SHOP_WEBHOOKS.contains(rawPath) && (normalizedPath == null || SHOP_WEBHOOKS.contains(normalizedPath))) {
            return Optional.of(
                    new Limit(shopWebhookBodySize, "comeback.limits.shop-webhook-body-size", "shop webhooks"));
        }
        if (isWebhook(rawPath) || isWebhook(normalizedPath)) {
            return Optional.of(new Limit(webhookBodySize, "comeback.limits.webhook-body-size", "webhooks"));
        }
        // Exactly these spellings: any other spelling of an import path is read under the general limit (and then
        // refused by the access filter as not canonical), so no spelling escapes a limit.
        if (STREAMED.contains(rawPath)) {
            return Optional.empty();
        }
        return Optional.of(new Limit(bodySize, "comeback.limits.body-size", "request bodies"));
    }

    private static boolean isWebhook(String path) {
        return path != null && (path.startsWith(WEBHOOKS) || path.equals("/webhooks"));
    }

    record Limit(long bytes, String setting, String what) {}

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 50)
    public Uni<Response> readWithinLimit(ContainerRequestContext context, RoutingContext routing) {
        HttpServerRequest request = routing.request();
        long declared = declaredLength(request);
        if (!mayHaveBody(request, declared)) {
            return Uni.createFrom().nullItem();
        }
        Optional<Limit> limit = limitFor(rawPath(request.uri()), routing.normalizedPath());
        if (limit.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        if (declared > limit.get().bytes()) {
            // The body is never read: the client is told at once (before it sends it, when it asked to continue).
            return Uni.createFrom().item(refuse(routing, tooLarge(limit.get(), declared)));
        }
        return read(context, routing, limit.get(), declared);
    }

    private Uni<Response> read(ContainerRequestContext context, RoutingContext routing, Limit limit, long declared) {
        HttpServerRequest request = routing.request();
        return Uni.createFrom().emitter(emitter -> {
            Buffer body = Buffer.buffer((int) Math.max(0, Math.min(declared, limit.bytes())));
            boolean[] refused = {false};
            request.handler(chunk -> {
                if (refused[0]) {
                    return;
                }
                if (body.length() + (long) chunk.length() > limit.bytes()) {
                    refused[0] = true;
                    // Not a byte more is read: the sender is held back by TCP until the connection closes after the
                    // answer.
                    request.pause();
                    emitter.complete(refuse(routing, tooLarge(limit, -1)));
                    return;
                }
                body.appendBuffer(chunk);
            });
            request.exceptionHandler(failure -> {
                // Mostly a client that went away mid-body: answered as its fault, not logged as ours.
                if (!refused[0]) {
                    refused[0] = true;
                    emitter.complete(ProblemMappers.of(new ProblemException(
                            400,
                            "Malformed request",
                            "body: could not be read (" + failure.getMessage() + ")",
                            List.of(ProblemDetails.Violation.ofField("body", "could not be read")))));
                }
            });
            request.endHandler(end -> {
                if (refused[0]) {
                    return;
                }
                Optional<ProblemException> formProblem =
                        isForm(request) ? FormBodies.check(body, formParameters, limit.what()) : Optional.empty();
                if (formProblem.isPresent()) {
                    emitter.complete(ProblemMappers.of(formProblem.get()));
                    return;
                }
                routing.setBody(body);
                context.setEntityStream(new ByteArrayInputStream(body.getBytes()));
                emitter.complete(null);
            });
            if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
                request.response().writeContinue();
            }
            request.resume();
        });
    }

    /**
     * The answer to a body over its limit. Over HTTP/1.1 the connection is closed after it, so the rest of the body is
     * never read; over HTTP/2 the answer ends the stream alone (the connection carries other requests).
     */
    private static Response refuse(RoutingContext routing, ProblemException problem) {
        if (routing.request().version() == HttpVersion.HTTP_2) {
            return ProblemMappers.of(problem);
        }
        routing.addEndHandler(done -> routing.request().connection().close());
        return Response.fromResponse(ProblemMappers.of(problem))
                .header(HttpHeaders.CONNECTION.toString(), "close")
                .build();
    }

    private static ProblemException tooLarge(Limit limit, long declared) {
        String size = declared >= 0 ? "this one declares " + declared + " bytes" : "this one is larger";
        String message =
                "at most " + limit.bytes() + " bytes for " + limit.what() + " (" + limit.setting() + "); " + size;
        return new ProblemException(
                413,
                "Request body too large",
                "body: " + message,
                List.of(ProblemDetails.Violation.ofField("body", message)));
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses such a request before it gets here
        }
    }

    /**
     * HTTP/1.x has a body only with a Content-Length or chunked encoding; HTTP/2 may send one with neither, so there
     * any request not already ended is read under the limit.
     */
    private static boolean mayHaveBody(HttpServerRequest request, long declared) {
        if (declared >= 0) {
            return declared > 0;
        }
        return isChunked(request) || (request.version() == HttpVersion.HTTP_2 && !request.isEnded());
    }

    private static boolean isChunked(HttpServerRequest request) {
        String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        return encoding != null && encoding.toLowerCase().contains("chunked");
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    /** The path of a request target as sent, without query or fragment (origin or absolute form). */
    static String rawPath(String uri) {
        String target = uri;
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < target.indexOf('/')) {
            int pathStart = target.indexOf('/', scheme + 3);
            target = pathStart < 0 ? "/" : target.substring(pathStart);
        }
        int end = target.length();
        int query = target.indexOf('?');
        int fragment = target.indexOf('#');
        if (query >= 0) {
            end = query;
        } else if (fragment >= 0) {
            end = fragment;
        }
        return target.substring(0, end);
    }
}
