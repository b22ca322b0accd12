-- wrk script: replays pre-signed Shopify deliveries (signed_shop_deliveries.py), each thread its own share of the
-- file so no delivery is sent twice, and reports latency percentiles.
local threads = {}
local thread_count = tonumber(os.getenv("WRK_THREADS") or "2")
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  local n = 0
  for line in io.lines(args[1]) do
    if n % thread_count == id then
      local webhook_id, signature, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
      table.insert(lines, { webhook_id, signature, body })
    end
    n = n + 1
  end
  index = 0
end

function request()
  index = index + 1
  if index > #lines then
    index = 1 -- wrapped around: a repeated delivery is answered "duplicate" without being stored again
  end
  local line = lines[index]
  return wrk.format("POST", "/webhooks/shopify", {
    ["Content-Type"] = "application/json",
    ["X-Shopify-Topic"] = "orders/create",
    ["X-Shopify-Webhook-Id"] = line[1],
    ["X-Shopify-Shop-Domain"] = "bench.myshopify.com",
    ["X-Shopify-Hmac-Sha256"] = line[2],
  }, line[3])
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, errors %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("latency p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
