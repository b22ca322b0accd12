package io.comeback.inbound;

/**
 * Where an inbound text went ({@code inbound_messages.routed_to}: help, opt_out, resubscribe, keyword_confirmation,
 * keyword, enrollment, inbox), whom and what it touched, and the answer it gets at once (null: none).
 */
record InboundRoute(String routedTo, Long customerId, Long enrollmentId, String flowId, String answer) {

    static InboundRoute answered(String routedTo, Long customerId, String answer) {
        return new InboundRoute(routedTo, customerId, null, null, answer);
    }

    boolean isInbox() {
        return "inbox".equals(routedTo);
    }
}
