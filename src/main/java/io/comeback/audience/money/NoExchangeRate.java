package io.comeback.audience.money;

/**
 * An amount in a currency with no rate into the reporting currency: it cannot be counted, so the order is refused
 * (API, CSV import) or set aside (shop webhooks) with this reason.
 */
public class NoExchangeRate extends RuntimeException {

    private final String code;

    public NoExchangeRate(String code, String reportingCurrency) {
        super(reason(code, reportingCurrency));
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The words of the refusal, naming the setting that would make the currency count. */
    public static String reason(String code, String reportingCurrency) {
        return "no exchange rate from " + code + " into the reporting currency " + reportingCurrency
                + "; PUT it to /api/money/rates or set comeback.money.rates." + code + " (COMEBACK_MONEY_RATES_" + code
                + ")";
    }
}
