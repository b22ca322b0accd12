package io.comeback.messaging.port;

/**
 * Where a gateway reports how busy the provider says the account is, as it learns it from an answer (Twilio's
 * {@code Twilio-Concurrent-Requests} header: the account's requests in flight at Twilio, this one included). The
 * dispatcher does not grow its requests in flight while the account is full.
 */
public interface ProviderLoadListener {

    /** Nobody listens (tests of the adapter alone). */
    ProviderLoadListener NONE = count -> {};

    /** @param count the account's requests in flight at the provider when it answered */
    void concurrentRequests(int count);
}
