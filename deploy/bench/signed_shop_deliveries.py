#!/usr/bin/env python3
"""Writes signed Shopify webhook deliveries for wrk: one line per request, "webhook id<TAB>signature<TAB>body".

Signed as Shopify signs them: the base64 HMAC-SHA256 of the exact body under the webhook secret. Each is an
orders/create delivery of its own (its own X-Shopify-Webhook-Id, order and customer), a few lines each, about the
size of a real order record, so every request is a new delivery to store.
    signed_shop_deliveries.py SECRET COUNT > deliveries.tsv
"""
import base64
import hashlib
import hmac
import json
import sys
import uuid

secret, count = sys.argv[1].encode(), int(sys.argv[2])
out = sys.stdout
for i in range(count):
    order_id = 7_000_000_000_000 + i
    customer_id = 8_000_000_000_000 + i
    lines = [
        {"id": order_id * 10 + n, "product_id": 632910392 + n, "variant_id": 808950810 + n, "sku": f"SKU-{n}",
         "title": f"Product {n}", "name": f"Product {n} - M", "variant_title": "M", "vendor": "Comeback",
         "quantity": 1 + n % 2, "price": "199.00", "gift_card": False, "taxable": True,
         "tax_lines": [{"title": "MVA", "price": "39.80", "rate": 0.25}]}
        for n in range(3)
    ]
    order = {
        "id": order_id, "admin_graphql_api_id": f"gid://shopify/Order/{order_id}", "name": f"#{1000 + i}",
        "email": f"buyer{i}@example.com", "phone": None, "created_at": "2026-05-17T10:00:00+02:00",
        "updated_at": "2026-05-17T10:00:05+02:00", "processed_at": "2026-05-17T10:00:00+02:00",
        "cancelled_at": None, "currency": "NOK", "presentment_currency": "NOK", "financial_status": "paid",
        "fulfillment_status": None, "total_price": "796.00", "subtotal_price": "796.00", "total_tax": "159.20",
        "total_discounts": "0.00", "customer_locale": "nb-NO", "checkout_token": uuid.uuid4().hex,
        "discount_codes": [], "line_items": lines, "refunds": [],
        "customer": {"id": customer_id, "email": f"buyer{i}@example.com", "first_name": "Kari",
                     "last_name": "Nordmann", "phone": "+4791%06d" % (i % 1000000),
                     "updated_at": "2026-05-17T10:00:05+02:00",
                     "sms_marketing_consent": {"state": "subscribed", "opt_in_level": "single_opt_in",
                                               "consent_updated_at": "2026-05-17T10:00:00+02:00",
                                               "consent_collected_from": "SHOPIFY"}},
        "billing_address": {"first_name": "Kari", "last_name": "Nordmann", "address1": "Storgata 1",
                            "city": "Oslo", "zip": "0155", "country_code": "NO", "phone": None},
    }
    body = json.dumps(order, separators=(",", ":"))
    signature = base64.b64encode(hmac.new(secret, body.encode(), hashlib.sha256).digest()).decode()
    out.write(f"{uuid.uuid4()}\t{signature}\t{body}\n")
