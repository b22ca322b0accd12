package io.comeback.audience;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The main time zone of a country, for customers who did not tell theirs (data: tz database zone.tab). */
final class CountryTimeZones {

    private static final Map<String, ZoneId> ZONES = load();

    private CountryTimeZones() {}

    static Optional<ZoneId> of(String regionCode) {
        return Optional.ofNullable(ZONES.get(regionCode));
    }

    private static Map<String, ZoneId> load() {
        Map<String, ZoneId> zones = new HashMap<>();
        try (InputStream in = CountryTimeZones.class.getResourceAsStream("/country-time-zones.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                zones.put(parts[0], ZoneId.of(parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(zones);
    }
}
