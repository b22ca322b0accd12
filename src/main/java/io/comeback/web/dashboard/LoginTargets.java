package io.comeback.web.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where a login may send the browser next: only a path of this service, never another site (no open redirect). */
final class LoginTargets {

    private LoginTargets() {}

    static String safe(String next) {
        if (next == null || next.isEmpty() || next.length() > 2000) {
            return "/";
        }
        // A path of our own starts with exactly one '/'; '//host', '/\host' and 'scheme:' would leave the site.
        boolean ownPath =
                next.charAt(0) == '/' && (next.length() == 1 || (next.charAt(1) != '/' && next.charAt(1) != '\\'));
        boolean plain = next.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f || ch == '\\');
        return ownPath && plain ? next : "/";
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
