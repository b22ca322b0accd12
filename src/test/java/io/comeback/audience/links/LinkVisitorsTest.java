package io.comeback.audience.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The user agents of link previews and crawlers, as these services send them (from their own documentation and from
 * fetches logged by link-preview debugging tools), are machines; the browsers people open a link in are not.
 */
class LinkVisitorsTest {

    /** Each machine the README names, with a user agent it sends. */
    static final Map<String, String> MACHINES = Map.ofEntries(
            Map.entry("Slack", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"),
            Map.entry("Slack images", "Slack-ImgProxy (+https://api.slack.com/robots)"),
            Map.entry(
                    "Facebook, Messenger, Instagram",
                    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"),
            Map.entry("WhatsApp", "WhatsApp/2.23.20.0 A"),
            Map.entry("Signal (previews as WhatsApp)", "WhatsApp/2"),
            Map.entry(
                    "iMessage",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0"),
            Map.entry("Twitter/X", "Twitterbot/1.0"),
            Map.entry("Telegram", "TelegramBot (like TwitterBot)"),
            Map.entry("Discord", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)"),
            Map.entry(
                    "LinkedIn",
                    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"),
            Map.entry(
                    "Skype",
                    "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com"),
            Map.entry(
                    "Teams, Outlook",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) MicrosoftPreview/2.0 +https://aka.ms/MicrosoftPreview"),
            Map.entry("Pinterest", "Pinterestbot/1.0 (+http://www.pinterest.com/bot.html)"),
            Map.entry("Mastodon", "http.rb/5.1.1 (Mastodon/4.2.0; +https://mastodon.social/) Bot"),
            Map.entry("Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"),
            Map.entry("Google inspection", "Mozilla/5.0 (compatible; Google-InspectionTool/1.0;)"),
            Map.entry("Bing", "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"),
            Map.entry(
                    "Applebot",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"),
            Map.entry("Yandex", "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"),
            Map.entry("curl", "curl/8.5.0"),
            Map.entry("Python", "python-requests/2.31.0"),
            Map.entry("Go", "Go-http-client/2.0"),
            Map.entry("OkHttp (Android apps' fetchers)", "okhttp/4.12.0"),
            Map.entry(
                    "headless Chrome",
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36"),
            Map.entry("no user agent", ""));

    static final Map<String, String> PEOPLE = Map.of(
            "Safari on iPhone",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
            "Chrome on Android",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
            "Samsung Internet",
            "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
            "a CUBOT phone",
            "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
            "Instagram's in-app browser",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 307.0.0.34.111",
            "Firefox on a desktop",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0");

    @Test
    void linkPreviewsCrawlersAndLibrariesAreMachines() {
        MACHINES.forEach((who, agent) ->
                assertThat(LinkVisitors.classify("GET", agent, null)).as(who).isEqualTo(VisitKind.LINK_PREVIEW));
        assertThat(LinkVisitors.classify("GET", null, null)).isEqualTo(VisitKind.LINK_PREVIEW);
    }

    @Test
    void peopleInTheirBrowsersClick() {
        PEOPLE.forEach((who, agent) ->
                assertThat(LinkVisitors.classify("GET", agent, null)).as(who).isEqualTo(VisitKind.CLICK));
    }

    @Test
    void headRequestsAndPrefetchesAreNotClicks() {
        String safari = PEOPLE.get("Safari on iPhone");
        assertThat(LinkVisitors.classify("HEAD", safari, null)).isEqualTo(VisitKind.HEAD_REQUEST);
        assertThat(LinkVisitors.classify("GET", safari, "prefetch")).isEqualTo(VisitKind.PREFETCH);
        assertThat(LinkVisitors.classify("GET", safari, "prefetch;prerender")).isEqualTo(VisitKind.PREFETCH);
        assertThat(LinkVisitors.classify("GET", safari, "preview")).isEqualTo(VisitKind.PREFETCH);
    }
}
