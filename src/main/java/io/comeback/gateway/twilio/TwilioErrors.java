package io.comeback.gateway.twilio;

import com.twilio.exception.ApiException;
import io.comeback.messaging.port.SendOutcome;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Turns what the SDK threw on a create into an outcome. The question that matters is whether Twilio
 * may have created the message: only when it certainly did not is a retry allowed.
 */
final class TwilioErrors {

    /** Twilio's code for "Too Many Requests" (concurrency or rate limit). */
    static final int TOO_MANY_REQUESTS = 20429;

    private TwilioErrors() {}

    static SendOutcome classify(RuntimeException e) {
        if (neverLeft(e)) {
            return new SendOutcome.Refused("connection-failed", "no connection to Twilio: " + e.getMessage(), true);
        }
        if (e instanceof ApiException api) {
            Integer status = api.getStatusCode() != null ? api.getStatusCode() : api.getHttpStatusCode();
            Integer code = api.getCode();
            if ((status != null && status == 429) || (code != null && code == TOO_MANY_REQUESTS)) {
                // Twilio processes no request it answers 429: safe to send again once fewer are in flight.
                return new SendOutcome.Refused(code != null ? code.toString() : "429", api.getMessage(), true, true);
            }
            if (status != null && status >= 400 && status < 500) {
                return new SendOutcome.Refused(
                        code != null ? code.toString() : "http-" + status, api.getMessage(), false);
            }
            if (status != null && status >= 500) {
                return new SendOutcome.Indeterminate(
                        "Twilio answered " + status + describe(code) + ": " + api.getMessage());
            }
        }
        // A read timeout, a dropped connection, an unreadable answer: the request may have been taken.
        return new SendOutcome.Indeterminate("no usable answer from Twilio: " + e.getMessage());
    }

    /** True when the connection failed before the request could be written (or no pooled connection was free). */
    private static boolean neverLeft(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof ConnectionRequestTimeoutException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Integer code) {
        return code == null ? "" : " (error " + code + ")";
    }
}
