-- wrk script: GET a page as the signed-in benchmark person (cookie from HEARTH_COOKIE); report rate, p50/p95/p99 and
-- every answer that is not 2xx (wrk's own count: summary.errors.status) or a socket error.
wrk.method = "GET"
wrk.headers["Cookie"] = os.getenv("HEARTH_COOKIE")

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, failed, summary.errors.status))
end
