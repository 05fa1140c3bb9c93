-- wrk script: GET a page as the signed-in benchmark person (cookie from HEARTH_COOKIE); report rate, p50/p95/p99 and
-- errors: every answer that is not 2xx (a redirect to the login page included) and every socket error.
wrk.method = "GET"
wrk.headers["Cookie"] = os.getenv("HEARTH_COOKIE")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local non2xx = 0
  for _, thread in ipairs(threads) do
    non2xx = non2xx + thread:get("non2xx")
  end
  local sockets = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, non2xx + sockets, non2xx))
end
