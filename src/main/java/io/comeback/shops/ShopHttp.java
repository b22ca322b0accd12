package io.comeback.shops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP to a shop's API, with a timeout per request; the JDK's client, nothing to configure. */
public final class ShopHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and body (null when the body is not JSON). */
    public record Answer(int status, JsonNode body) {

        public boolean retryable() {
            return status == 429 || status >= 500;
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public ShopHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** @throws IOException when the shop cannot be reached or does not answer in time (worth trying again) */
    public Answer send(String method, URI uri, Map<String, String> headers, Object body) throws IOException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode json;
        try {
            json = response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Answer(response.statusCode(), json);
    }

    /** A short description of an answer for the code's record: its status and what it says. */
    public static String describe(Answer answer) {
        String text = answer.body() == null ? "" : answer.body().toString();
        if (text.length() > 500) {
            text = text.substring(0, 500) + "…";
        }
        return "HTTP " + answer.status() + (text.isEmpty() ? "" : ": " + text);
    }
}
