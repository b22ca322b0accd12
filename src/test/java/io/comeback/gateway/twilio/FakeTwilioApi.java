package io.comeback.gateway.twilio;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for Twilio's 2010 Messages API, answering as {@code twilio_api_v2010.yaml} describes:
 * 201 with an {@code api.v2010.account.message} object, or an error object
 * {@code {code, message, more_info, status}}. Records every request it receives (unless made for a benchmark),
 * and answers requests side by side with the latency and concurrency limit of {@link #load()}.
 */
final class FakeTwilioApi implements AutoCloseable {

    static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    record Received(String method, String path, String query, String authorization, Map<String, String> form) {
        String username() {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring("Basic ".length())), StandardCharsets.UTF_8);
            return decoded.substring(0, decoded.indexOf(':'));
        }
    }

    /**
     * What to do with the next request: answer with a status and body, or drop the connection unanswered; or
     * ({@code late}) process it as usual and answer after {@code delay} (a create whose answer comes too late).
     */
    record Scripted(int status, String body, boolean dropConnection, Duration delay) {
        Scripted(int status, String body, boolean dropConnection) {
            this(status, body, dropConnection, null);
        }

        boolean late() {
            return status == 0 && !dropConnection && delay != null;
        }
    }

    /** Twilio's RFC 2822 dates, {@code Mon, 02 Mar 2026 10:00:00 +0000}: what the SDK parses. */
    private static final DateTimeFormatter TWILIO_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final boolean remember;
    private final FakeTwilioLoad load = new FakeTwilioLoad();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
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
        /** Set when the message leaves Twilio (sent or any later status), as Twilio does; null while queued. */
        volatile ZonedDateTime sent;

        StoredMessage(String sid, Map<String, String> form, ZonedDateTime created, String status) {
            this.sid = sid;
            this.form = form;
            this.created = created;
            this.status = status;
        }
    }

    FakeTwilioApi() throws IOException {
        this(0, true);
    }

    /**
     * @param port     0 for any free one
     * @param remember false for a benchmark: neither requests nor messages are kept, only {@link #load()}'s counts
     */
    FakeTwilioApi(int port, boolean remember) throws IOException {
        // Without TCP_NODELAY the server's answer (headers, then body: two writes) waits for the client's delayed
        // ACK, about 40 ms on Linux: a latency Twilio does not have. Read when the JDK's server is first used.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.remember = remember;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/", this::handle);
        // Requests are answered side by side, as Twilio does, each after the latency.
        handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-twilio");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.start();
    }

    FakeTwilioLoad load() {
        return load;
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests received so far, in order of arrival. */
    List<Received> received() {
        return List.copyOf(received);
    }

    synchronized void answerError(int httpStatus, Integer code, String message) {
        String codeJson = code == null ? "null" : code.toString();
        String moreInfo = code == null ? "null" : "\"https://www.twilio.com/docs/errors/" + code + "\"";
        script.add(new Scripted(
                httpStatus,
                "{\"code\": " + codeJson + ", \"message\": \"" + message + "\", \"more_info\": " + moreInfo
                        + ", \"status\": " + httpStatus + "}",
                false));
    }

    synchronized void answerRaw(int httpStatus, String body) {
        script.add(new Scripted(httpStatus, body, false));
    }

    synchronized void dropNextConnection() {
        script.add(new Scripted(0, null, true));
    }

    /** The next request is processed (a create creates its message) but answered only after {@code delay}. */
    synchronized void answerNextAfter(Duration delay) {
        script.add(new Scripted(0, null, false, delay));
    }

    /** Moves a created message on, as Twilio would after delivery attempts. */
    void progress(String sid, String status, Integer errorCode) {
        StoredMessage message = messages.get(sid);
        message.status = status;
        message.errorCode = errorCode;
        if (message.sent == null
                && List.of("sent", "delivered", "undelivered", "read").contains(status)) {
            message.sent = ZonedDateTime.now();
        }
    }

    /** A message someone else created (another service, an earlier day), already sent; returns its SID. */
    String seedSent(String to, String body, ZonedDateTime created) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        StoredMessage message = new StoredMessage(sid, Map.of("To", to, "Body", body), created, "delivered");
        message.sent = created;
        messages.put(sid, message);
        return sid;
    }

    /** The SIDs of the messages created for a recipient, oldest first. */
    List<String> sidsTo(String to) {
        return messages.values().stream()
                .filter(m -> to.equals(m.form.get("To")))
                .sorted((a, b) -> a.created.compareTo(b.created))
                .map(m -> m.sid)
                .toList();
    }

    private synchronized Scripted next() {
        return script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().equals("/bench/stats")) {
            answer(exchange, new Scripted(200, load.stats().json(), false), -1);
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = decodeForm(body);
        if (remember) {
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    form));
        }
        int concurrent = load.enter();
        if (concurrent < 0) {
            answer(exchange, tooManyRequests(), load.inFlightNow());
            return;
        }
        Scripted scripted;
        try {
            scripted = next();
            if (scripted != null && scripted.dropConnection()) {
                exchange.close(); // the request was read; no answer ever comes back
                return;
            }
            pause(load.latency);
            if (scripted == null) {
                scripted = answerFor(exchange, form);
            } else if (scripted.late()) {
                Duration delay = scripted.delay();
                scripted = answerFor(exchange, form); // done at once; only the answer is late
                pause(delay);
            }
        } finally {
            load.leave();
        }
        answer(exchange, scripted, concurrent);
    }

    private Scripted answerFor(HttpExchange exchange, Map<String, String> form) {
        try {
            return exchange.getRequestMethod().equals("GET") ? read(exchange.getRequestURI()) : create(form);
        } catch (RuntimeException e) {
            e.printStackTrace(); // a bug in the fake shows in the test output, not as a mysterious dropped connection
            throw e;
        }
    }

    private static void answer(HttpExchange exchange, Scripted scripted, int concurrent) throws IOException {
        byte[] bytes = scripted.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (concurrent >= 0) {
            exchange.getResponseHeaders().set("Twilio-Concurrent-Requests", Integer.toString(concurrent));
        }
        exchange.sendResponseHeaders(scripted.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Twilio's answer to one request too many for the account: nothing was processed. */
    private static Scripted tooManyRequests() {
        return new Scripted(
                429,
                "{\"code\": 20429, \"message\": \"Too Many Requests\", \"more_info\":"
                        + " \"https://www.twilio.com/docs/errors/20429\", \"status\": 429}",
                false);
    }

    private static void pause(Duration duration) {
        if (duration == null || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Scripted create(Map<String, String> form) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        // With a Messaging Service Twilio first answers "accepted" (it still has to pick a sender).
        String status = form.containsKey("MessagingServiceSid") ? "accepted" : "queued";
        StoredMessage message = new StoredMessage(sid, form, ZonedDateTime.now(), status);
        if (remember) {
            messages.put(sid, message);
        }
        load.created(ledgerIdOf(form.get("StatusCallback")));
        return new Scripted(201, json(message), false);
    }

    /** The ledger id our gateway puts in the StatusCallback URL ({@code …?messageId=42}), or null. */
    private static Long ledgerIdOf(String statusCallback) {
        if (statusCallback == null || !statusCallback.contains("messageId=")) {
            return null;
        }
        return Long.parseLong(statusCallback.substring(statusCallback.indexOf("messageId=") + "messageId=".length()));
    }

    /**
     * GET of one message ({@code Messages/SM….json}) or of the list, filtered by {@code To} and
     * {@code DateSent>} (messages not sent yet have no DateSent and are left out, as at Twilio), newest
     * first, in pages of {@code PageSize} with a {@code next_page_uri} while more follow.
     */
    private Scripted read(URI uri) {
        String path = uri.getPath();
        if (path.equals(MESSAGES_PATH)) {
            Map<String, String> query = decodeForm(uri.getRawQuery() == null ? "" : uri.getRawQuery());
            String to = query.get("To");
            ZonedDateTime sentAfter = query.containsKey("DateSent>") ? parseDate(query.get("DateSent>")) : null;
            int pageSize = Integer.parseInt(query.getOrDefault("PageSize", "50"));
            int pageNumber = Integer.parseInt(query.getOrDefault("Page", "0"));
            List<String> all = messages.values().stream()
                    .filter(m -> to == null || to.equals(m.form.get("To")))
                    .filter(m -> sentAfter == null || (m.sent != null && !m.sent.isBefore(sentAfter)))
                    .sorted((a, b) -> b.created.compareTo(a.created))
                    .map(FakeTwilioApi::json)
                    .toList();
            int from = Math.min(pageNumber * pageSize, all.size());
            int until = Math.min(from + pageSize, all.size());
            String base = MESSAGES_PATH + "?"
                    + (to == null ? "" : "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&")
                    + (sentAfter == null
                            ? ""
                            : "DateSent%3E=" + URLEncoder.encode(query.get("DateSent>"), StandardCharsets.UTF_8) + "&")
                    + "PageSize=" + pageSize;
            String next = until < all.size() ? "\"" + base + "&Page=" + (pageNumber + 1) + "\"" : "null";
            return new Scripted(
                    200,
                    "{\"end\": " + Math.max(until - 1, 0) + ", \"first_page_uri\": \"" + base
                            + "&Page=0\", \"next_page_uri\": " + next + ", \"page\": " + pageNumber
                            + ", \"page_size\": " + pageSize + ","
                            + " \"previous_page_uri\": null, \"start\": " + from + ", \"uri\": \"" + base + "&Page="
                            + pageNumber + "\","
                            + " \"messages\": [" + String.join(",", all.subList(from, until)) + "]}",
                    false);
        }
        String sid = path.substring(path.lastIndexOf('/') + 1).replace(".json", "");
        StoredMessage message = messages.get(sid);
        if (message == null) {
            return new Scripted(
                    404,
                    "{\"code\": 20404, \"message\": \"The requested resource " + path
                            + " was not found\", \"more_info\": \"https://www.twilio.com/docs/errors/20404\", \"status\": 404}",
                    false);
        }
        return new Scripted(200, json(message), false);
    }

    /** A day ({@code 2026-03-02}) or an ISO 8601 date-time, in UTC unless it says otherwise (the SDK sends {@code 2026-03-02T10:00:00}). */
    private static ZonedDateTime parseDate(String value) {
        if (value.length() == 10) {
            return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC);
        }
        return value.length() == 19
                ? java.time.LocalDateTime.parse(value).atZone(java.time.ZoneOffset.UTC)
                : ZonedDateTime.parse(value);
    }

    /** The Message resource as the 2010 API returns it (schema api.v2010.account.message). */
    private static String json(StoredMessage m) {
        String date = TWILIO_DATE.format(m.created);
        String service = m.form.get("MessagingServiceSid");
        return "{"
                + "\"account_sid\": \"" + ACCOUNT_SID + "\", \"api_version\": \"2010-04-01\","
                + "\"body\": \"" + m.form.getOrDefault("Body", "").replace("\"", "\\\"") + "\","
                + "\"date_created\": \"" + date + "\", \"date_sent\": "
                + (m.sent == null ? "null" : "\"" + TWILIO_DATE.format(m.sent) + "\"") + ", \"date_updated\": \"" + date
                + "\","
                + "\"direction\": \"outbound-api\", \"error_code\": " + m.errorCode + ", \"error_message\": null,"
                + "\"from\": " + quotedOrNull(m.form.get("From")) + ","
                + "\"messaging_service_sid\": " + quotedOrNull(service) + ","
                + "\"num_media\": \"0\", \"num_segments\": \"1\", \"price\": null, \"price_unit\": \"USD\","
                + "\"sid\": \"" + m.sid + "\", \"status\": \"" + m.status + "\","
                + "\"subresource_uris\": {\"media\": \"/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + m.sid
                + "/Media.json\"},"
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
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
