-- POSTs one file as the body of every request, and prints what the benchmarks record as JSON.
--   wrk -t2 -c16 -d10s -s bench/wrk/post.lua http://localhost:8080/gradient -- FILE [CONTENT_TYPE]
function init(args)
    local file = assert(io.open(args[1], "rb"))
    wrk.method = "POST"
    wrk.body = file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = args[2] or "application/json"
    wrk.headers["Accept"] = args[2] or "application/json"
end

function done(summary, latency, requests)
    io.write(string.format(
        'RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "errors": %d}\n',
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
