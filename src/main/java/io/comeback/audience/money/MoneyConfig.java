package io.comeback.audience.money;

import io.smallrye.config.ConfigMapping;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * {@code comeback.money.*}: the shop's reporting currency, the one facts, RFM, loyalty and flow reports count in, and
 * the exchange rates orders in other currencies are converted at when they are stored. Defaults (the shipped
 * reference rates) are in application.properties; every setting is in deploy/CONFIGURATION.md.
 */
@ConfigMapping(prefix = "comeback.money")
public interface MoneyConfig {

    /** ISO 4217 code of the reporting currency. */
    String currency();

    /**
     * {@code comeback.money.rates.<CODE>}: units of the reporting currency one unit of CODE is worth, set by the
     * operator. Each one wins over the rate derived from the reference rates.
     */
    Map<String, BigDecimal> rates();

    /**
     * {@code comeback.money.reference-rates.<CODE>}: units of CODE per euro on {@link #referenceDate()} (the ECB's
     * euro reference rates). A currency without an operator's rate is converted at the cross rate they give, when both
     * it and the reporting currency are among them.
     */
    Map<String, BigDecimal> referenceRates();

    /** The day the reference rates were published, shown with them. */
    LocalDate referenceDate();

    /** Whether the reference rates are used at all; without them only the operator's rates convert. */
    boolean useReferenceRates();
}
