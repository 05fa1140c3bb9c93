-- wrk script: POST a WHO-5 check-in as the signed-in benchmark user, then report p50/p99 and errors.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("HEARTH_COOKIE")
wrk.body = '{"instrument":"who-5","answers":{"1":3,"2":4,"3":2,"4":3,"5":4}}'

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed))
end
