#!/usr/bin/env bash
# Writes the CSV files of the inactivity-detection benchmark: customers with a personal buying
# rhythm, so the windows (fixed, personal rhythm) split them into regular, slipping and lost.
#   deploy/bench/generate-lapse-audience.sh DIR CUSTOMERS ORDERS [NOW_EPOCH]
# Customer i: zone Oslo/Stockholm/New York by i % 3; opted out when i % 10 = 0; i % k orders
# (k = 2 × ORDERS/CUSTOMERS + 1, so ORDERS on average), the last (i × 104729) % 500 days before
# NOW, then every 15 + (i × 7919) % 180 days back, each shifted by up to a day of minutes.
# The same distribution as the SQL-generated audience of the earlier measurements.
set -euo pipefail
dir=$1; customers=$2; orders=$3; now=${4:-$(date -u +%s)}
mkdir -p "$dir"
awk -v n="$customers" 'BEGIN {
  split("Europe/Oslo Europe/Stockholm America/New_York", zone, " ");
  print "externalId,phone,firstName,timeZone,consentStatus,consentSource,consentAt";
  for (i = 1; i <= n; i++) {
    printf "c%07d,+479%07d,Kari,%s,%s,checkout,2025-01-01T10:00:00Z\n",
      i, i, zone[1 + i % 3], (i % 10 == 0 ? "opted_out" : "opted_in");
  }
}' > "$dir/customers.csv"
awk -v n="$customers" -v o="$orders" -v now="$now" 'BEGIN {
  k = int(2 * o / n) + 1;
  # i % k orders each falls a few short of ORDERS: the first customers take one more each.
  for (i = 1; i <= n; i++) sum += i % k;
  extra = o - sum;
  print "orderId,customerId,total,currency,placedAt,couponCode";
  for (i = 1; i <= n; i++) {
    last = now - ((i * 104729) % 500) * 86400;
    gap = (15 + (i * 7919) % 180) * 86400;
    for (j = 0; j < i % k + (i <= extra ? 1 : 0); j++) {
      t = last - j * gap - ((i + j * 13) % 1440) * 60;
      printf "o%07d-%02d,c%07d,%d.00,NOK,%s,\n", i, j, i, 100 + (i * 31 + j) % 900, strftime("%Y-%m-%dT%H:%M:%SZ", t, 1);
    }
  }
}' > "$dir/orders.csv"
echo "$now" > "$dir/now"
echo "generated in $dir: $(($(wc -l < "$dir/customers.csv") - 1)) customers, $(($(wc -l < "$dir/orders.csv") - 1)) orders (now = $now)"
