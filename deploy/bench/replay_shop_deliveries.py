#!/usr/bin/env python3
"""Sends deliveries that were stored again, as Shopify does when it missed our answer, and prints how many were
answered as duplicates.
    replay_shop_deliveries.py PORT deliveries.tsv stored-ids.txt
"""
import http.client
import json
import sys

port, path, ids_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
with open(ids_path) as ids_file:
    stored = {line.strip() for line in ids_file if line.strip()}
duplicates = 0
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
with open(path) as deliveries:
    for line in deliveries:
        webhook_id, signature, body = line.rstrip("\n").split("\t", 2)
        if webhook_id not in stored:
            continue
        connection.request("POST", "/webhooks/shopify", body=body.encode(), headers={
            "Content-Type": "application/json", "X-Shopify-Topic": "orders/create",
            "X-Shopify-Webhook-Id": webhook_id, "X-Shopify-Hmac-Sha256": signature})
        answer = connection.getresponse()
        text = answer.read()
        if answer.status == 200 and json.loads(text).get("received") == "duplicate":
            duplicates += 1
print(duplicates)
