package io.comeback.audience;

import java.util.Map;

public record EventInput(String customerId, String type, String at, Map<String, Object> properties) {}
