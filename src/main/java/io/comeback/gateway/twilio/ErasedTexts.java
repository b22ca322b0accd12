package io.comeback.gateway.twilio;

/**
 * What Twilio's webhooks may keep of a text whose recipient was erased. Erasure clears the stored webhooks of
 * the person's texts (through {@link #keptParams}); receipts keep coming for texts handed over shortly before,
 * so a status callback (and the error it reports) for a ledger row that no longer holds a number is stored
 * without the number either.
 */
public final class ErasedTexts {

    /** Keys of a webhook kept after erasure: ids and statuses, nothing about the person. */
    private static final String KEPT_KEYS =
            "'MessageSid', 'SmsSid', 'SmsMessageSid', 'AccountSid', 'MessagingServiceSid',"
                    + " 'MessageStatus', 'SmsStatus', 'ErrorCode', 'ApiVersion', 'NumSegments', 'NumMedia'";

    private ErasedTexts() {}

    /** SQL: the parameters (a jsonb expression) reduced to {@link #KEPT_KEYS}. */
    public static String keptParams(String params) {
        return "(SELECT coalesce(jsonb_object_agg(p.key, p.value), '{}'::jsonb) FROM jsonb_each(" + params
                + ") AS p WHERE p.key IN (" + KEPT_KEYS + "))";
    }

    /**
     * SQL: true when the text of this Twilio SID (a text expression) went to a person since erased. A ledger row
     * with a SID was handed over with a number; without one now, its recipient was erased. (By SID, not by our
     * id: the SID is Twilio's own, and erasure waits until a hand-over under way has recorded it.)
     */
    static String erased(String messageSid) {
        return "EXISTS (SELECT 1 FROM outbound_messages m WHERE m.provider_message_id = " + messageSid
                + " AND m.to_phone IS NULL)";
    }
}
