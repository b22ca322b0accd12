package io.comeback.web.access;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request came from. Behind a proxy, set {@code quarkus.http.proxy.proxy-address-forwarding=true}
 * (and trust only your proxy) so this is the client's address and not the proxy's.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
    }
}
