package io.comeback.shops;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * {@code comeback.shop-codes.*}: creating the codes flows issue at the connected shop (README "Shops"). Defaults are
 * in application.properties.
 */
@ConfigMapping(prefix = "comeback.shop-codes")
public interface ShopCodesConfig {

    /** Threads per process that create codes; SKIP LOCKED splits the work between processes. */
    int workers();

    /** Codes a worker takes at a time. */
    int batchSize();

    /** How often an idle worker looks for codes to create. */
    Duration pollInterval();

    /** Attempts before a code is given up on: its texts are blocked and the flow's page shows it. */
    int maxAttempts();

    /** The pause after the first failed attempt; it doubles with each further failure. */
    Duration firstRetry();

    /** The longest pause between two attempts. */
    Duration maxRetry();

    /** How long one request to the shop may take. */
    Duration requestTimeout();
}
