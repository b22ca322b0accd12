package io.comeback.inbound;

import java.time.Instant;

/** A text a person sent us, as any gateway reports it. {@code from} is E.164. */
public record InboundSms(String providerMessageId, String from, String to, String body, Instant receivedAt) {}
