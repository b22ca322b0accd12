package io.comeback.web.dashboard;

import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Small helpers the dashboard templates call, e.g. {@code {customerId.pathSegment}}. */
@TemplateExtension
public final class TemplateExtensions {

    private TemplateExtensions() {}

    /** A value made safe for one segment of a URL path (an external id may contain '/', '?' or spaces). */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
