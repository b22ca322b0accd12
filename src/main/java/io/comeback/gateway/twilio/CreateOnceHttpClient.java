package io.comeback.gateway.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.comeback.messaging.port.ProviderLoadListener;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's HTTP client, made safe for non-idempotent creates and sized for the provider's concurrency:
 * <ul>
 *   <li>{@link #shouldRetry} is always false: the SDK would otherwise repeat {@code POST Messages}
 *       after a 5xx, and a 5xx does not mean the message was not created (one ledger row, two texts);</li>
 *   <li>Apache HttpClient's own retries are disabled too: by default it repeats any request answered
 *       429 or 503, whatever its method;</li>
 *   <li>its pool keeps one connection per request the account may have in flight: the SDK's own pool allows 20
 *       per host, which alone would cap the sends in flight at 20 whatever the dispatcher does;</li>
 *   <li>each answer's {@code Twilio-Concurrent-Requests} (the account's requests in flight at Twilio) is
 *       reported to the dispatcher's slots;</li>
 *   <li>requests go to the configured API base URL instead of {@code api.twilio.com} when one is set.</li>
 * </ul>
 * Retrying what is safe to retry is the dispatcher's decision (see {@code RetryPolicy}).
 */
final class CreateOnceHttpClient extends NetworkHttpClient {

    static final String CONCURRENT_REQUESTS = "Twilio-Concurrent-Requests";

    private final URI apiBase;
    private final ProviderLoadListener load;

    /**
     * @param apiBase        where requests go instead of Twilio, or null to call Twilio itself
     * @param maxConnections connections kept to the API (all to one host)
     * @param readTimeout    how long a request waits for its answer
     */
    CreateOnceHttpClient(URI apiBase, int maxConnections, Duration readTimeout, ProviderLoadListener load) {
        super(withoutAutomaticRetries(maxConnections, readTimeout));
        this.apiBase = apiBase;
        this.load = load;
    }

    private static HttpClientBuilder withoutAutomaticRetries(int maxConnections, Duration readTimeout) {
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
        connections.setDefaultSocketConfig(SocketConfig.copy(DEFAULT_SOCKET_CONFIG)
                .setSoTimeout(Timeout.of(readTimeout))
                .build());
        connections.setMaxTotal(maxConnections);
        connections.setDefaultMaxPerRoute(maxConnections);
        return HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .disableAutomaticRetries();
    }

    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    @Override
    public Response makeRequest(Request request) {
        Response response = super.makeRequest(apiBase == null ? request : RebasedRequest.of(request, apiBase));
        reportLoad(response);
        return response;
    }

    private void reportLoad(Response response) {
        Header[] headers = response.getHeaders();
        if (headers == null) {
            return;
        }
        for (Header header : headers) {
            if (CONCURRENT_REQUESTS.equalsIgnoreCase(header.getName())) {
                try {
                    load.concurrentRequests(Integer.parseInt(header.getValue().trim()));
                } catch (NumberFormatException e) {
                    return; // not a count: nothing to learn from it
                }
                return;
            }
        }
    }
}
