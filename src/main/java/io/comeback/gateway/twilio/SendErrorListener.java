package io.comeback.gateway.twilio;

/** Told about each error code Twilio answers a create with, so the code can be acted on. */
@FunctionalInterface
interface SendErrorListener {
    void onSendError(String errorCode, String to, long messageId);

    SendErrorListener IGNORE = (code, to, messageId) -> {};
}
