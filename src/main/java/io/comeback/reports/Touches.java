package io.comeback.reports;

import java.math.BigDecimal;

/** The last-touch part of a funnel (README "Reports"): clicks, attributed orders and revenue, opt-outs. */
record Touches(long clicked, long attributedOrders, BigDecimal attributedRevenue, long optedOut) {}
