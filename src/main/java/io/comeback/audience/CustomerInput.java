package io.comeback.audience;

import java.util.Map;

/**
 * A customer as a shop sends it (JSON body or CSV row), before validation. Dates, zones and
 * instants arrive as text so that a bad value is reported against its own field.
 */
public record CustomerInput(
        String phone,
        String firstName,
        String lastName,
        String email,
        String locale,
        String timeZone,
        String birthday,
        Map<String, Object> attributes,
        ConsentInput consent) {

    public record ConsentInput(String status, String source, String text, String at) {}
}
