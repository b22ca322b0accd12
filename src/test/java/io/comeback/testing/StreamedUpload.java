package io.comeback.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An upload of a large body made on the fly over a plain socket, never held whole by the test: the body is written
 * in 64 KB pieces (chunked, or with a Content-Length that announces it) while another thread reads the answer, as
 * a browser or curl does, so a server that answers early is heard before the body is all sent. Sending stops when
 * the answer has come or the server closes the connection; {@link Outcome#bytesSent} tells how far it got.
 */
public final class StreamedUpload {

    /** Fills a piece of the body; {@code offset} is where in the body it starts. */
    @FunctionalInterface
    public interface Content {
        void fill(byte[] piece, int length, long offset);
    }

    public record Outcome(int status, String head, String body, long bytesSent) {}

    private static final int PIECE = 64 * 1024;

    private StreamedUpload() {}

    /** The same byte over and over. */
    public static Content repeated(char c) {
        return (piece, length, offset) -> java.util.Arrays.fill(piece, 0, length, (byte) c);
    }

    /** The text over and over (ASCII). */
    public static Content repeated(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return (piece, length, offset) -> {
            for (int i = 0; i < length; i++) {
                piece[i] = bytes[(int) ((offset + i) % bytes.length)];
            }
        };
    }

    /** {@code head} first, then {@code filler} for the rest of the body. */
    public static Content startingWith(String head, Content filler) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        return (piece, length, offset) -> {
            filler.fill(piece, length, offset);
            for (int i = 0; i < length && offset + i < start.length; i++) {
                piece[i] = start[(int) (offset + i)];
            }
        };
    }

    public static Outcome send(
            int port,
            String method,
            String path,
            Map<String, String> headers,
            long size,
            boolean chunked,
            Content content) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            AtomicBoolean answered = new AtomicBoolean();
            AtomicReference<String> response = new AtomicReference<>();
            Thread reader = new Thread(() -> response.set(readAnswer(socket, answered)), "upload-answer-reader");
            reader.setDaemon(true);
            reader.start();

            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: localhost:")
                    .append(port)
                    .append("\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n")
                    .append("\r\n");
            long sent = 0;
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                byte[] piece = new byte[PIECE];
                while (sent < size && !answered.get()) {
                    int length = (int) Math.min(PIECE, size - sent);
                    content.fill(piece, length, sent);
                    if (chunked) {
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(piece, 0, length);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    sent += length;
                }
                if (sent == size && chunked) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException closedByServer) {
                // the server answered and closed the connection while the body was still coming: expected
            }
            reader.join(60_000);
            String text = response.get();
            if (text == null || text.length() < 12) {
                throw new IllegalStateException("no answer after " + sent + " bytes sent: " + text);
            }
            int headEnd = text.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? text : text.substring(0, headEnd);
            return new Outcome(
                    Integer.parseInt(text.substring(9, 12)),
                    head,
                    headEnd < 0 ? "" : text.substring(headEnd + 4),
                    sent);
        } catch (IOException e) {
            throw new IllegalStateException("upload to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads one answer, then closes the socket: a server that answers without reading the body may keep the
     * connection open, and closing it is what frees a sender blocked on a full connection.
     */
    private static String readAnswer(Socket socket, AtomicBoolean answered) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
                if (bytes.size() >= 12) {
                    answered.set(true);
                }
                if (complete(bytes.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (IOException e) {
            // a reset after the answer: what was read is the answer
        } finally {
            answered.set(true);
            try {
                socket.close();
            } catch (IOException e) {
                // closed already
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Whether the text holds a whole answer: its head and the body its Content-Length or chunked encoding announces. */
    private static boolean complete(String text) {
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = text.substring(0, headEnd).toLowerCase();
        int length = head.indexOf("content-length:");
        if (length >= 0) {
            int end = head.indexOf("\r\n", length);
            long declared = Long.parseLong(
                    head.substring(length + 15, end < 0 ? head.length() : end).trim());
            return text.length() - headEnd - 4 >= declared;
        }
        if (head.contains("transfer-encoding: chunked")) {
            return text.endsWith("0\r\n\r\n");
        }
        return false; // the body runs to the end of the connection
    }
}
