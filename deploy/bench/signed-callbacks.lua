-- wrk script: replays pre-signed Twilio status callbacks (signed_status_callbacks.py), each thread
-- its own share of the file so no callback is sent twice, and reports latency percentiles.
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
      local message_id, signature, body = line:match("^(%d+)\t([^\t]+)\t(.*)$")
      table.insert(lines, { message_id, signature, body })
    end
    n = n + 1
  end
  index = 0
end

function request()
  index = index + 1
  if index > #lines then
    index = 1 -- wrapped around: repeated callbacks are acknowledged without being stored again
  end
  local line = lines[index]
  return wrk.format("POST", "/webhooks/twilio/status?messageId=" .. line[1], {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Twilio-Signature"] = line[2],
  }, line[3])
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, non-2xx %d, errors %d\n", summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 99, 99.9 }) do
    io.write(string.format("latency p%s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
