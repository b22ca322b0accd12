package io.comeback.enrollment;

import io.comeback.engine.run.FlowEvent;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Flow events as the small JSON documents queued in {@code enrollment_signals}. */
final class SignalCodec {

    private SignalCodec() {}

    /**
     * The {@code ordered} signal {@link #write} writes, built in SQL from three columns (order id, total, coupon
     * code) for signals queued by the set (an import's batch). {@link #read} reads both alike.
     */
    static final String ORDERED_SQL =
            "jsonb_build_object('type', 'ordered', 'orderId', %s, 'total', CAST(%s AS text), 'couponCode', %s)";

    static String write(FlowEvent event) {
        return StateCodec.write(document(event));
    }

    /** A reply and the id of the inbound message that carried it. */
    static String write(FlowEvent.Replied reply, long inboundMessageId) {
        Map<String, String> doc = document(reply);
        doc.put(INBOUND_MESSAGE_ID, Long.toString(inboundMessageId));
        return StateCodec.write(doc);
    }

    /** The inbound message a reply signal came in, or null (other signals, replies queued before V50). */
    static Long inboundMessageId(String json) {
        String id = StateCodec.readStringMap(json).get(INBOUND_MESSAGE_ID);
        return id == null ? null : Long.valueOf(id);
    }

    private static final String INBOUND_MESSAGE_ID = "inboundMessageId";

    private static Map<String, String> document(FlowEvent event) {
        Map<String, String> doc = new HashMap<>();
        if (event instanceof FlowEvent.Replied replied) {
            doc.put("type", "replied");
            doc.put("body", replied.body());
        } else if (event instanceof FlowEvent.Ordered ordered) {
            doc.put("type", "ordered");
            doc.put("orderId", ordered.orderId());
            doc.put("total", ordered.total() == null ? null : ordered.total().toPlainString());
            doc.put("couponCode", ordered.couponCode());
        } else if (event instanceof FlowEvent.Clicked clicked) {
            doc.put("type", "clicked");
            doc.put("link", clicked.link());
        } else if (event instanceof FlowEvent.SiteVisit) {
            doc.put("type", "site_visit");
        } else if (event instanceof FlowEvent.OptedOut) {
            doc.put("type", "opted_out");
        } else if (event instanceof FlowEvent.Custom custom) {
            doc.putAll(custom.data());
            doc.put("type", "custom");
            doc.put("name", custom.name());
        } else {
            throw new IllegalArgumentException("Not a signal: " + event);
        }
        return doc;
    }

    static FlowEvent read(String json) {
        Map<String, String> doc = StateCodec.readStringMap(json);
        String type = doc.get("type");
        switch (type) {
            case "replied":
                return new FlowEvent.Replied(doc.get("body"));
            case "ordered":
                return new FlowEvent.Ordered(
                        doc.get("orderId"),
                        doc.get("total") == null ? null : new BigDecimal(doc.get("total")),
                        doc.get("couponCode"));
            case "clicked":
                return new FlowEvent.Clicked(doc.get("link"));
            case "site_visit":
                return new FlowEvent.SiteVisit();
            case "opted_out":
                return new FlowEvent.OptedOut();
            default:
                Map<String, String> data = new HashMap<>(doc);
                data.remove("type");
                String name = data.remove("name");
                data.values().removeIf(java.util.Objects::isNull);
                return new FlowEvent.Custom(name == null ? "custom" : name, data);
        }
    }
}
