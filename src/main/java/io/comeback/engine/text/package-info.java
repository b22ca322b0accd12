/**
 * Pure text utilities for SMS: segment counting ({@link io.comeback.engine.text.SmsSegments}),
 * NPS score understanding ({@link io.comeback.engine.text.NpsScoreParser}), keyword matching
 * ({@link io.comeback.engine.text.KeywordMatcher}, {@link io.comeback.engine.text.TextNormalizer}),
 * the standing commands STOP / START / HELP in six languages and the language a text is in
 * ({@link io.comeback.engine.text.InboundKeywords}, {@link io.comeback.engine.text.KeywordLexicons})
 * and message templates ({@link io.comeback.engine.text.Template}). JDK only.
 */
package io.comeback.engine.text;
