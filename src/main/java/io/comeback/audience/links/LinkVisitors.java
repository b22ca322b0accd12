package io.comeback.audience.links;

import java.util.List;
import java.util.Locale;

/**
 * Tells a person following a short link from the machines that fetch it: link previews of messaging apps and
 * unfurlers, crawlers, HTTP libraries, HEAD requests and browser prefetches. They get the same redirect; only a
 * person's visit is a click. A user agent is a machine when it contains one of {@link #MACHINES} (ignoring case),
 * carries a contact address ({@code +http}) as crawlers do, or is missing.
 */
public final class LinkVisitors {

    /** README "Links" lists these; every one is a test case in {@code LinkVisitorsTest}. */
    public static final List<String> MACHINES = List.of(
            // Messaging apps and unfurlers. iMessage previews as "facebookexternalhit/1.1 Facebot Twitterbot/1.0";
            // Signal previews as "WhatsApp/2".
            "facebookexternalhit",
            "facebot",
            "facebookcatalog",
            "meta-externalagent",
            "meta-externalfetcher",
            "whatsapp",
            "twitterbot",
            "slackbot",
            "slack-imgproxy",
            "telegrambot",
            "discordbot",
            "linkedinbot",
            "skypeuripreview",
            "microsoftpreview",
            "pinterestbot",
            "redditbot",
            "embedly",
            "iframely",
            "vkshare",
            "mastodon",
            "pleroma",
            "misskey",
            // Search engines and their preview services.
            "googlebot",
            "google-inspectiontool",
            "googleother",
            "adsbot-google",
            "mediapartners-google",
            "apis-google",
            "feedfetcher-google",
            "google-pagerenderer",
            "bingbot",
            "bingpreview",
            "applebot",
            "duckduckbot",
            "yandex",
            "baiduspider",
            "slurp",
            // Anything calling itself a bot, crawler or spider, headless browsers and HTTP libraries.
            "bot/",
            "crawler",
            "spider",
            "headlesschrome",
            "curl/",
            "wget/",
            "python-requests",
            "python-urllib",
            "aiohttp",
            "go-http-client",
            "okhttp",
            "apache-httpclient",
            "java/",
            "node-fetch",
            "axios/",
            "libwww-perl");

    private LinkVisitors() {}

    /**
     * @param method  the HTTP method
     * @param agent   the {@code User-Agent} header, or null
     * @param purpose the {@code Sec-Purpose}, {@code Purpose}, {@code X-Purpose} or {@code X-Moz} header, or null
     */
    public static VisitKind classify(String method, String agent, String purpose) {
        if ("HEAD".equalsIgnoreCase(method)) {
            return VisitKind.HEAD_REQUEST;
        }
        if (purpose != null) {
            String p = purpose.toLowerCase(Locale.ROOT);
            if (p.contains("prefetch") || p.contains("prerender") || p.contains("preview")) {
                return VisitKind.PREFETCH;
            }
        }
        return isMachine(agent) ? VisitKind.LINK_PREVIEW : VisitKind.CLICK;
    }

    public static boolean isMachine(String agent) {
        if (agent == null || agent.isBlank()) {
            return true;
        }
        String a = agent.toLowerCase(Locale.ROOT);
        if (a.contains("+http")) {
            return true;
        }
        for (String machine : MACHINES) {
            if (a.contains(machine)) {
                return true;
            }
        }
        return false;
    }
}
