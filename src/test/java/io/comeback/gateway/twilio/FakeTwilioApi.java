package io.comeback.gateway.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Twilio's 2010 Messages API, answering as {@code twilio_api_v2010.yaml} describes:
 * 201 with an {@code api.v2010.account.message} object, or an error object
 * {@code {code, message, more_info, status}}. Records every request it receives.
 */
final class FakeTwilioApi implements AutoCloseable {

    static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    record Received(String method, String path, String query, String authorization, Map<String, String> form) {
        String username() {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                    StandardCharsets.UTF_8);
            return decoded.substring(0, decoded.indexOf(':'));
        }
    }

    /** What to do with the next request: answer with a status and body, or drop the connection unanswered. */
    record Scripted(int status, String body, boolean dropConnection) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> script = new ArrayDeque<>();
    /** Created messages by SID, as they would be fetched now (newest last). */
    private final Map<String, StoredMessage> messages = new java.util.concurrent.ConcurrentHashMap<>();

    /** A created message; its status and error code can be moved on by the test. */
    static final class StoredMessage {
        final String sid;
        final Map<String, String> form;
        final ZonedDateTime created;
        volatile String status;
        volatile Integer errorCode;

        StoredMessage(String sid, Map<String, String> form, ZonedDateTime created, String status) {
            this.sid = sid;
            this.form = form;
            this.created = created;
            this.status = status;
        }
    }

    FakeTwilioApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return received;
    }

    synchronized void answerError(int httpStatus, Integer code, String message) {
        String codeJson = code == null ? "null" : code.toString();
        String moreInfo = code == null ? "null" : "\"https://www.twilio.com/docs/errors/" + code + "\"";
        script.add(new Scripted(httpStatus, "{\"code\": " + codeJson + ", \"message\": \"" + message
                + "\", \"more_info\": " + moreInfo + ", \"status\": " + httpStatus + "}", false));
    }

    synchronized void answerRaw(int httpStatus, String body) {
        script.add(new Scripted(httpStatus, body, false));
    }

    synchronized void dropNextConnection() {
        script.add(new Scripted(0, null, true));
    }

    /** Moves a created message on, as Twilio would after delivery attempts. */
    void progress(String sid, String status, Integer errorCode) {
        StoredMessage message = messages.get(sid);
        message.status = status;
        message.errorCode = errorCode;
    }

    private synchronized Scripted next() {
        return script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = decodeForm(body);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"), form));
        Scripted scripted = next();
        if (scripted != null && scripted.dropConnection()) {
            exchange.close(); // the request was read; no answer ever comes back
            return;
        }
        if (scripted == null) {
            scripted = exchange.getRequestMethod().equals("GET") ? read(exchange.getRequestURI()) : create(form);
        }
        byte[] bytes = scripted.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(scripted.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Scripted create(Map<String, String> form) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        // With a Messaging Service Twilio first answers "accepted" (it still has to pick a sender).
        String status = form.containsKey("MessagingServiceSid") ? "accepted" : "queued";
        StoredMessage message = new StoredMessage(sid, form, ZonedDateTime.now(), status);
        messages.put(sid, message);
        return new Scripted(201, json(message), false);
    }

    /** GET of one message ({@code Messages/SM….json}) or of the list filtered by {@code To}. */
    private Scripted read(URI uri) {
        String path = uri.getPath();
        if (path.equals(MESSAGES_PATH)) {
            String to = decodeForm(uri.getRawQuery() == null ? "" : uri.getRawQuery()).get("To");
            List<String> page = messages.values().stream()
                    .filter(m -> to == null || to.equals(m.form.get("To")))
                    .sorted((a, b) -> b.created.compareTo(a.created))
                    .map(FakeTwilioApi::json).toList();
            return new Scripted(200, "{\"end\": " + Math.max(page.size() - 1, 0) + ", \"first_page_uri\": \"" + MESSAGES_PATH
                    + "?PageSize=50&Page=0\", \"next_page_uri\": null, \"page\": 0, \"page_size\": 50,"
                    + " \"previous_page_uri\": null, \"start\": 0, \"uri\": \"" + MESSAGES_PATH + "?PageSize=50&Page=0\","
                    + " \"messages\": [" + String.join(",", page) + "]}", false);
        }
        String sid = path.substring(path.lastIndexOf('/') + 1).replace(".json", "");
        StoredMessage message = messages.get(sid);
        if (message == null) {
            return new Scripted(404, "{\"code\": 20404, \"message\": \"The requested resource " + path
                    + " was not found\", \"more_info\": \"https://www.twilio.com/docs/errors/20404\", \"status\": 404}", false);
        }
        return new Scripted(200, json(message), false);
    }

    /** The Message resource as the 2010 API returns it (schema api.v2010.account.message). */
    private static String json(StoredMessage m) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(m.created);
        String service = m.form.get("MessagingServiceSid");
        return "{"
                + "\"account_sid\": \"" + ACCOUNT_SID + "\", \"api_version\": \"2010-04-01\","
                + "\"body\": \"" + m.form.getOrDefault("Body", "").replace("\"", "\\\"") + "\","
                + "\"date_created\": \"" + date + "\", \"date_sent\": null, \"date_updated\": \"" + date + "\","
                + "\"direction\": \"outbound-api\", \"error_code\": " + m.errorCode + ", \"error_message\": null,"
                + "\"from\": " + quotedOrNull(m.form.get("From")) + ","
                + "\"messaging_service_sid\": " + quotedOrNull(service) + ","
                + "\"num_media\": \"0\", \"num_segments\": \"1\", \"price\": null, \"price_unit\": \"USD\","
                + "\"sid\": \"" + m.sid + "\", \"status\": \"" + m.status + "\","
                + "\"subresource_uris\": {\"media\": \"/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + m.sid + "/Media.json\"},"
                + "\"to\": \"" + m.form.get("To") + "\","
                + "\"uri\": \"/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + m.sid + ".json\""
                + "}";
    }

    private static String quotedOrNull(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static Map<String, String> decodeForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
