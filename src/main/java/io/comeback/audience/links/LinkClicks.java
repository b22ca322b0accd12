package io.comeback.audience.links;

import io.agroal.api.AgroalDataSource;
import io.comeback.audience.EngagementEvent;
import io.comeback.audience.EventService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Following a short link: where it leads (the target with UTM parameters) and, for the first visit of a person, the
 * click — a {@code link_click} event of the customer with the link's name, flow or campaign, step and code, which
 * keeps the customer engaged, answers their unanswered texts, reaches the goals of their flows and the reports'
 * "Clicked" and click attribution. Previews, prefetches and HEAD requests are redirected and not counted; nor is any
 * visit of a link whose person was erased.
 */
@ApplicationScoped
public class LinkClicks {

    /** Where to send the visitor, and whether this visit was recorded as the link's click. */
    public record Redirect(String location, VisitKind kind, boolean recorded) {}

    private final AgroalDataSource dataSource;
    private final EventService events;
    private final LinksConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public LinkClicks(
            AgroalDataSource dataSource, EventService events, LinksConfig config, Clock clock, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.events = events;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Empty for a code that is malformed or unknown alike, so nothing tells the two apart. */
    @Transactional
    public Optional<Redirect> follow(String code, VisitKind kind) {
        if (!ShortLinkCodes.looksLikeCode(code)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            Optional<ShortLinkStore.Found> found = ShortLinkStore.find(c, code);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            ShortLinkStore.Found link = found.get();
            Instant now = clock.instant();
            boolean recorded = kind == VisitKind.CLICK && ShortLinkStore.claimFirstClick(c, code, now);
            if (recorded) {
                EngagementEvent event =
                        events.recordFor(link.customerId(), EngagementEvent.LINK_CLICK, now, properties(link));
                ShortLinkStore.clickEvent(c, code, event.id);
            }
            metrics.counter("comeback.links.visits", "kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
            return Optional.of(new Redirect(location(link), kind, recorded));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not follow short link " + code, e);
        }
    }

    private String location(ShortLinkStore.Found link) {
        String campaign = link.flowId() != null ? link.flowId() : link.campaignId();
        return UtmTarget.of(
                link.target(), UtmTarget.parameters(config.utmSource(), config.utmMedium(), campaign, link.stepId()));
    }

    private static Map<String, Object> properties(ShortLinkStore.Found link) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("link", link.linkName());
        if (link.flowId() != null) {
            p.put("flow", link.flowId());
        }
        if (link.campaignId() != null) {
            p.put("campaign", link.campaignId());
        }
        if (link.stepId() != null) {
            p.put("step", link.stepId());
        }
        p.put("code", link.code());
        return p;
    }
}
