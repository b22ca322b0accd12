package io.comeback.audience;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/**
 * {@code comeback.limits.*} (README "Limits"): sizes checked before anything is parsed, each answered with a
 * precise 413/422. Defaults are in application.properties.
 */
@ConfigMapping(prefix = "comeback.limits")
public interface LimitsConfig {

    /** Largest body under {@code /webhooks}. */
    MemorySize webhookBodySize();

    /** Largest body of a shop's webhook ({@code /webhooks/shopify}, {@code /webhooks/woocommerce}): orders are large. */
    MemorySize shopWebhookBodySize();

    /** Largest body elsewhere, except the streamed CSV imports. */
    MemorySize bodySize();

    /** Parameters in one form body. */
    int formParameters();

    Attributes attributes();

    Csv csv();

    /** Customer attributes, from JSON and CSV alike. */
    interface Attributes {

        /** Attributes per customer. */
        int maxCount();

        /** Characters per attribute value. */
        int maxValueLength();
    }

    /** CSV imports: a record past one of these stops the import with 413 naming its line. */
    interface Csv {

        int maxFieldLength();

        int maxColumns();

        int maxRecordLength();
    }
}
