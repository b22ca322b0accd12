package io.comeback.gateway.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;

/**
 * The SDK's HTTP client, made safe for non-idempotent creates:
 * <ul>
 *   <li>{@link #shouldRetry} is always false: the SDK would otherwise repeat {@code POST Messages}
 *       after a 5xx, and a 5xx does not mean the message was not created (one ledger row, two texts);</li>
 *   <li>Apache HttpClient's own retries are disabled too: by default it repeats any request answered
 *       429 or 503, whatever its method;</li>
 *   <li>requests go to the configured API base URL instead of {@code api.twilio.com} when one is set.</li>
 * </ul>
 * Retrying what is safe to retry is the dispatcher's decision (see {@code RetryPolicy}).
 */
final class CreateOnceHttpClient extends NetworkHttpClient {

    private final URI apiBase;

    /** @param apiBase where requests go instead of Twilio, or null to call Twilio itself */
    CreateOnceHttpClient(URI apiBase, int maxConnections) {
        super(withoutAutomaticRetries(maxConnections));
        this.apiBase = apiBase;
    }

    private static HttpClientBuilder withoutAutomaticRetries(int maxConnections) {
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
        connections.setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG);
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
        return super.makeRequest(apiBase == null ? request : RebasedRequest.of(request, apiBase));
    }
}
