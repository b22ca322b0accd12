package io.comeback.audience.links;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A link's target with UTM parameters added: the target's own query parameters stay as they are (a {@code utm_*}
 * the marketer wrote wins over ours), ours come after them, and a fragment stays at the end.
 */
public final class UtmTarget {

    private UtmTarget() {}

    /** The parameters of a redirect, in order; null values are left out. */
    public static Map<String, String> parameters(String source, String medium, String campaign, String content) {
        Map<String, String> utm = new LinkedHashMap<>();
        utm.put("utm_source", source);
        utm.put("utm_medium", medium);
        utm.put("utm_campaign", campaign);
        utm.put("utm_content", content);
        return utm;
    }

    public static String of(String target, Map<String, String> utm) {
        int hash = target.indexOf('#');
        String fragment = hash < 0 ? "" : target.substring(hash);
        String beforeFragment = hash < 0 ? target : target.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String query = question < 0 ? "" : beforeFragment.substring(question + 1);
        Set<String> present = new HashSet<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                present.add(decode(eq < 0 ? pair : pair.substring(0, eq)));
            }
        }
        StringBuilder added = new StringBuilder();
        utm.forEach((name, value) -> {
            if (value != null && !value.isEmpty() && !present.contains(name)) {
                added.append(added.length() == 0 ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        if (added.length() == 0) {
            return target;
        }
        String separator = question < 0 ? "?" : (query.isEmpty() || query.endsWith("&") ? "" : "&");
        return beforeFragment + separator + added + fragment;
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
