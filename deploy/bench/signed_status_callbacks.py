#!/usr/bin/env python3
"""Writes signed Twilio status callbacks for wrk: one line per request, "signature<TAB>form body".

Signed as Twilio signs them (HMAC-SHA1 with the auth token over the public URL followed by each
parameter's name and value sorted by name, base64), each with its own MessageSid so every request
is a new callback to store.
    signed_status_callbacks.py AUTH_TOKEN PUBLIC_URL COUNT > callbacks.tsv
"""
import base64
import hashlib
import hmac
import sys
import urllib.parse
import uuid

token, public_url, count = sys.argv[1], sys.argv[2].rstrip('/'), int(sys.argv[3])
statuses = ['queued', 'sent', 'delivered']
out = sys.stdout
for i in range(count):
    sid = 'SM' + uuid.uuid4().hex
    message_id = i + 1
    url = f'{public_url}/webhooks/twilio/status?messageId={message_id}'
    params = {
        'AccountSid': 'AC0123456789abcdef0123456789abcdef', 'ApiVersion': '2010-04-01',
        'From': '+4759440000', 'To': '+4791%06d' % (i % 1000000),
        'MessageSid': sid, 'SmsSid': sid,
        'MessageStatus': statuses[i % 3], 'SmsStatus': statuses[i % 3],
    }
    data = url + ''.join(k + params[k] for k in sorted(params))
    signature = base64.b64encode(hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()).decode()
    out.write(f'{message_id}\t{signature}\t{urllib.parse.urlencode(params)}\n')
