package io.comeback.gateway.twilio;

import com.twilio.http.Request;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * A copy of an SDK request aimed at another base URL, same path, parameters, headers and
 * authentication. The SDK builds every URL from a Twilio host name, so the HTTP client is the one
 * place a different API (a local fake, a recording proxy) can be substituted.
 */
final class RebasedRequest {

    private RebasedRequest() {}

    static Request of(Request original, URI base) {
        Request copy = new Request(original.getMethod(), stripTrailingSlash(base.toString()) + pathOf(original));
        original.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        original.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        copy.setContentType(original.getContentType());
        copy.setBody(original.getBody());
        copy.setFormParameters(original.getFormParameters());
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        return copy;
    }

    private static String pathOf(Request request) {
        try {
            URL url = new URL(request.getUrl());
            // Next-page URLs carry their query in the URL itself.
            return url.getQuery() == null ? url.getPath() : url.getPath() + "?" + url.getQuery();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the SDK built an invalid URL", e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
