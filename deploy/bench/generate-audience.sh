#!/usr/bin/env bash
# Writes synthetic CSV files for the import benchmark.
#   deploy/bench/generate-audience.sh DIR CUSTOMERS ORDERS
set -euo pipefail
dir=$1; customers=$2; orders=$3
mkdir -p "$dir"
awk -v n="$customers" 'BEGIN {
  srand(42);
  split("Kari Ola Ingrid Lars Nora Jonas Emma Henrik Sofie Magnus", first, " ");
  split("Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Berg", last, " ");
  print "externalId,phone,firstName,lastName,email,locale,timeZone,birthday,consentStatus,consentSource,consentAt,tier";
  for (i = 1; i <= n; i++) {
    f = first[int(rand() * 10) + 1]; l = last[int(rand() * 8) + 1];
    printf "c%07d,+47 9%07d,%s,%s,%s.%d@example.com,nb-NO,,%d-%02d-%02d,opted_in,checkout,2025-%02d-%02dT10:00:00Z,%s\n",
      i, i, f, l, tolower(f), i, 1950 + int(rand() * 55), 1 + int(rand() * 12), 1 + int(rand() * 28),
      1 + int(rand() * 12), 1 + int(rand() * 28), (rand() < 0.1 ? "gold" : "standard");
  }
}' > "$dir/customers.csv"
awk -v n="$orders" -v c="$customers" 'BEGIN {
  srand(7);
  print "orderId,customerId,total,currency,placedAt,couponCode";
  for (i = 1; i <= n; i++) {
    printf "o%08d,c%07d,%d.%02d,NOK,%d-%02d-%02dT%02d:%02d:00Z,%s\n",
      i, 1 + int(rand() * c), 99 + int(rand() * 2000), int(rand() * 100),
      2023 + int(rand() * 3), 1 + int(rand() * 12), 1 + int(rand() * 28), int(rand() * 24), int(rand() * 60),
      (rand() < 0.05 ? "SAVE" int(rand() * 1000) : "");
  }
}' > "$dir/orders.csv"
ls -la "$dir"
